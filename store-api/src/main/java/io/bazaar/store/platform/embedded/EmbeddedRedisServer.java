package io.bazaar.store.platform.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server (binary shipped in the embedded-redis Maven artifact), used only when no
 * {@code REDIS_URL} is configured. Redis holds nothing that cannot be rebuilt, but snapshots go to
 * {@code DATA_DIR/redis} anyway so rate-limit windows survive a restart.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedisServer start(Path dataDir, int requestedPort) throws IOException {
        Path dir = dataDir.resolve("redis").toAbsolutePath();
        Files.createDirectories(dir);
        int port = requestedPort > 0 ? requestedPort : freePort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dir)
                .setting("save 60 1")
                .setting("appendonly no")
                .setting("protected-mode yes")
                .build();
        server.start();
        LOG.info("Embedded Redis listening on 127.0.0.1:{} with data in {}", port, dir);
        return new EmbeddedRedisServer(server, port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
