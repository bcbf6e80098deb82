package org.juju.provider.ec2;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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

    /**
     * Like {@link #call}, except that an AWS answer {@code absent} accepts (such as a 404, or a
     * {@code NotFound} code: see {@link #status} and {@link #codes}) gives empty, as does a call that
     * gives {@code null}.
     */
    static <T> Optional<T> callUnless(String service, String operation, Predicate<AwsServiceException> absent,
                                      Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (AwsServiceException e) {
            if (absent.test(e)) {
                return Optional.empty();
            }
            throw failure(service, operation, e);
        } catch (SdkException e) {
            throw failure(service, operation, e);
        }
    }

    /** AWS answered with HTTP status {@code status} (S3 answers HEAD requests without an error code). */
    static Predicate<AwsServiceException> status(int status) {
        return e -> e.statusCode() == status;
    }

    /** AWS answered with one of the error codes {@code codes}. */
    static Predicate<AwsServiceException> codes(String... codes) {
        Set<String> known = Set.of(codes);
        return e -> known.contains(errorCode(e));
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
