package io.bazaar.store.support;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the whole application over real HTTP against a fresh PostgreSQL database and a flushed
 * Redis. Use as {@code @RegisterExtension static final DropwizardAppExtension<...> APP = BazaarApp.extension();}
 */
public final class BazaarApp {
    private BazaarApp() {
    }

    public static DropwizardAppExtension<BazaarConfiguration> extension(ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>();
        all.add(ConfigOverride.config("database.url", TestPostgres::freshDatabaseUrl));
        all.add(ConfigOverride.config("database.user", TestPostgres::user));
        all.add(ConfigOverride.config("database.password", TestPostgres::password));
        all.add(ConfigOverride.config("redis.url", TestRedis::url));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(TestBazaarApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), all.toArray(ConfigOverride[]::new));
    }

    public static TestBazaarApplication app(DropwizardAppExtension<BazaarConfiguration> ext) {
        return ext.getApplication();
    }

    private static final java.util.Map<Integer, Api> APIS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One client per running application, so per-application caches (the admin session) work. */
    public static Api api(DropwizardAppExtension<BazaarConfiguration> ext) {
        return APIS.computeIfAbsent(ext.getLocalPort(), port -> new Api("http://localhost:" + port));
    }
}
