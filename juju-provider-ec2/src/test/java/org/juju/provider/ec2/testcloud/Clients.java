package org.juju.provider.ec2.testcloud;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** SDK clients configured the way the provider is expected to talk to the test cloud; for tests that act beside the provider. */
public final class Clients {
    private Clients() {
    }

    static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    public static Ec2Client ec2(TestCloud cloud) {
        return ec2(cloud, cloud.accessKey(), cloud.secretKey(), RetryMode.STANDARD);
    }

    static Ec2Client ec2(TestCloud cloud, String accessKey, String secretKey, RetryMode retryMode) {
        return Ec2Client.builder()
                .endpointOverride(cloud.ec2Endpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(accessKey, secretKey))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(retryMode))
                .build();
    }

    public static S3Client s3(TestCloud cloud) {
        return s3(cloud, cloud.accessKey());
    }

    static S3Client s3(TestCloud cloud, String accessKey) {
        return S3Client.builder()
                .endpointOverride(cloud.s3Endpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(accessKey, cloud.secretKey()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(true)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    static S3Presigner presigner(TestCloud cloud) {
        return S3Presigner.builder()
                .endpointOverride(cloud.s3Endpoint())
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud.accessKey(), cloud.secretKey()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
