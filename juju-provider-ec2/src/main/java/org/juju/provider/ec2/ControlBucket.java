package org.juju.provider.ec2;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.juju.state.error.NotFoundException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;

/**
 * The environment's S3 control bucket: charm bundles, the agent distribution and
 * {@code provider-state}. Machines never hold credentials: they fetch through pre-signed GET URLs.
 */
final class ControlBucket {
    /** The object bootstrap writes to prove the bucket is writable. */
    static final String VERIFY_KEY = "bootstrap-verify";
    /** The longest validity S3 allows a pre-signed URL of signature version 4. */
    static final Duration LONGEST_URL_VALIDITY = Duration.ofDays(7);

    private final AwsClients clients;
    private final String bucket;
    private final String region;

    ControlBucket(AwsClients clients, String bucket, String region) {
        this.clients = clients;
        this.bucket = bucket;
        this.region = region;
    }

    String name() {
        return bucket;
    }

    /** Creates the bucket if it does not exist, then writes {@value #VERIFY_KEY} to prove it is writable. */
    void ensureWritable() {
        boolean exists = AwsCalls.callUnless("s3", "HeadBucket " + bucket, AwsCalls.status(404),
                () -> clients.s3().headBucket(b -> b.bucket(bucket))).isPresent();
        if (!exists) {
            AwsCalls.run("s3", "CreateBucket " + bucket, () -> clients.s3().createBucket(b -> {
                b.bucket(bucket);
                if (!region.equals(Ec2Config.DEFAULT_REGION)) {
                    b.createBucketConfiguration(CreateBucketConfiguration.builder()
                            .locationConstraint(BucketLocationConstraint.fromValue(region)).build());
                }
            }));
        }
        putBytes(VERIFY_KEY, "juju bootstrap checks that it can write here\n".getBytes(StandardCharsets.UTF_8));
    }

    void putBytes(String key, byte[] data) {
        AwsCalls.run("s3", "PutObject " + key, () -> clients.s3().putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromBytes(data)));
    }

    void putFile(String key, Path file) {
        AwsCalls.run("s3", "PutObject " + key, () -> clients.s3().putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromFile(file)));
    }

    /** The object of {@code key}, or empty if it (or the bucket) does not exist. */
    Optional<byte[]> getBytes(String key) {
        return AwsCalls.callUnless("s3", "GetObject " + key, AwsCalls.status(404),
                () -> clients.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    /**
     * Copies the object of {@code key} to {@code target}.
     *
     * @throws NotFoundException if there is no such object
     */
    void getFile(String key, Path target) {
        byte[] data = getBytes(key).orElseThrow(() -> new NotFoundException("no object '" + key + "' in bucket " + bucket));
        try {
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".download", ".tmp");
            Files.write(temp, data);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new org.juju.state.error.ProviderException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    boolean exists(String key) {
        return AwsCalls.callUnless("s3", "HeadObject " + key, AwsCalls.status(404),
                () -> clients.s3().headObject(b -> b.bucket(bucket).key(key))).isPresent();
    }

    /** Deletes the object of {@code key}; one that (or whose bucket) does not exist is no error. */
    void delete(String key) {
        AwsCalls.callUnless("s3", "DeleteObject " + key, AwsCalls.status(404),
                () -> clients.s3().deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /** A URL that lets anyone holding it GET the object for {@code validity} (at most 7 days). */
    String presignedGet(String key, Duration validity) {
        Duration capped = validity.compareTo(LONGEST_URL_VALIDITY) > 0 ? LONGEST_URL_VALIDITY : validity;
        return AwsCalls.call("s3", "presign GetObject " + key, () -> clients.presigner()
                .presignGetObject(p -> p.signatureDuration(capped).getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url().toString());
    }

    Optional<ProviderState> providerState() {
        return getBytes(ProviderState.KEY).map(ProviderState::parse);
    }

    void saveProviderState(ProviderState state) {
        putBytes(ProviderState.KEY, state.toBytes());
    }
}
