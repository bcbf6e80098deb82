package org.juju.provider.ec2;

import java.util.function.Supplier;
import org.juju.state.error.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one SDK call and turns its failure into a one-line {@link ProviderException} that names the
 * service, the call and AWS's error code, e.g. {@code ec2 RunInstances failed: InstanceLimitExceeded:
 * You have requested more instances than your current instance limit allows}. The SDK has already
 * retried throttling and transient errors by then (see {@link RetrySettings}). Messages carry
 * AWS's text only, never credentials.
 */
final class AwsCalls {
    private AwsCalls() {
    }

    static <T> T call(String service, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(service, operation, e);
        }
    }

    static void run(String service, String operation, Runnable call) {
        call(service, operation, () -> {
            call.run();
            return null;
        });
    }

    /** The AWS error code of {@code e}, or empty for a failure that is not an AWS answer. */
    static String errorCode(Throwable e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        if (e.getCause() != null && e.getCause() != e) {
            return errorCode(e.getCause());
        }
        return "";
    }

    static ProviderException failure(String service, String operation, SdkException e) {
        String detail;
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            if (code == null && aws.statusCode() == 401) {
                code = "AuthFailure";  // the URL-connection client drops the body of a 401 answer
            }
            detail = (code == null ? "HTTP " + aws.statusCode() : code) + (message == null ? "" : ": " + oneLine(message));
            if ("AuthFailure".equals(code) || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                    || "UnauthorizedOperation".equals(code)) {
                detail += " (check access-key and secret-key, or the SDK's default credentials)";
            }
        } else if (e instanceof SdkClientException) {
            detail = oneLine(e.getMessage());
        } else {
            detail = oneLine(e.toString());
        }
        return new ProviderException(service + " " + operation + " failed: " + detail, e);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
