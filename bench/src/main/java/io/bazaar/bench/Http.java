package io.bazaar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The load generator's blocking JSON client: HTTP/1.1 over one persistent socket per client thread.
 *
 * <p>It shares the machine with the store and PostgreSQL, so every microsecond of CPU it spends per request is one
 * the store does not get; pgbench, the baseline's client, is a lean C program. The JDK's clients cost several times
 * what this does per request (the asynchronous {@code HttpClient} a selector thread and hand-offs per exchange,
 * {@link HttpURLConnection} URL parsing, header maps and a pooled-connection lookup), which on two CPUs was about a
 * sixth of the machine in the checkout scenario. It speaks only what the benchmark needs of the store: requests with
 * a fixed-length body, answers with {@code Content-Length} or chunked bodies, no redirects, no compression (it sends
 * no {@code Accept-Encoding}). {@code -Dbench.client=jdk} sends through {@link HttpURLConnection} instead, to compare.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final boolean JDK = "jdk".equals(System.getProperty("bench.client"));

    static {
        // Idle connections kept per host by HttpURLConnection (-Dbench.client=jdk); the JDK's default (5) is below the
        // benchmark's client counts, and every connection beyond it would be closed after its request.
        System.setProperty("http.maxConnections", "256");
    }

    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private final String base;
    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    /** {@code connections} is kept for the callers' sake: each client thread keeps its own connection. */
    Http(String base, int connections) {
        this.base = base;
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    Reply get(String path, String... headers) throws IOException {
        return send("GET", path, null, DEFAULT_TIMEOUT, headers);
    }

    Reply post(String path, String json, String... headers) throws IOException {
        return send("POST", path, json, DEFAULT_TIMEOUT, headers);
    }

    /** A POST that may take long (e.g. a full RFM refresh over a million orders). */
    Reply post(String path, String json, Duration timeout, String... headers) throws IOException {
        return send("POST", path, json, timeout, headers);
    }

    private Reply send(String method, String path, String json, Duration timeout, String... headers)
            throws IOException {
        if (JDK) {
            return sendWithJdk(method, path, json, timeout, headers);
        }
        Connection c = connections.get();
        if (c == null || c.closed) {
            c = new Connection(host, port);
            connections.set(c);
        }
        try {
            return c.exchange(method, path, json, timeout, headers);
        } catch (IOException | RuntimeException e) {
            c.close(); // its state is unknown: the next request opens a new one
            connections.remove();
            throw e;
        }
    }

    /** One keep-alive connection, used by one thread at a time. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String hostHeader;
        private final StringBuilder request = new StringBuilder(512);
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        private final StringBuilder line = new StringBuilder(128);
        private boolean closed;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            hostHeader = host + ":" + port;
        }

        Reply exchange(String method, String path, String json, Duration timeout, String... headers)
                throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] payload = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            request.setLength(0);
            request.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                    .append("\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            if (payload != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length)
                        .append("\r\n");
            }
            request.append("\r\n");
            byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (payload == null) {
                out.write(head);
            } else {
                byte[] all = new byte[head.length + payload.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(payload, 0, all, head.length, payload.length);
                out.write(all); // one write, one segment: no delayed-ACK wait between head and body
            }
            out.flush();
            return read(method);
        }

        private Reply read(String method) throws IOException {
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closed |= value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            body.reset();
            if ("HEAD".equals(method) || status == 204 || status == 304) {
                length = 0;
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size);
                    readLine(); // the CRLF after the chunk
                }
                while (!readLine().isEmpty()) {
                    // trailers: none expected, skipped
                }
            } else if (length >= 0) {
                copy(length);
            } else {
                in.transferTo(body); // no length: the body ends with the connection
                closed = true;
            }
            if (closed) {
                close();
            }
            return new Reply(status, body.toString(StandardCharsets.UTF_8));
        }

        private long chunkSize() throws IOException {
            String size = readLine();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void copy(long length) throws IOException {
            byte[] buffer = new byte[(int) Math.min(length, 8192)];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("connection closed " + left + " bytes before the end of the body");
                }
                body.write(buffer, 0, n);
                left -= n;
            }
        }

        /** A header line (ISO-8859-1), without its CRLF. */
        private String readLine() throws IOException {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed in the middle of an answer's head");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to release beyond the socket
            }
        }
    }

    private Reply sendWithJdk(String method, String path, String json, Duration timeout, String... headers)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5_000);
        c.setReadTimeout((int) timeout.toMillis());
        for (int i = 0; i < headers.length; i += 2) {
            c.setRequestProperty(headers[i], headers[i + 1]);
        }
        if (json != null) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        // Read to the end (error bodies too), so the connection goes back to the pool for the next request.
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
