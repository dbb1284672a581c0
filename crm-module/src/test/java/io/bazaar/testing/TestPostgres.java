package io.bazaar.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests: the one in {@code BAZAAR_TEST_DATABASE_URL} (a JDBC URL to a
 * server where the user may create databases; user and password from {@code BAZAAR_TEST_DATABASE_USER}
 * and {@code _PASSWORD}), or else an embedded one started once per JVM. Each test class asks for a
 * fresh database, so tests never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String serverUrl;
    private static String user;
    private static String password;

    private TestPostgres() {
    }

    private static synchronized void ensureServer() {
        if (serverUrl != null) {
            return;
        }
        String external = System.getenv("BAZAAR_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            serverUrl = external.replaceAll("/[^/?]*(\\?.*)?$", "/");
            user = envOr("BAZAAR_TEST_DATABASE_USER", "postgres");
            password = envOr("BAZAAR_TEST_DATABASE_PASSWORD", "");
            return;
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            serverUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/";
            user = "postgres";
            password = "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL for tests", e);
        }
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String freshDatabaseUrl() {
        ensureServer();
        String name = "bazaar_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return serverUrl + name;
    }

    /** A fresh database with every migration applied, for tests below the HTTP layer. */
    public static DataSource freshMigratedDatabase() {
        PGSimpleDataSource ds = dataSource(freshDatabaseUrl());
        Flyway.configure().dataSource(ds).locations("filesystem:" + migrationsDir()).load().migrate();
        return ds;
    }

    public static PGSimpleDataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(user());
        ds.setPassword(password());
        return ds;
    }

    public static String user() {
        ensureServer();
        return user;
    }

    public static String password() {
        ensureServer();
        return password;
    }

    /** The top-level migrations/ folder, found from the module's working directory. */
    public static String migrationsDir() {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        for (java.nio.file.Path p = here; p != null; p = p.getParent()) {
            if (java.nio.file.Files.isDirectory(p.resolve("migrations"))) {
                return p.resolve("migrations").toString();
            }
        }
        throw new IllegalStateException("migrations/ not found above " + here);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
