package io.bazaar.store.platform.idempotency;

import io.bazaar.shared.error.ErrorCode;
import io.bazaar.store.platform.web.BodyLimitFilter;
import io.bazaar.store.platform.web.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Implements {@code Idempotency-Key} for state-changing requests. Registered per resource method by
 * {@link IdempotencyFeature}, after authentication, so keys are scoped to the caller: two customers
 * cannot collide or read each other's stored responses.
 *
 * <ul>
 *   <li>first request with a key: runs, and its status, type, Location and body are stored;</li>
 *   <li>same key, same method, path and body: the stored response is replayed
 *       ({@code Idempotent-Replayed: true});</li>
 *   <li>same key, different request: 422 {@code idempotency_key_reused};</li>
 *   <li>same key while the first is still running: 409 {@code idempotency_request_in_progress}.</li>
 * </ul>
 * A 5xx is not stored: the key is released so the client can retry.
 */
public final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    public static final String HEADER = "Idempotency-Key";
    private static final String PENDING = "bazaar.idempotency.pending";
    private static final String STATUS = "bazaar.idempotency.status";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private record Pending(String scope, String key) {
    }

    private final IdempotencyStore store;

    public IdempotencyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String key = ctx.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            ctx.abortWith(Problems.response(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters; a UUID is a good choice"));
            return;
        }
        byte[] body = ctx.getProperty(BodyLimitFilter.BODY_PROPERTY) instanceof byte[] b ? b : new byte[0];
        String path = ctx.getUriInfo().getRequestUri().getRawPath();
        String query = ctx.getUriInfo().getRequestUri().getRawQuery();
        String target = query == null ? path : path + "?" + query;
        String scope = scope(ctx.getSecurityContext().getUserPrincipal());
        String hash = hash(ctx.getMethod(), target, body);

        IdempotencyStore.Outcome outcome = store.begin(scope, key, hash, ctx.getMethod(), target);
        if (outcome instanceof IdempotencyStore.Started) {
            ctx.setProperty(PENDING, new Pending(scope, key));
        } else if (outcome instanceof IdempotencyStore.InFlight) {
            ctx.abortWith(Problems.response(ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still running; retry after it finishes"));
        } else if (outcome instanceof IdempotencyStore.Mismatch) {
            ctx.abortWith(Problems.response(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request"));
        } else if (outcome instanceof IdempotencyStore.Replay r) {
            Response.ResponseBuilder replay = Response.status(r.status()).header("Idempotent-Replayed", "true");
            if (r.body().length > 0) {
                replay.entity(r.body()).type(r.contentType() == null ? MediaType.APPLICATION_JSON : r.contentType());
            }
            if (r.location() != null) {
                replay.header(HttpHeaders.LOCATION, r.location());
            }
            ctx.abortWith(replay.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(PENDING) instanceof Pending pending)) {
            return;
        }
        int status = response.getStatus();
        if (status >= 500) {
            request.removeProperty(PENDING);
            store.release(pending.scope(), pending.key());
            return;
        }
        if (!response.hasEntity()) {
            request.removeProperty(PENDING);
            store.complete(pending.scope(), pending.key(), status, null, location(response), new byte[0]);
            return;
        }
        request.setProperty(STATUS, status);
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext ctx) throws IOException {
        if (!(ctx.getProperty(PENDING) instanceof Pending pending)) {
            ctx.proceed();
            return;
        }
        ctx.removeProperty(PENDING);
        OutputStream original = ctx.getOutputStream();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        ctx.setOutputStream(new TeeOutputStream(original, copy));
        try {
            ctx.proceed();
        } catch (IOException | RuntimeException e) {
            store.release(pending.scope(), pending.key());
            throw e;
        }
        Object location = ctx.getHeaders().getFirst(HttpHeaders.LOCATION);
        MediaType type = ctx.getMediaType();
        int status = ctx.getProperty(STATUS) instanceof Integer s ? s : 200;
        store.complete(pending.scope(), pending.key(), status, type == null ? null : type.toString(),
                location == null ? null : location.toString(), copy.toByteArray());
    }

    private static String location(ContainerResponseContext response) {
        return response.getLocation() == null ? null : response.getLocation().toString();
    }

    private static String scope(Principal principal) {
        return principal == null ? "anonymous" : "principal:" + principal.getName();
    }

    private static String hash(String method, String target, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
        }

        @Override
        public void close() throws IOException {
            a.close();
        }
    }
}
