package io.bazaar.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis is a cache for the catalogue: with Redis unreachable, reads come from PostgreSQL. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogWithoutRedisIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("redis.url", CatalogWithoutRedisIT::closedPort));

    static String closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "redis://127.0.0.1:" + s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void productPagesListsAndSearch_stillWork_whenRedisIsDown() {
        Api api = BazaarApp.api(APP);
        assertThat(BazaarApp.app(APP).demoCatalogue().loadIfEmpty()).isNotNull();
        Api.Reply list = api.get("/v1/products?limit=5");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("data")).hasSize(5);
        String slug = list.json().get("data").get(0).get("slug").asText();
        assertThat(api.get("/v1/products/" + slug).status()).isEqualTo(200);
        assertThat(api.get("/v1/search?q=iphone").json().get("data")).isNotEmpty();
    }
}
