/**
 * An in-memory EC2 and S3 for tests, in the style of goamz's {@code ec2test}/{@code s3test}: see
 * {@link org.juju.provider.ec2.testcloud.TestCloud}.
 *
 * <p>SDK settings the cloud expects (no others are needed; the SDK's checksum and chunked-upload defaults work):
 * <pre>{@code
 * Ec2Client.builder().endpointOverride(cloud.ec2Endpoint()).region(Region.of(cloud.region()))
 *     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(), cloud.secretKey())))
 *     .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
 * S3Client.builder().endpointOverride(cloud.s3Endpoint()).region(...).credentialsProvider(...)
 *     .httpClientBuilder(UrlConnectionHttpClient.builder()).forcePathStyle(true).build();
 * S3Presigner.builder().endpointOverride(cloud.s3Endpoint()).region(...).credentialsProvider(...)
 *     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
 * }</pre>
 * Bucket names must be valid S3 names (3 to 63 characters): the SDK checks them before sending.
 *
 * <p>With the URL-connection HTTP client, an EC2 answer of HTTP 401 ({@code AuthFailure}, as real EC2 sends it)
 * reaches the SDK without its body: {@code Ec2Exception.statusCode()} is 401 but the error code is null.
 * {@link org.juju.provider.ec2.testcloud.TestCloud#requests()} still records the status.
 */
package org.juju.provider.ec2.testcloud;
