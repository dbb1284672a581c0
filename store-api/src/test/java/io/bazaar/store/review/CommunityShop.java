package io.bazaar.store.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The shop as reviews, questions and recommendations tests need it, all through the HTTP API: products,
 * paid and delivered orders, and staff of each role.
 */
public final class CommunityShop {
    static final String ADDRESS = "{\"name\":\"Sara Ahmadi\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\","
            + "\"postal_code\":\"1234567890\",\"country\":\"IR\"}";

    private final DropwizardAppExtension<BazaarConfiguration> app;
    private String managerEmail;
    private String supportEmail;
    private String manager;
    private String support;
    private Instant signedInAt;

    public CommunityShop(DropwizardAppExtension<BazaarConfiguration> app) {
        this.app = app;
    }

    public Api api() {
        return BazaarApp.api(app);
    }

    public String[] admin() {
        return Accounts.admin(api()).auth();
    }

    /** Staff sessions last 12 h; tests that move the clock sign in again. */
    private synchronized void ensureStaff() {
        Instant now = BazaarApp.app(app).clock.instant();
        if (signedInAt != null && Duration.between(signedInAt, now).compareTo(Duration.ofHours(10)) < 0) {
            return;
        }
        if (managerEmail == null) {
            managerEmail = Accounts.uniqueEmail("manager");
            supportEmail = Accounts.uniqueEmail("support");
            createStaff(managerEmail, "manager");
            createStaff(supportEmail, "support");
        }
        manager = Accounts.signIn(api(), "/v1/admin/sessions", managerEmail, "Manager-Desk-2026");
        support = Accounts.signIn(api(), "/v1/admin/sessions", supportEmail, "Manager-Desk-2026");
        signedInAt = now;
    }

    private void createStaff(String email, String role) {
        Api.Reply r = api().post("/v1/admin/staff", "{\"email\":\"" + email + "\",\"name\":\"Nima " + role
                + "\",\"role\":\"" + role + "\",\"password\":\"Manager-Desk-2026\"}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    public String[] manager() {
        ensureStaff();
        return new String[] {"Authorization", Api.bearer(manager)};
    }

    public String[] support() {
        ensureStaff();
        return new String[] {"Authorization", Api.bearer(support)};
    }

    /** A registered customer with a real name (shown publicly as "First L."). */
    public Accounts.Session customer(String prefix, String name) {
        String email = Accounts.uniqueEmail(prefix);
        Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":\"" + name + "\"}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return new Accounts.Session(reg.json().get("id").asText(), email,
                Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD));
    }

    /** An active product with one variant; {@code extra} adds JSON fields (categories, attributes, ...). */
    public Product product(String title, int stock, String extra) {
        String body = "{\"title\":\"" + title + "\",\"status\":\"active\"" + (extra == null ? "" : "," + extra)
                + ",\"variants\":[{\"sku\":\"SKU-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"prices\":"
                + "[{\"currency\":\"IRR\",\"amount\":1000000}],\"stock_on_hand\":" + stock + "}]}";
        Api.Reply r = api().post("/v1/admin/products", body, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Product(r.json().get("id").asText(), r.json().get("variants").get(0).get("id").asText(),
                r.json().get("slug").asText());
    }

    public record Product(String id, String variantId, String slug) {
    }

    /** Places an order of one unit of each product; not paid. Returns the order JSON. */
    public JsonNode placedOrder(Accounts.Session customer, Product... products) {
        for (Product p : products) {
            Api.Reply add = api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + p.variantId() + "\",\"quantity\":1}",
                    customer.auth());
            assertThat(add.status()).as(add.toString()).isEqualTo(200);
        }
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", customer.auth());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("order");
    }

    public String paidOrder(Accounts.Session customer, Product... products) {
        String orderId = placedOrder(customer, products).get("id").asText();
        Api.Reply paid = api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return orderId;
    }

    /** Paid, shipped in full and, when {@code deliver}, delivered. Returns the order id. */
    public String shippedOrder(Accounts.Session customer, boolean deliver, Product... products) {
        String orderId = paidOrder(customer, products);
        StringBuilder lines = new StringBuilder();
        for (String lineId : BazaarApp.app(app).jdbi().withHandle(h -> h.createQuery(
                "SELECT id::text FROM order_line WHERE order_id = CAST(:o AS uuid) ORDER BY position")
                .bind("o", orderId).mapTo(String.class).list())) {
            lines.append(lines.isEmpty() ? "" : ",").append("{\"order_line_id\":\"").append(lineId)
                    .append("\",\"quantity\":1}");
        }
        Api.Reply shipped = api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId + "\",\"carrier\":\"Post\","
                + "\"tracking_number\":\"TRK-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"lines\":["
                + lines + "]}", admin());
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        if (deliver) {
            Api.Reply delivered = api().post("/v1/admin/shipments/" + shipped.json().get("id").asText() + "/delivery",
                    null, admin());
            assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        }
        return orderId;
    }

    public String deliveredOrder(Accounts.Session customer, Product... products) {
        return shippedOrder(customer, true, products);
    }
}
