package io.bazaar.store.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.review.CommunityShop.Product;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.recommendation.app.RecommendationService;
import io.bazaar.store.recommendation.app.RecommendationService.RefreshResult;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recommendations from a hand-built order history: bought together (co-purchase counts over paid orders),
 * related (staff list, shared categories and attributes), for you (purchases of one customer).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecommendationsIT {
    // The periodic job is off here so that only the test claims rebuilds (the job's own test drives it).
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("recommendations.refreshEnabled", "false"));
    static final CommunityShop SHOP = new CommunityShop(APP);

    Api api() {
        return SHOP.api();
    }

    static Api.Reply expect(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    String category(String name) {
        return expect(api().post("/v1/admin/categories", "{\"name\":\"" + name + "\",\"slug\":\"" + name.toLowerCase()
                .replace(' ', '-') + "\"}", SHOP.admin()), 201).json().get("id").asText();
    }

    List<String> ids(String path, String... auth) {
        return expect(api().get(path, auth), 200).json().get("data").findValuesAsText("id");
    }

    void soldOut(Product p, int remaining) {
        expect(api().post("/v1/admin/variants/" + p.variantId() + "/stock-adjustments", "{\"delta\":" + (-remaining)
                + ",\"reason\":\"correction\",\"note\":\"sold out\"}", SHOP.admin()), 201);
    }

    @Test
    void boughtTogether_ranksByPaidCoPurchases_excludesOutOfStock_andForYouExcludesWhatWasBought() {
        String teaware = category("Teaware");
        Product a = SHOP.product("Reco samovar", 50, null);
        Product b = SHOP.product("Reco tea glass", 50, null);
        Product c = SHOP.product("Reco saucer", 50, "\"category_ids\":[\"" + teaware + "\"]");
        Product d = SHOP.product("Reco sugar bowl", 50, "\"category_ids\":[\"" + teaware + "\"]");
        Product e = SHOP.product("Reco tea caddy", 50, null);
        Product f = SHOP.product("Reco tea tray", 50, "\"category_ids\":[\"" + teaware + "\"]");
        Product draft = SHOP.product("Reco draft", 50, null);

        Accounts.Session bulk = SHOP.customer("bulk", "Bulk Buyer");
        Accounts.Session zara = SHOP.customer("zara", "Zara Buyer");
        SHOP.paidOrder(bulk, a, b);                 // A+B
        SHOP.paidOrder(zara, a, b, c);              // A+B, A+C, B+C
        SHOP.paidOrder(bulk, a, b, c);              // A+B, A+C, B+C
        SHOP.paidOrder(bulk, a, d);                 // A+D
        SHOP.paidOrder(bulk, a, e);                 // A+E (three times; E then sells out)
        SHOP.paidOrder(bulk, a, e);
        SHOP.paidOrder(bulk, a, e);
        SHOP.paidOrder(bulk, a, draft);             // the draft is archived below: never shown
        // Unpaid orders are not purchases: were they counted, D would lead with 4.
        SHOP.placedOrder(bulk, a, d);
        SHOP.placedOrder(bulk, a, d);
        SHOP.placedOrder(bulk, a, d);
        soldOut(e, 47);
        expect(api().post("/v1/admin/products/" + draft.id() + "/archival", null, SHOP.admin()), 200);

        // Staff roles on the rebuild.
        expect(api().post("/v1/admin/recommendations/refresh", null, SHOP.support()), 403);
        expect(api().post("/v1/admin/recommendations/refresh", null, zara.auth()), 403);
        JsonNode refreshed = expect(api().post("/v1/admin/recommendations/refresh", null, SHOP.manager()), 200).json();
        assertThat(refreshed.get("refreshed").asBoolean()).isTrue();
        // Pairs, both directions: A-B, A-C, A-D, A-E, A-draft, B-C = 6 pairs x 2.
        assertThat(refreshed.get("pairs").asInt()).isEqualTo(12);

        // A: B in 3 orders, E in 3 (sold out), C in 2, D in 1 (its 3 unpaid orders do not count).
        assertThat(ids("/v1/products/" + a.id() + "/recommendations?kind=bought_together"))
                .containsExactly(b.id(), c.id(), d.id());
        assertThat(ids("/v1/products/" + a.slug() + "/recommendations")).containsExactly(b.id(), c.id(), d.id());
        assertThat(ids("/v1/products/" + a.id() + "/recommendations?limit=2")).containsExactly(b.id(), c.id());
        // B: A in 3, C in 2.
        assertThat(ids("/v1/products/" + b.id() + "/recommendations")).containsExactly(a.id(), c.id());

        // Zara bought A, B and C (C is teaware). Candidates she has not bought: D = 3 x 1 (with A) + 1 (teaware)
        // = 4, E sold out, F = 1 (teaware).
        assertThat(ids("/v1/me/recommendations", zara.auth())).containsExactly(d.id(), f.id());
        // A newcomer gets the best sellers: A (8 paid orders), B (3), C (2), D (1); E is sold out, the draft archived.
        Accounts.Session newcomer = SHOP.customer("new", "New Comer");
        assertThat(ids("/v1/me/recommendations", newcomer.auth())).containsExactly(a.id(), b.id(), c.id(), d.id());

        // Restocking E brings it back at once (stock is checked on every read, not cached).
        expect(api().post("/v1/admin/variants/" + e.variantId() + "/stock-adjustments",
                "{\"delta\":5,\"reason\":\"received\"}", SHOP.admin()), 201);
        assertThat(ids("/v1/products/" + a.id() + "/recommendations")).containsExactly(b.id(), e.id(), c.id(), d.id());
        // Once Zara buys D, it leaves her list at once.
        SHOP.paidOrder(zara, d);
        assertThat(ids("/v1/me/recommendations", zara.auth())).doesNotContain(d.id(), a.id(), b.id(), c.id());

        expect(api().get("/v1/products/" + a.id() + "/recommendations?kind=nope"), 400);
        expect(api().get("/v1/products/" + a.id() + "/recommendations?limit=51"), 400);
        expect(api().get("/v1/products/" + draft.id() + "/recommendations"), 404);
        expect(api().get("/v1/me/recommendations"), 401);
        expect(api().get("/v1/me/recommendations", SHOP.support()), 403);
    }

    @Test
    void related_staffListFirst_thenSharedCategoriesAndAttributes_onlyActiveInStock() {
        String rugs = category("Rugs");
        Product r6 = SHOP.product("Rel lamp", 10, null);
        Product r1 = SHOP.product("Rel kilim", 10, "\"category_ids\":[\"" + rugs + "\"],\"attributes\":{\"material\":"
                + "\"wool\"}");
        Product r2 = SHOP.product("Rel runner", 10, "\"category_ids\":[\"" + rugs + "\"]");
        Product r3 = SHOP.product("Rel cushion", 10, "\"attributes\":{\"material\":\"wool\",\"colour\":\"blue\"}");
        Product r4 = SHOP.product("Rel sold out rug", 1, "\"category_ids\":[\"" + rugs + "\"],\"attributes\":"
                + "{\"material\":\"wool\",\"colour\":\"red\"}");
        Product r5 = SHOP.product("Rel archived rug", 10, "\"category_ids\":[\"" + rugs + "\"]");
        Product unrelated = SHOP.product("Rel kettle", 10, "\"attributes\":{\"material\":\"steel\"}");
        Product p = SHOP.product("Rel carpet", 10, "\"category_ids\":[\"" + rugs + "\"],\"attributes\":{\"material\":"
                + "\"wool\",\"colour\":\"red\"},\"related_product_ids\":[\"" + r6.id() + "\"]");
        soldOut(r4, 1);
        expect(api().post("/v1/admin/products/" + r5.id() + "/archival", null, SHOP.admin()), 200);

        // r6 is the staff's pick; r1 = 2 (category) + 1 (wool) = 3; r2 = 2 (category); r3 = 1 (wool).
        List<String> related = ids("/v1/products/" + p.id() + "/recommendations?kind=related");
        assertThat(related).containsExactly(r6.id(), r1.id(), r2.id(), r3.id());
        assertThat(related).doesNotContain(r4.id(), r5.id(), unrelated.id(), p.id());
        JsonNode first = api().get("/v1/products/" + p.id() + "/recommendations?kind=related").json();
        assertThat(first.get("kind").asText()).isEqualTo("related");
        assertThat(first.get("data").get(0).get("title").asText()).isEqualTo("Rel lamp");
        assertThat(first.get("data").get(0).get("availability").get("status").asText()).isEqualTo("in_stock");

        // Staff change the related list: the cached ranking is abandoned with the product page, at once.
        expect(api().patch("/v1/admin/products/" + p.id(), "{\"version\":1,\"related_product_ids\":[\"" + r3.id()
                + "\"]}", SHOP.admin()), 200);
        assertThat(ids("/v1/products/" + p.id() + "/recommendations?kind=related"))
                .containsExactly(r3.id(), r1.id(), r2.id());
    }

    @Test
    void theRefreshJob_rebuildsOncePerInterval_evenWhenInstancesTickAtTheSameMoment() throws Exception {
        RecommendationService service = BazaarApp.app(APP).recommendations();
        assertThat(service.refresh(true).refreshed()).isTrue();
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(59));
        assertThat(Parallel.times(4, service::refreshIfDue)).extracting(RefreshResult::refreshed).containsOnly(false);

        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(2));
        List<RefreshResult> ticks = Parallel.times(4, service::refreshIfDue);
        assertThat(ticks.stream().filter(RefreshResult::refreshed).count()).as(ticks.toString()).isEqualTo(1);
        assertThat(service.refreshIfDue().refreshed()).isFalse();
    }
}
