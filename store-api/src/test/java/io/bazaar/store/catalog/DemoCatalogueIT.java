package io.bazaar.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.catalog.app.ProductImporter;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class DemoCatalogueIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    @Test
    void demoCatalogue_loadsIntoAnEmptyCatalogueOnce_andIsBrowsableInEnglishAndPersian() {
        Api api = BazaarApp.api(APP);
        ProductImporter.ImportReport first = BazaarApp.app(APP).demoCatalogue().loadIfEmpty();
        assertThat(first).isNotNull();
        assertThat(first.rejected()).as(first.errors().toString()).isZero();
        assertThat(first.accepted()).isGreaterThanOrEqualTo(250);
        assertThat(BazaarApp.app(APP).demoCatalogue().loadIfEmpty()).as("second start").isNull();

        Api.Reply books = api.get("/v1/products?category=books&limit=100");
        assertThat(books.status()).as(books.toString()).isEqualTo(200);
        assertThat(books.json().get("data").findValuesAsText("title")).anyMatch(t -> t.startsWith("کتاب"));
        Api.Reply search = api.get("/v1/search?q=" + URLEncoder.encode("كتاب", StandardCharsets.UTF_8));
        assertThat(search.json().get("data").size()).isGreaterThan(5);
        assertThat(api.get("/v1/search?q=iphnoe").json().get("data").findValuesAsText("title"))
                .anyMatch(t -> t.contains("iPhone"));
        assertThat(api.get("/v1/categories").json().findValuesAsText("slug")).contains("books", "persian-books");
    }
}
