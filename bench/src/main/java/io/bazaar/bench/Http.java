package io.bazaar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A thin blocking JSON client over the JDK's {@link HttpURLConnection} (HTTP/1.1, persistent connections). Blocking
 * on purpose: the load generator shares the machine with the store and PostgreSQL, and the JDK's asynchronous
 * {@code HttpClient} cost about twice the CPU per request (a selector thread and hand-offs per exchange), which the
 * store then did not get; pgbench, the baseline's client, is a lean C program.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static {
        // Idle connections kept per host; the JDK's default (5) is below the benchmark's client counts, and every
        // connection beyond it would be closed after its request and opened again for the next.
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

    /** {@code connections} is kept for the callers' sake: connections are pooled per host by the JDK. */
    Http(String base, int connections) {
        this.base = base;
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
