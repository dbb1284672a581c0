package io.bazaar.store.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.TestBazaarApplication;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-setup default: with no database or Redis URL the service starts embedded PostgreSQL and
 * Redis under DATA_DIR; stopping and starting again keeps the accounts.
 */
class EmbeddedRestartIT {

    @TempDir
    Path dataDir;

    private DropwizardTestSupport<BazaarConfiguration> embeddedApp() {
        return new DropwizardTestSupport<>(TestBazaarApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "embedded"),
                ConfigOverride.config("database.user", "postgres"),
                ConfigOverride.config("redis.url", "embedded"),
                ConfigOverride.config("embedded.dataDir", dataDir.toString()));
    }

    @Test
    void accountsSurviveARestart_onTheEmbeddedDefault() throws Exception {
        DropwizardTestSupport<BazaarConfiguration> first = embeddedApp();
        first.before();
        String email;
        try {
            Api api = new Api("http://localhost:" + first.getLocalPort());
            email = Accounts.registerAndSignIn(api, "durable").email();
            assertThat(api.get("/v1/health").json().get("status").asText()).isEqualTo("ok");
        } finally {
            first.after();
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        assertThat(Files.isDirectory(dataDir.resolve("redis"))).isTrue();

        DropwizardTestSupport<BazaarConfiguration> second = embeddedApp();
        second.before();
        try {
            Api api = new Api("http://localhost:" + second.getLocalPort());
            String token = Accounts.signIn(api, "/v1/sessions", email, Accounts.PASSWORD);
            assertThat(api.get("/v1/me", "Authorization", "Bearer " + token).json().get("email").asText())
                    .isEqualTo(email);
        } finally {
            second.after();
        }
    }
}
