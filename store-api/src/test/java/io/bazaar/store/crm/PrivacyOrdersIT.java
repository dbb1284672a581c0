package io.bazaar.store.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Export and erasure reach the customer's orders: the person disappears, the money still adds up. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrivacyOrdersIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    long count(String sql, Object value) {
        return jdbi().withHandle(h -> h.createQuery(sql).bind("v", value).mapTo(Long.class).one());
    }

    @Test
    void exportListsOrdersWithAddresses_andErasureRemovesThePersonButKeepsTheTotals() {
        String[] admin = Accounts.admin(api()).auth();
        Api.Reply product = api().post("/v1/admin/products", "{\"title\":\"Silk scarf\",\"status\":\"active\","
                + "\"variants\":[{\"sku\":\"SILK-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"prices\":"
                + "[{\"currency\":\"IRR\",\"amount\":4000000}],\"stock_on_hand\":5}]}", admin);
        String variant = product.json().get("variants").get(0).get("id").asText();
        String name = "Shirin Erasable-" + UUID.randomUUID().toString().substring(0, 6);
        String email = Accounts.uniqueEmail("privacy");
        assertThat(api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        String token = Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD);
        String[] auth = {"Authorization", "Bearer " + token};
        api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":1}", auth);
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":{\"name\":\"" + name
                + "\",\"line1\":\"7 Hafez St\",\"city\":\"Shiraz\",\"country\":\"IR\",\"phone\":\"+98 917 111 2233\"},"
                + "\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", auth);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        long grandTotal = placed.json().get("order").get("totals").get("grand_total").get("amount").asLong();
        assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id "
                        + "WHERE e.aggregate_id = :v AND d.status = 'delivered'", orderId) >= 2);

        // Shipped, delivered, and a return asked in the customer's own words.
        Api.Reply shipped = api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId + "\",\"carrier\":\"Post\","
                + "\"tracking_number\":\"PRIV-" + orderId.substring(0, 8) + "\"}", admin);
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        assertThat(api().post("/v1/admin/shipments/" + shipped.json().get("id").asText() + "/delivery", null, admin)
                .status()).isEqualTo(200);
        String line = placed.json().get("order").get("lines").get(0).get("id").asText();
        Api.Reply returned = api().post("/v1/me/returns", "{\"order_id\":\"" + orderId + "\",\"lines\":[{"
                + "\"order_line_id\":\"" + line + "\",\"quantity\":1}],\"reason_code\":\"other\","
                + "\"comment\":\"" + name + " here, call me on +98 917 111 2233\"}", auth);
        assertThat(returned.status()).as(returned.toString()).isEqualTo(201);

        JsonNode export = api().get("/v1/me/export", auth).json();
        assertThat(export.get("returns").get(0).get("comment").asText()).startsWith(name);
        assertThat(export.get("account").get("email").asText()).isEqualTo(email);
        JsonNode order = export.get("orders").get(0);
        assertThat(order.get("id").asText()).isEqualTo(orderId);
        assertThat(order.get("shipping").get("address").get("line1").asText()).isEqualTo("7 Hafez St");
        assertThat(order.get("lines").get(0).get("title").asText()).isEqualTo("Silk scarf");

        Api.Reply erased = api().post("/v1/me/erasure", "{}", auth);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

        // No trace of the person by email or name, anywhere an order or event keeps it...
        assertThat(count("SELECT count(*) FROM customer_order WHERE email = :v", email)).isZero();
        assertThat(count("SELECT count(*) FROM customer_order WHERE shipping_address::text LIKE '%' || :v || '%'",
                "Hafez")).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%' || :v || '%'", email)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%' || :v || '%'", name)).isZero();
        assertThat(count("SELECT count(*) FROM customer WHERE email = :v OR name = :v", email)).isZero();
        assertThat(count("SELECT count(*) FROM return_request WHERE comment LIKE '%' || :v || '%'", name)).isZero();
        assertThat(api().get("/v1/admin/orders?q=" + email, admin).json().get("data")).isEmpty();
        // ...while the order and its money stay, under a pseudonym.
        JsonNode kept = api().get("/v1/admin/orders/" + orderId, admin).json();
        assertThat(kept.get("totals").get("grand_total").get("amount").asLong()).isEqualTo(grandTotal);
        assertThat(kept.get("status").asText()).isEqualTo("delivered");
        assertThat(kept.get("shipping").get("address").get("country").asText()).isEqualTo("IR");
        assertThat(kept.get("email").asText()).isNotEqualTo(email);
    }
}
