package io.bazaar.store.platform.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

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
    private final Map<String, Long> streamedPaths;

    public BodyLimitFilter(long maxBytes) {
        this(maxBytes, Map.of());
    }

    /**
     * @param streamedPaths paths (e.g. bulk import) whose bodies are streamed to the resource instead of
     *                      buffered, each with its own, larger limit, enforced while the body is read
     */
    public BodyLimitFilter(long maxBytes, Map<String, Long> streamedPaths) {
        this.maxBytes = maxBytes;
        this.streamedPaths = Map.copyOf(streamedPaths);
    }

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        String path = rooted(ctx.getUriInfo().getPath(true));
        Long streamedLimit = streamedPaths.get(path);
        if (streamedLimit != null) {
            if (ctx.getLength() > streamedLimit) {
                ctx.abortWith(Problems.response(ErrorCode.PAYLOAD_TOO_LARGE,
                        "The request body is " + ctx.getLength() + " bytes; the limit is " + streamedLimit));
            } else if (ctx.hasEntity()) {
                ctx.setEntityStream(new LimitedInputStream(ctx.getEntityStream(), streamedLimit));
            }
            return;
        }
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

    /** Fails the request with 413 once more than {@code limit} bytes have been read. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of "
                        + limit + " bytes");
            }
        }
    }

    /** The path with exactly one leading slash (what {@code replaceAll("^/+", "")} did, without a regex per request). */
    static String rooted(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return "/" + path.substring(start);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }
}
