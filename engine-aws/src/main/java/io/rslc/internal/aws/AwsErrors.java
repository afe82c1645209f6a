package io.rslc.internal.aws;

import io.rslc.api.RslcException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into one-line reasons and {@link RslcException}s (no request or response bodies). */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** {@code AccessDeniedException: User ... is not authorized ...} or the client-side failure. */
    public static String reason(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails().errorMessage();
            String text = (code == null ? "HTTP " + s.statusCode() : code)
                    + (message == null || message.isBlank() ? "" : ": " + message);
            if (isAccessDenied(s)) {
                text += " (check the IAM permissions listed in docs/aws.md)";
            }
            return text;
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    static boolean isAccessDenied(AwsServiceException s) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        return s.statusCode() == 403 || "AccessDeniedException".equals(code)
                || "UnrecognizedClientException".equals(code);
    }

    /** An {@code AWS} error: {@code what} (e.g. "cannot read DynamoDB table rules") plus the reason. */
    public static RslcException aws(String what, SdkException e) {
        return new RslcException(RslcException.ErrorCode.AWS, what + ": " + reason(e), e);
    }
}
