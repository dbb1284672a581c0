package io.bazaar.store.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from the zonky Maven artifact) whose data directory lives under
 * {@code DATA_DIR/postgres}, so a second start finds the same database. Used only when no
 * {@code DATABASE_URL} is configured.
 *
 * <p>When the process runs as root (containers, CI), zonky starts the server through
 * {@code unshare -U}, because PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String database;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port, String database) throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Path binaries = dataDir.resolve(".binaries").toAbsolutePath();
        Files.createDirectories(pgData);
        Files.createDirectories(binaries);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                // A 100k-product catalogue with its indexes is about 250 MB: with the 128 MB default every
                // uncached search re-read pages through the OS. Shared memory is only used as it fills.
                .setServerConfig("shared_buffers", "512MB")
                // PostgreSQL 18 hands reads to I/O worker processes by default; on a small machine where the store,
                // the database and Redis share two CPUs, that extra process hop per read showed up as 100-300 ms
                // waits (AioIoCompletion) in the search tail. Backends read for themselves instead.
                .setServerConfig("io_method", "sync");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, database);
        server.createDatabaseIfMissing();
        LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{} with data in {}", pg.getPort(), pgData);
        return server;
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create embedded database " + database, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
