package io.bazaar.shared.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception type for expected business failures. A single mapper turns it into
 * {@code application/problem+json}; programming errors stay {@link IllegalStateException} and become a 500.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final transient List<FieldError> errors;
    private final transient Map<String, String> headers;

    public ApiException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, List.of(), Map.of());
    }

    public ApiException(ErrorCode errorCode, String detail, List<FieldError> errors) {
        this(errorCode, detail, errors, Map.of());
    }

    public ApiException(ErrorCode errorCode, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The request is not valid",
                List.of(new FieldError(field, message)));
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers, e.g. {@code Retry-After} for rate limits. */
    public Map<String, String> headers() {
        return headers;
    }
}
