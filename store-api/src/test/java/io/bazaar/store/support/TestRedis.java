package io.bazaar.store.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests: {@code BAZAAR_TEST_REDIS_URL} if set, else an embedded server started once
 * per JVM. {@link #url()} flushes it, so each test class starts with empty rate-limit buckets.
 */
public final class TestRedis {
    private static String url;

    private TestRedis() {
    }

    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("BAZAAR_TEST_REDIS_URL");
            if (external != null && !external.isBlank()) {
                url = external;
            } else {
                try {
                    int port;
                    try (ServerSocket s = new ServerSocket(0)) {
                        port = s.getLocalPort();
                    }
                    RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                            .setting("save \"\"").setting("appendonly no").build();
                    server.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            server.stop();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }));
                    url = "redis://127.0.0.1:" + port;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded Redis for tests", e);
                }
            }
        }
        try (Jedis jedis = new Jedis(java.net.URI.create(url))) {
            jedis.flushAll();
        }
        return url;
    }

    /** A connection to the running test Redis, without flushing it (the caller closes it). */
    public static synchronized Jedis connect() {
        if (url == null) {
            throw new IllegalStateException("no test Redis yet: start the app first");
        }
        return new Jedis(java.net.URI.create(url));
    }
}
