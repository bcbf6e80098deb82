package org.juju.provider.ec2.testcloud;

/** An API error the test cloud answers with: HTTP status, service error code and message. */
final class CloudError extends RuntimeException {
    private final int status;
    private final String code;

    CloudError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static CloudError ec2(String code, String message) {
        return new CloudError(400, code, message);
    }
}
