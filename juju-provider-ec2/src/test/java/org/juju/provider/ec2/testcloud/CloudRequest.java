package org.juju.provider.ec2.testcloud;

import java.util.Map;

/**
 * One request the test cloud answered, recorded in arrival order.
 *
 * @param service   {@code "ec2"} or {@code "s3"}
 * @param action    the EC2 {@code Action}, or the S3 operation: {@code CreateBucket, HeadBucket, PutObject, GetObject,
 *                  HeadObject, DeleteObject, ListObjectsV2} ({@code "Unknown"} if the request matched none)
 * @param params    EC2: the form parameters; S3: {@code bucket}, {@code key} (when present) and the query parameters
 * @param accessKey the access key the request was signed with (Authorization header or {@code X-Amz-Credential}),
 *                  {@code ""} if unsigned
 * @param status    the HTTP status answered
 */
public record CloudRequest(String service, String action, Map<String, String> params, String accessKey, int status) {
    public CloudRequest {
        params = Map.copyOf(params);
    }
}
