package io.bazaar.store.platform.web;

import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces before a request reaches Jersey (a malformed URI, headers too large, an
 * unparseable request line) answer problem+json too, instead of Jetty's HTML page.
 */
public final class JettyProblemErrorHandler extends ErrorHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(new HttpField("X-Content-Type-Options", "nosniff"));
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        Problem p = Problem.of(code, code.title(), List.of(), HexFormat.of().formatHex(id));
        // Hand-written JSON: this runs outside Jersey, and every value here is ours (no escaping needed).
        String json = "{\"type\":\"" + p.type() + "\",\"title\":\"" + p.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + p.detail() + "\",\"code\":\"" + p.code() + "\",\"errors\":[],\"trace_id\":\""
                + p.traceId() + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
