package org.juju.provider.ec2;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK clients of one environment: EC2, S3 and the S3 pre-signer, on the URL-connection HTTP
 * client, with the environment's region, endpoints, credentials and retry settings. Closing closes
 * all three.
 */
final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final Ec2Client ec2;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;

    AwsClients(Ec2Config config, RetrySettings retry) {
        this.credentials = credentials(config);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(retry.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay()))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay()))
                        .build())
                .build();
        Region region = Region.of(config.region());
        var ec2Builder = Ec2Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        config.ec2Uri().ifPresent(ec2Builder::endpointOverride);
        this.ec2 = ec2Builder.build();
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(config.s3Uri().isPresent()).build();
        var s3Builder = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle).overrideConfiguration(overrides);
        config.s3Uri().ifPresent(s3Builder::endpointOverride);
        this.s3 = s3Builder.build();
        var presignerBuilder = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle);
        config.s3Uri().ifPresent(presignerBuilder::endpointOverride);
        this.presigner = presignerBuilder.build();
    }

    Ec2Client ec2() {
        return ec2;
    }

    S3Client s3() {
        return s3;
    }

    S3Presigner presigner() {
        return presigner;
    }

    /** The credentials in use, resolved now (from the keys, else the SDK's default chain). */
    AwsCredentials resolveCredentials() {
        return AwsCalls.call("sts", "resolve credentials", credentials::resolveCredentials);
    }

    private static AwsCredentialsProvider credentials(Ec2Config config) {
        if (config.accessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(),
                    config.secretKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
        ec2.close();
        http.close();
    }
}
