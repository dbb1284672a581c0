package io.bazaar.shared.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * RFC 9457 problem details, the body of every error response. {@code type} is a URN naming the
 * stable {@code code}; {@code trace_id} matches the server log line for that request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldError> errors,
        @JsonProperty("trace_id") String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors, String traceId) {
        return new Problem("urn:problem:bazaar:" + code.code(), code.title(), code.status(),
                detail == null ? code.title() : detail, code.code(), List.copyOf(errors), traceId);
    }
}
