package org.juju.it;

import org.juju.provider.ec2.testcloud.TestCloud;

/** The environments.yaml of an {@code ec2} environment named {@code ec2} on a test cloud. */
final class TestCloudEnvironments {
    private TestCloudEnvironments() {
    }

    /**
     * The file's text: the test cloud's endpoints and credentials, {@code bucket} as control bucket,
     * and {@code extra}: more keys, each on a line of its own indented by four spaces.
     */
    static String yaml(TestCloud cloud, String bucket, String extra) {
        return """
                environments:
                  ec2:
                    type: ec2
                    control-bucket: %s
                    admin-secret: s3cret
                    default-series: bookworm
                    access-key: %s
                    secret-key: %s
                    region: us-east-1
                    ec2-uri: %s
                    s3-uri: %s
                    authorized-keys: ssh-ed25519 AAAAtest it@test
                %s""".formatted(bucket, cloud.accessKey(), cloud.secretKey(), cloud.ec2Endpoint(), cloud.s3Endpoint(),
                extra);
    }
}
