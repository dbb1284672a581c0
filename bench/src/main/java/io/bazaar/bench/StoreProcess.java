package io.bazaar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The store under test: the built jar, run as its own process with embedded PostgreSQL and Redis whose
 * data lives under {@code bench/target/data} and whose ports are fixed (so the benchmark can reach the
 * same PostgreSQL for the tpcb-like baseline and the stock checks).
 */
final class StoreProcess implements AutoCloseable {
    static final String ADMIN_EMAIL = "bench-admin@bazaar.local";
    static final String ADMIN_PASSWORD = "Bench-Marking-Bazaar-2026!";

    private final Process process;

    private StoreProcess(Process process) {
        this.process = process;
    }

    /** Runs {@code generate-catalogue} once per data directory (server stopped), then remembers it. */
    static void seedIfNeeded(Settings s) throws IOException, InterruptedException {
        Path marker = s.dataDir().resolve("catalogue-" + s.products() + ".seeded");
        if (Files.exists(marker)) {
            System.out.println("Catalogue of " + s.products() + " products already generated in " + s.dataDir()
                    + " (delete bench/target/data to start over)");
            return;
        }
        Files.createDirectories(s.dataDir());
        System.out.println("Generating " + s.products() + " products (once per data directory; log: "
                + s.workDir().resolve("generate.log") + ")");
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>(javaCommand(s));
        command.addAll(List.of("generate-catalogue", "--products", Integer.toString(s.products()),
                "--threads", Integer.toString(s.generatorThreads()), s.config().toString()));
        Process p = builder(s, command, s.workDir().resolve("generate.log")).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("generate-catalogue failed; see " + s.workDir().resolve("generate.log"));
        }
        Files.writeString(marker, "generated in " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s\n");
        System.out.printf("Generated in %d s%n", Duration.ofNanos(System.nanoTime() - t0).toSeconds());
    }

    static StoreProcess start(Settings s) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand(s));
        command.addAll(List.of("server", s.config().toString()));
        Path log = s.workDir().resolve("server.log");
        StoreProcess store = new StoreProcess(builder(s, command, log).start());
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        Http http = new Http(s.baseUrl(), 2);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!store.process.isAlive()) {
                throw new IllegalStateException("the store exited during start; see " + log);
            }
            try {
                if (http.get("/v1/ping").ok()) {
                    System.out.println("Store up at " + s.baseUrl() + " (log: " + log + ")");
                    return store;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        store.close();
        throw new IllegalStateException("the store did not answer /v1/ping within 5 minutes; see " + log);
    }

    private static List<String> javaCommand(Settings s) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getProperty("bench.serverJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+"))); // e.g. a profiler: -XX:StartFlightRecording=...
        }
        command.addAll(List.of("-Ddw.embedded.postgresPort=" + s.postgresPort(),
                "-Ddw.embedded.redisPort=" + s.redisPort(), "-jar", s.jar().toString()));
        return command;
    }

    private static ProcessBuilder builder(Settings s, List<String> command, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).directory(s.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = b.environment();
        env.remove("DATABASE_URL");
        env.remove("REDIS_URL");
        env.put("DATA_DIR", s.dataDir().toString());
        env.put("PORT", Integer.toString(s.port()));
        env.put("ADMIN_PORT", Integer.toString(s.adminPort()));
        env.put("BAZAAR_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("BAZAAR_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return b;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Dropwizard stops Jetty, then the embedded PostgreSQL and Redis
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
