package org.juju.provider.ec2.testcloud;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory EC2 and S3 for tests: two HTTP servers, one speaking the EC2 Query protocol (API version 2016-11-15),
 * one the S3 REST protocol with path-style addressing, good enough for the AWS SDK for Java v2 pointed at them with
 * {@code endpointOverride}, region {@link #region()}, static credentials {@link #accessKey()}/{@link #secretKey()}
 * and (S3) {@code forcePathStyle(true)}.
 *
 * <p>Every request is recorded ({@link #requests()}). Requests signed with another access key, or unsigned, are
 * refused: EC2 {@code AuthFailure} (401), S3 {@code InvalidAccessKeyId} (403; unsigned: {@code AccessDenied}).
 * EC2 POST requests and presigned S3 URLs must also carry a valid SigV4 signature under {@link #secretKey()}
 * ({@code SignatureDoesNotMatch}, 403); other S3 requests are checked for the access key only. Presigned URLs expire
 * by {@link #now()}. Faults can be injected per action ({@link #inject}).
 *
 * <p>Instances are brought up by an {@link InstanceBoot} on a background thread after RunInstances has answered:
 * {@code pending} until it returns, then {@code running}. Terminated instances stay listed, as on AWS.
 */
public final class TestCloud implements AutoCloseable {
    /** The access key the cloud accepts. */
    public static final String ACCESS_KEY = "AKIATESTCLOUD0000000";
    /** The secret key matching {@link #ACCESS_KEY}. */
    public static final String SECRET_KEY = "testcloud/secret/0000000000000000000000";

    private final HttpServer ec2Server;
    private final HttpServer s3Server;
    private final ExecutorService httpExecutor;
    private final ExecutorService bootExecutor;
    private final Ec2Service ec2;
    private final S3Service s3;
    private final List<CloudRequest> requests = new ArrayList<>();
    private final Map<String, ArrayList<CloudFault>> faults = new HashMap<>();
    private volatile Duration clockOffset = Duration.ZERO;

    private TestCloud(InetAddress bind, InstanceBoot boot) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        httpExecutor = Executors.newCachedThreadPool(r -> daemon(r, "testcloud-http-" + threads.incrementAndGet()));
        bootExecutor = Executors.newCachedThreadPool(r -> daemon(r, "testcloud-boot-" + threads.incrementAndGet()));
        ec2 = new Ec2Service(this, boot, bootExecutor);
        s3 = new S3Service(this);
        ec2Server = HttpServer.create(new InetSocketAddress(bind, 0), 50);
        s3Server = HttpServer.create(new InetSocketAddress(bind, 0), 50);
        ec2Server.createContext("/", ec2);
        s3Server.createContext("/", s3);
        ec2Server.setExecutor(httpExecutor);
        s3Server.setExecutor(httpExecutor);
        ec2Server.start();
        s3Server.start();
        addImage("ami-0deb12a0000000001", "debian-12-amd64-20260915-1100", "136693071363", "x86_64");
        addImage("ami-0deb12a0000000002", "debian-12-amd64-20261020-1234", "136693071363", "x86_64");
        addImage("ami-0deb12a0000000003", "debian-12-arm64-20261020-1234", "136693071363", "arm64");
        addImage("ami-0ub2204a000000001", "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20261015",
                "099720109477", "x86_64");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts the cloud on free ports of {@code bind}; instances are brought up by {@code boot}. */
    public static TestCloud start(InetAddress bind, InstanceBoot boot) {
        try {
            return new TestCloud(bind, boot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the cloud on loopback with {@link InstanceBoot#NONE}. */
    public static TestCloud start() {
        return start(InetAddress.getLoopbackAddress(), InstanceBoot.NONE);
    }

    /** The EC2 endpoint, {@code http://host:port} (no trailing slash). */
    public URI ec2Endpoint() {
        return endpoint(ec2Server);
    }

    /** The S3 endpoint, {@code http://host:port} (no trailing slash); use path-style addressing. */
    public URI s3Endpoint() {
        return endpoint(s3Server);
    }

    private static URI endpoint(HttpServer server) {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort());
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Always {@code us-east-1}; its zones are {@code us-east-1a}, {@code -1b}, {@code -1c}. */
    public String region() {
        return "us-east-1";
    }

    // ---- requests and faults ----

    /** Every request answered so far, in order (a copy). */
    public synchronized List<CloudRequest> requests() {
        return List.copyOf(requests);
    }

    /** The EC2 actions of {@link #requests()}, in order. */
    public synchronized List<String> ec2Actions() {
        return requests.stream().filter(r -> r.service().equals("ec2")).map(CloudRequest::action).toList();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    /**
     * Makes the next {@code times} requests of {@code action} (an EC2 Action or S3 operation name) fail with
     * {@code fault}, after authentication; faults queued for one action are used up in order.
     */
    public synchronized void inject(String action, CloudFault fault, int times) {
        ArrayList<CloudFault> queue = faults.computeIfAbsent(action, a -> new ArrayList<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    synchronized CloudFault takeFault(String action) {
        ArrayList<CloudFault> queue = faults.get(action);
        return queue == null || queue.isEmpty() ? null : queue.remove(0);
    }

    synchronized void record(CloudRequest request) {
        requests.add(request);
    }

    // ---- clock ----

    /** The cloud's clock (launch times, presigned URL expiry): wall time plus {@link #advanceClock} offsets. */
    public Instant now() {
        return Instant.now().plus(clockOffset);
    }

    /** Moves the cloud's clock forward, e.g. to let presigned URLs expire without waiting. */
    public void advanceClock(Duration by) {
        clockOffset = clockOffset.plus(by);
    }

    // ---- state ----

    public Optional<CloudInstance> instance(String id) {
        return ec2.instance(id);
    }

    /** All instances ever launched, terminated ones included, in launch order. */
    public List<CloudInstance> instances() {
        return ec2.instances();
    }

    /** The security group of that name ({@code "default"} always exists). */
    public Optional<CloudSecurityGroup> group(String name) {
        return ec2.group(name);
    }

    /** The objects of a bucket by key (copies); empty if there is no such bucket. */
    public Map<String, byte[]> objects(String bucket) {
        return s3.objects(bucket);
    }

    /**
     * Adds (or replaces) an available image. The creation date is derived from a {@code yyyyMMdd} date in the name if
     * there is one. Preloaded: Debian 12 amd64 (two dates) and arm64, owner 136693071363; Ubuntu 22.04 amd64, owner
     * 099720109477.
     *
     * @param architecture {@code x86_64} or {@code arm64}
     */
    public void addImage(String id, String name, String ownerId, String architecture) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(20\\d\\d)(\\d\\d)(\\d\\d)").matcher(name);
        String created = m.find() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T00:00:00.000Z"
                : "2026-01-01T00:00:00.000Z";
        ec2.addImage(new CloudImage(id, name, ownerId, architecture, created));
    }

    /** Stops both servers and the boot threads (without calling {@link InstanceBoot#terminate}). */
    @Override
    public void close() {
        ec2Server.stop(0);
        s3Server.stop(0);
        httpExecutor.shutdownNow();
        bootExecutor.shutdownNow();
        try {
            bootExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
