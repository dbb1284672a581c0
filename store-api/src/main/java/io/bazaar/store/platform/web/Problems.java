package io.bazaar.store.platform.web;

import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.error.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.slf4j.MDC;

/** Builds every error response of the API: one problem+json body, one place. */
public final class Problems {
    private Problems() {
    }

    public static Response response(ErrorCode code, String detail) {
        return response(code, detail, List.of());
    }

    public static Response response(ErrorCode code, String detail, List<FieldError> errors) {
        return builder(code, detail, errors).build();
    }

    public static Response.ResponseBuilder builder(ErrorCode code, String detail, List<FieldError> errors) {
        return Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, errors, TraceIdFilter.currentTraceId()))
                .header("Cache-Control", "no-store");
    }

    static String traceId() {
        return MDC.get(TraceIdFilter.MDC_KEY);
    }
}
