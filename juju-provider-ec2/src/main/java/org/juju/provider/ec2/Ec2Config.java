package org.juju.provider.ec2;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.juju.provider.EnvironmentConfig;
import org.juju.state.error.InvalidInputException;
import software.amazon.awssdk.regions.Region;

/**
 * The validated keys of an {@code ec2} environment. {@link #toString()} never shows the secret key.
 *
 * @param name             the environment's name (instances and groups are named after it)
 * @param controlBucket    the S3 bucket of charms, the agent distribution and {@code provider-state}
 * @param defaultSeries    the series of new machines (picks the image)
 * @param accessKey        the access key id, or empty for the SDK's default credential chain
 * @param secretKey        the secret key (present exactly when {@code accessKey} is)
 * @param region           the region
 * @param ec2Uri           an EC2 endpoint other than AWS's (private clouds, tests)
 * @param s3Uri            an S3 endpoint other than AWS's (path-style addressing is then used)
 * @param instanceType     {@code default-instance-type}, which wins over the constraints' choice
 * @param imageId          {@code default-image-id}, else the newest official image of the series
 * @param authorizedKeys   SSH public keys installed on every machine (may be empty)
 * @param constraints      the environment's constraints for every machine
 * @param zooKeeperPort    ZooKeeper's plain client port on machine 0 (reachable inside the group only)
 * @param zooKeeperTlsPort ZooKeeper's TLS client port on machine 0 (clients, with a certificate)
 * @param bootstrapTimeout how long bootstrap waits for machine 0's ZooKeeper
 */
public record Ec2Config(String name, String controlBucket, String defaultSeries, Optional<String> accessKey,
                        Optional<String> secretKey, String region, Optional<URI> ec2Uri, Optional<URI> s3Uri,
                        Optional<String> instanceType, Optional<String> imageId, String authorizedKeys,
                        Constraints constraints, int zooKeeperPort, int zooKeeperTlsPort, Duration bootstrapTimeout) {
    /** The region when none is given, as the original. */
    public static final String DEFAULT_REGION = "us-east-1";
    static final Duration DEFAULT_BOOTSTRAP_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Validates {@code config}.
     *
     * @throws InvalidInputException naming the file, the environment and the key at fault
     */
    public static Ec2Config of(EnvironmentConfig config) {
        // admin-secret is the client's own key, required by bootstrap; agents never get it.
        String series = config.requireString("default-series");
        String bucket = config.requireString("control-bucket");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains("..")) {
            throw config.problem("control-bucket", "invalid S3 bucket name '" + bucket
                    + "' (3-63 lowercase letters, digits, dots and hyphens) for key");
        }
        Optional<String> accessKey = config.optionalString("access-key");
        Optional<String> secretKey = config.optionalString("secret-key");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw config.problem(accessKey.isPresent() ? "secret-key" : "access-key",
                    "access-key and secret-key go together: missing");
        }
        Optional<URI> ec2Uri = uri(config, "ec2-uri");
        Optional<URI> s3Uri = uri(config, "s3-uri");
        String region = config.optionalString("region").orElse(DEFAULT_REGION);
        if (ec2Uri.isEmpty() && Region.regions().stream().noneMatch(known -> known.id().equals(region))) {
            throw config.problem("region", "unknown region '" + region + "' (e.g. us-east-1, eu-west-1) for key");
        }
        Constraints constraints;
        try {
            constraints = Constraints.parse(config.optionalString("constraints").orElse(""), Constraints.DEFAULT);
            InstanceTypes.cheapest(constraints);
        } catch (InvalidInputException e) {
            throw config.problem("constraints", e.getMessage() + ":");
        }
        config.optionalBoolean("ssl-hostname-verification");
        return new Ec2Config(config.name(), bucket, series, accessKey, secretKey, region, ec2Uri, s3Uri,
                config.optionalString("default-instance-type"), config.optionalString("default-image-id"),
                authorizedKeys(config), constraints, port(config, "zookeeper-port", 2181),
                port(config, "zookeeper-tls-port", 2281),
                config.optionalSeconds("bootstrap-timeout").orElse(DEFAULT_BOOTSTRAP_TIMEOUT));
    }

    /** The environment's security group: SSH from anywhere, everything between its machines. */
    public String environmentGroup() {
        return "juju-" + name;
    }

    /** The group of one machine, where {@code expose} opens its ports. */
    public String machineGroup(String machineId) {
        return "juju-" + name + "-" + machineId;
    }

    @Override
    public String toString() {
        return "Ec2Config[name=" + name + ", control-bucket=" + controlBucket + ", region=" + region
                + ", access-key=" + accessKey.orElse("(default chain)") + ", secret-key=" + (secretKey.isPresent() ? "***" : "")
                + "]";
    }

    private static Optional<URI> uri(EnvironmentConfig config, String key) {
        return config.optionalString(key).map(text -> {
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw config.problem(key, "invalid URL '" + text + "' for key");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw config.problem(key, "expected an http:// or https:// URL, got '" + text + "', for key");
            }
            return uri;
        });
    }

    private static int port(EnvironmentConfig config, String key, int defaultPort) {
        return config.optionalString(key).map(text -> {
            if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
                throw config.problem(key, "expected a port (1-65535), got '" + text + "', for key");
            }
            return Integer.parseInt(text);
        }).orElse(defaultPort);
    }

    /** {@code authorized-keys}, else the file of {@code authorized-keys-path}, else the user's ~/.ssh/id_*.pub. */
    private static String authorizedKeys(EnvironmentConfig config) {
        Optional<String> inline = config.optionalString("authorized-keys");
        if (inline.isPresent()) {
            return inline.get();
        }
        if (config.optionalString("authorized-keys-path").isPresent()) {
            Path path = config.requirePath("authorized-keys-path");
            try {
                return Files.readString(path).trim();
            } catch (IOException e) {
                throw config.problem("authorized-keys-path", "cannot read " + path + " (" + e.getMessage() + ") of key");
            }
        }
        List<String> keys = new ArrayList<>();
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        for (String file : List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub")) {
            try {
                if (Files.isReadable(ssh.resolve(file))) {
                    keys.add(Files.readString(ssh.resolve(file)).trim());
                }
            } catch (IOException e) {
                // an unreadable default key is simply not installed
            }
        }
        return String.join("\n", keys);
    }
}
