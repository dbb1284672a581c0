package io.bazaar.store.platform;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.platform.db.DatabaseUrl;
import io.bazaar.store.platform.embedded.EmbeddedPostgresServer;
import io.bazaar.store.platform.embedded.EmbeddedRedisServer;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves where PostgreSQL and Redis are: the configured URLs, or embedded servers started here
 * when a URL is empty. Rewrites the configuration so everything downstream sees plain URLs.
 */
public final class DataServices implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DataServices.class);

    public static final String EMBEDDED = "embedded";

    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;

    private DataServices() {
    }

    public static DataServices resolve(BazaarConfiguration config) throws IOException {
        DataServices services = new DataServices();
        Path dataDir = Path.of(config.embedded.dataDir);
        String dbUrl = config.database.getUrl();
        try {
            if (isEmbedded(dbUrl)) {
                services.postgres = EmbeddedPostgresServer.start(dataDir, config.embedded.postgresPort,
                        config.embedded.databaseName);
                config.database.setUrl(services.postgres.jdbcUrl());
                config.database.setUser(services.postgres.user());
                config.database.setPassword("");
            } else {
                DatabaseUrl parsed = DatabaseUrl.parse(dbUrl, config.database.getUser(), config.database.getPassword());
                config.database.setUrl(parsed.jdbcUrl());
                config.database.setUser(parsed.user());
                config.database.setPassword(parsed.password());
                LOG.info("Using the configured PostgreSQL server");
            }
            if (isEmbedded(config.redis.url)) {
                services.redis = EmbeddedRedisServer.start(dataDir, config.embedded.redisPort);
                config.redis.url = services.redis.url();
            } else {
                LOG.info("Using the configured Redis server");
            }
        } catch (IOException | RuntimeException e) {
            services.stop();
            throw e;
        }
        return services;
    }

    /** "embedded" (the config.yml default) or empty means: start the embedded server. */
    static boolean isEmbedded(String url) {
        return url == null || url.isBlank() || EMBEDDED.equalsIgnoreCase(url.strip());
    }

    public boolean embedded() {
        return postgres != null || redis != null;
    }

    @Override
    public void stop() throws IOException {
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
