package io.bazaar.store.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import java.util.UUID;

/** Buys things through the HTTP API for segment tests: products with categories, paid orders, refunds. */
final class Shopping {
    /** One unit costs 1,000,000 IRR; standard shipping adds 500,000 IRR. */
    static final long UNIT = 1_000_000;
    static final long SHIPPING = 500_000;

    private final Api api;

    Shopping(Api api) {
        this.api = api;
    }

    String[] admin() {
        return Accounts.admin(api).auth();
    }

    String category(String name) {
        Api.Reply c = api.post("/v1/admin/categories", "{\"name\":\"" + name + "\",\"slug\":\"cat-"
                + UUID.randomUUID().toString().substring(0, 8) + "\"}", admin());
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        return c.json().get("id").asText();
    }

    /** An active product (1,000,000 IRR, plenty of stock) in the given categories; returns its variant id. */
    String product(String title, String... categoryIds) {
        StringBuilder cats = new StringBuilder();
        for (String c : categoryIds) {
            cats.append(cats.isEmpty() ? "" : ",").append('"').append(c).append('"');
        }
        Api.Reply product = api.post("/v1/admin/products", "{\"title\":\"" + title + " " + UUID.randomUUID()
                + "\",\"status\":\"active\",\"category_ids\":[" + cats + "],\"variants\":[{\"sku\":\"SEG-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"prices\":[{\"currency\":\"IRR\",\"amount\":"
                + UNIT + "}],\"stock_on_hand\":100000}]}", admin());
        assertThat(product.status()).as(product.toString()).isEqualTo(201);
        return product.json().get("variants").get(0).get("id").asText();
    }

    /** Signs in afresh (the clock may have moved past the session lifetime), buys and has staff mark it paid. */
    String paidOrder(Accounts.Session s, String variant, int quantity) {
        String token = Accounts.signIn(api, "/v1/sessions", s.email(), Accounts.PASSWORD);
        String[] auth = {"Authorization", "Bearer " + token};
        Api.Reply line = api.post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":" + quantity
                + "}", auth);
        assertThat(line.status()).as(line.toString()).isIn(200, 201);
        Api.Reply placed = api.post("/v1/me/checkout", "{\"shipping_address\":{\"name\":\"N\",\"line1\":\"L\","
                + "\"city\":\"Isfahan\",\"country\":\"IR\"},\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}",
                auth);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        assertThat(placed.json().get("order").get("totals").get("grand_total").get("amount").asLong())
                .isEqualTo(quantity * UNIT + SHIPPING);
        Api.Reply paid = api.post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return orderId;
    }

    void refund(String orderId, long amount) {
        Api.Reply r = api.post("/v1/admin/refunds", "{\"order_id\":\"" + orderId + "\",\"amount\":" + amount
                + ",\"reason\":\"test refund\"}", admin());
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    void cancel(String orderId) {
        Api.Reply r = api.post("/v1/admin/orders/" + orderId + "/cancellation", "{\"reason\":\"test\"}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    void grantMarketing(Accounts.Session s, String channel, boolean granted) {
        String token = Accounts.signIn(api, "/v1/sessions", s.email(), Accounts.PASSWORD);
        Api.Reply r = api.send("PUT", "/v1/me/consents", "{\"consents\":[{\"channel\":\"" + channel
                + "\",\"purpose\":\"marketing\",\"granted\":" + granted + "}]}", "application/json",
                "Authorization", "Bearer " + token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
