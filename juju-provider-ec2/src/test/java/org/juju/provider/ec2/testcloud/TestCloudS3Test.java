package org.juju.provider.ec2.testcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class TestCloudS3Test {
    private static final String BUCKET = "juju-control-bucket";

    private TestCloud cloud;
    private S3Client s3;

    @BeforeEach
    void start() {
        cloud = TestCloud.start();
        s3 = Clients.s3(cloud);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() {
        s3.close();
        cloud.close();
    }

    private static String code(Throwable e) {
        return ((S3Exception) e).awsErrorDetails().errorCode();
    }

    private void put(String key, String content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    @Test
    void putsGetsHeadsListsAndDeletesObjects() throws Exception {
        put("provider-state", "zookeeper-instances: [i-1]\n");
        put("tools/juju-0.1.tgz", "tools");
        put("tools/other file+1", "x");

        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("provider-state")).asUtf8String())
                .isEqualTo("zookeeper-instances: [i-1]\n");
        var head = s3.headObject(b -> b.bucket(BUCKET).key("tools/juju-0.1.tgz"));
        assertThat(head.contentLength()).isEqualTo(5);
        assertThat(head.eTag()).isEqualTo("\"" + SigV4.hex(java.security.MessageDigest.getInstance("MD5")
                .digest("tools".getBytes(StandardCharsets.UTF_8))) + "\"");
        assertThat(cloud.objects(BUCKET)).containsOnlyKeys("provider-state", "tools/juju-0.1.tgz", "tools/other file+1");
        assertThat(new String(cloud.objects(BUCKET).get("tools/other file+1"), StandardCharsets.UTF_8)).isEqualTo("x");

        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("tools/")).contents())
                .extracting(S3Object::key, S3Object::size)
                .containsExactly(Tuple.tuple("tools/juju-0.1.tgz", 5L), Tuple.tuple("tools/other file+1", 1L));
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).keyCount()).isEqualTo(3);
        var page = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(2));
        assertThat(page.isTruncated()).isTrue();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).continuationToken(page.nextContinuationToken())).contents())
                .extracting(S3Object::key).containsExactly("tools/other file+1");
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).maxKeys(1)).contents()).hasSize(3);

        s3.deleteObject(b -> b.bucket(BUCKET).key("provider-state"));
        s3.deleteObject(b -> b.bucket(BUCKET).key("provider-state"));
        assertThat(cloud.objects(BUCKET)).doesNotContainKey("provider-state");
        assertThat(cloud.requests()).filteredOn(r -> r.action().equals("DeleteObject"))
                .extracting(CloudRequest::status).containsExactly(204, 204);
        assertThat(cloud.requests().get(0)).isEqualTo(
                new CloudRequest("s3", "CreateBucket", java.util.Map.of("bucket", BUCKET), cloud.accessKey(), 200));
    }

    @Test
    void answersMissingKeysAndBuckets() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("nope")))
                .isInstanceOf(NoSuchKeyException.class).satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("nope"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("no-such-bucket")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(BUCKET)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("BucketAlreadyOwnedByYou"));
        s3.headBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void chunkedUploadOfAMegabyteRoundTrips(@TempDir Path dir) throws Exception {
        byte[] data = new byte[1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("tools.tgz"), data);
        s3.putObject(b -> b.bucket(BUCKET).key("tools/big.tgz"), RequestBody.fromFile(file));
        assertThat(cloud.objects(BUCKET).get("tools/big.tgz")).isEqualTo(data);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("tools/big.tgz")).asByteArray()).isEqualTo(data);
        try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key("tools/big.tgz"))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void decodesAwsChunkedBodiesWithSignaturesAndTrailers() {
        String signed = "5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\n"
                + "x-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:123\r\n\r\n";
        assertThat(AwsChunked.decode(signed.getBytes(StandardCharsets.US_ASCII))).asString().isEqualTo("hello world");
        String unsigned = "b\r\nhello world\r\n0\r\n\r\n";
        assertThat(AwsChunked.decode(unsigned.getBytes(StandardCharsets.US_ASCII))).asString().isEqualTo("hello world");
    }

    @Test
    void presignedGetWorksWithAPlainConnectionUntilItExpires() throws Exception {
        put("tools/juju.tgz", "the tools");
        URL url;
        try (S3Presigner presigner = Clients.presigner(cloud)) {
            url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("tools/juju.tgz"))).url();
        }
        assertThat(url.getQuery()).contains("X-Amz-Credential=" + cloud.accessKey());
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("the tools");
        assertThat(cloud.requests().get(cloud.requests().size() - 1).accessKey()).isEqualTo(cloud.accessKey());

        HttpURLConnection tampered = (HttpURLConnection) new URL(url.toString().replace("juju.tgz", "other.tgz"))
                .openConnection();
        assertThat(tampered.getResponseCode()).isEqualTo(403);
        assertThat(new String(tampered.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("<Code>SignatureDoesNotMatch</Code>");

        cloud.advanceClock(Duration.ofMinutes(11));
        HttpURLConnection expired = (HttpURLConnection) url.openConnection();
        assertThat(expired.getResponseCode()).isEqualTo(403);
        String error = new String(expired.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(error).contains("<Code>AccessDenied</Code>").contains("Request has expired");
    }

    @Test
    void refusesOtherCredentialsAndUnsignedRequests() throws Exception {
        try (S3Client stranger = Clients.s3(cloud, "AKIASTRANGER00000000")) {
            assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket(BUCKET))).satisfies(e -> {
                assertThat(code(e)).isEqualTo("InvalidAccessKeyId");
                assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
            });
        }
        HttpURLConnection c = (HttpURLConnection) new URL(cloud.s3Endpoint() + "/" + BUCKET + "/k").openConnection();
        assertThat(c.getResponseCode()).isEqualTo(403);
        assertThat(cloud.requests().get(cloud.requests().size() - 1).accessKey()).isEmpty();
    }

    @Test
    void faultsOnPutObjectAreRetriedOrSurface() {
        cloud.inject("PutObject", CloudFault.INTERNAL_ERROR, 1);
        put("a", "1");
        assertThat(cloud.requests()).filteredOn(r -> r.action().equals("PutObject"))
                .extracting(CloudRequest::status).containsExactly(500, 200);

        cloud.inject("PutObject", CloudFault.AUTH_FAILURE, 1);
        assertThatThrownBy(() -> put("b", "2")).satisfies(e -> {
            assertThat(code(e)).isEqualTo("AccessDenied");
            assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
        });
        cloud.inject("PutObject", CloudFault.THROTTLING, 1);
        put("c", "3");
        assertThat(cloud.objects(BUCKET)).containsOnlyKeys("a", "c");
    }
}
