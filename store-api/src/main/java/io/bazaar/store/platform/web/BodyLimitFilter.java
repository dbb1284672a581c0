package io.bazaar.store.platform.web;

import io.bazaar.shared.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rejects bodies larger than the configured limit with 413 before anything parses them. The body
 * is buffered (it is small by construction) so later filters, such as idempotency hashing, can read
 * it again; chunked bodies without Content-Length are counted as they are read.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class BodyLimitFilter implements ContainerRequestFilter {
    public static final String BODY_PROPERTY = "bazaar.requestBody";

    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        int declared = ctx.getLength();
        if (declared > maxBytes) {
            ctx.abortWith(Problems.response(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is " + declared + " bytes; the limit is " + maxBytes));
            return;
        }
        if (!ctx.hasEntity()) {
            return;
        }
        byte[] body = readAtMost(ctx.getEntityStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            ctx.abortWith(Problems.response(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the limit of " + maxBytes + " bytes"));
            return;
        }
        ctx.setProperty(BODY_PROPERTY, body);
        ctx.setEntityStream(new ByteArrayInputStream(body));
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }
}
