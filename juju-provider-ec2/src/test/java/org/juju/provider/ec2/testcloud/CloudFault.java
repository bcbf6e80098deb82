package org.juju.provider.ec2.testcloud;

/**
 * A failure the test cloud can be told to return (see {@link TestCloud#inject}). Each fault maps to the error code and
 * HTTP status the real EC2 and S3 services use for it.
 */
public enum CloudFault {
    /** EC2 {@code RequestLimitExceeded} (503); S3 {@code SlowDown} (503). Retryable by the SDK as throttling. */
    THROTTLING("RequestLimitExceeded", 503, "Request limit exceeded.", "SlowDown", 503, "Please reduce your request rate."),
    /** EC2 {@code AuthFailure} (401); S3 {@code AccessDenied} (403). */
    AUTH_FAILURE("AuthFailure", 401, "AWS was not able to validate the provided access credentials",
            "AccessDenied", 403, "Access Denied"),
    /** EC2 {@code InsufficientInstanceCapacity} (500); S3 {@code InternalError} (500). */
    INSUFFICIENT_CAPACITY("InsufficientInstanceCapacity", 500,
            "We currently do not have sufficient capacity in the Availability Zone you requested.",
            "InternalError", 500, "We encountered an internal error. Please try again."),
    /** EC2 {@code InstanceLimitExceeded} (400); S3 {@code InternalError} (500). */
    INSTANCE_LIMIT("InstanceLimitExceeded", 400, "You have requested more instances than your current instance limit allows.",
            "InternalError", 500, "We encountered an internal error. Please try again."),
    /** EC2 {@code InternalError} (500); S3 {@code InternalError} (500). */
    INTERNAL_ERROR("InternalError", 500, "An internal error has occurred.",
            "InternalError", 500, "We encountered an internal error. Please try again.");

    private final String ec2Code;
    private final int ec2Status;
    private final String ec2Message;
    private final String s3Code;
    private final int s3Status;
    private final String s3Message;

    CloudFault(String ec2Code, int ec2Status, String ec2Message, String s3Code, int s3Status, String s3Message) {
        this.ec2Code = ec2Code;
        this.ec2Status = ec2Status;
        this.ec2Message = ec2Message;
        this.s3Code = s3Code;
        this.s3Status = s3Status;
        this.s3Message = s3Message;
    }

    /** The EC2 error for this fault. */
    CloudError ec2() {
        return new CloudError(ec2Status, ec2Code, ec2Message);
    }

    /** The S3 error for this fault. */
    CloudError s3() {
        return new CloudError(s3Status, s3Code, s3Message);
    }
}
