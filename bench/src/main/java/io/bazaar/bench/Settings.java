package io.bazaar.bench;

import java.nio.file.Path;

/** Every knob of the benchmark, from -Dbench.* system properties (defaults in bench/README.md). */
record Settings(Path root, int products, int generatorThreads, int concurrency, int warmupSeconds,
                int measureSeconds, int port, int adminPort, int postgresPort, int redisPort, int tpcbScale,
                int tpcbClients, int tpcbWarmupSeconds, int checkoutProducts, int checkoutWarmupSeconds,
                boolean cartWithLine) {

    static Settings fromSystemProperties() {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        return new Settings(root, integer("bench.products", 100_000), integer("bench.generatorThreads", 4),
                integer("bench.concurrency", 32), integer("bench.warmup", 10), integer("bench.duration", 20),
                integer("bench.port", 18080), integer("bench.adminPort", 18081), integer("bench.postgresPort", 15432),
                integer("bench.redisPort", 16379), integer("bench.tpcb.scale", 10), integer("bench.tpcb.clients", 10),
                integer("bench.tpcb.warmup", 60), integer("bench.checkoutProducts", 50), integer("bench.checkoutWarmup", 300),
                !"separate".equals(System.getProperty("bench.checkoutCart", "with-line")));
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }

    Path workDir() {
        return root.resolve("bench/target");
    }

    Path dataDir() {
        String custom = System.getProperty("bench.data");
        return custom == null || custom.isBlank() ? workDir().resolve("data") : Path.of(custom).toAbsolutePath();
    }

    Path jar() {
        return root.resolve("store-api/target/bazaar.jar");
    }

    Path config() {
        return root.resolve("config.yml");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }
}
