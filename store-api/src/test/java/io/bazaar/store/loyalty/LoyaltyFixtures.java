package io.bazaar.store.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Products, carts, checkouts and points for the loyalty ITs, all through the HTTP API. */
final class LoyaltyFixtures {
    static final String ADDRESS_IR = "{\"name\":\"Sara\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\",\"country\":\"IR\"}";
    static final String ADDRESS_DE = "{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"city\":\"Berlin\",\"country\":\"DE\"}";

    private final DropwizardAppExtension<BazaarConfiguration> app;

    LoyaltyFixtures(DropwizardAppExtension<BazaarConfiguration> app) {
        this.app = app;
    }

    Api api() {
        return BazaarApp.api(app);
    }

    String[] admin() {
        return Accounts.admin(api()).auth();
    }

    /** A product with one variant priced in one currency; answers the variant id. */
    String variant(String currency, long price, int stock) {
        String sku = "LOY-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply p = api().post("/v1/admin/products", "{\"title\":\"Loyalty item " + UUID.randomUUID()
                + "\",\"status\":\"active\",\"variants\":[{\"sku\":\"" + sku + "\",\"prices\":[{\"currency\":\""
                + currency + "\",\"amount\":" + price + "}],\"stock_on_hand\":" + stock + "}]}", admin());
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        return p.json().get("variants").get(0).get("id").asText();
    }

    int stock(String variantId) {
        return BazaarApp.app(app).jdbi().withHandle(h -> h.createQuery(
                "SELECT stock_on_hand FROM variant WHERE id = CAST(:id AS uuid)").bind("id", variantId)
                .mapTo(Integer.class).one());
    }

    long count(String sql, String id) {
        return BazaarApp.app(app).jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }

    void addToMyCart(Accounts.Session s, String variantId, int quantity) {
        Api.Reply r = api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variantId + "\",\"quantity\":" + quantity
                + "}", s.auth());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    Api.Reply put(String path, String json, String... headers) {
        return api().send("PUT", path, json, "application/json", headers);
    }

    Api.Reply shipTo(Accounts.Session s, String country, String method) {
        Api.Reply r = put("/v1/me/cart/shipping", "{\"country\":\"" + country + "\",\"method\":\"" + method + "\"}",
                s.auth());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    Api.Reply checkout(Accounts.Session s, String address, String method, String extra) {
        return api().post("/v1/me/checkout", "{\"shipping_address\":" + address + ",\"shipping_method\":\"" + method
                + "\",\"payment_provider\":\"manual\"" + extra + "}", s.auth());
    }

    String placed(Api.Reply checkout) {
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        return checkout.json().get("order").get("id").asText();
    }

    void pay(String orderId) {
        Api.Reply r = api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Staff give points; waits until the CRM knows the customer (registration reaches it through the outbox). */
    void givePoints(Accounts.Session s, long points) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api().post("/v1/admin/crm/customers/" + s.id() + "/points",
                "{\"delta\":" + points + ",\"reason\":\"test points\"}", admin()).status() == 200);
    }

    long balance(Accounts.Session s) {
        return api().get("/v1/me/points", s.auth()).json().get("balance").asLong();
    }

    List<String> ledgerReasons(Accounts.Session s) {
        List<String> out = new ArrayList<>();
        api().get("/v1/me/points?limit=200", s.auth()).json().get("ledger").get("data")
                .forEach(e -> out.add(e.get("reason").asText()));
        return out;
    }

    void assertBalanceEqualsLedger(Accounts.Session s) {
        long[] both = BazaarApp.app(app).crm().loyalty().balanceAndLedgerSum(UUID.fromString(s.id()));
        assertThat(both[0]).as("balance equals ledger sum").isEqualTo(both[1]);
    }

    static JsonNode line(JsonNode discounts, String source) {
        for (JsonNode d : discounts) {
            if (source.equals(d.get("source").asText())) {
                return d;
            }
        }
        return null;
    }

    static long amount(JsonNode totals, String field) {
        return totals.get(field).get("amount").asLong();
    }
}
