package io.bazaar.store.loyalty;

import static io.bazaar.store.loyalty.LoyaltyFixtures.ADDRESS_IR;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Early access (issue #8, tiers): a product with {@code early_access_until} stays visible to everyone, but until
 * that instant only signed-in customers whose tier has early access (with the default tiers: VIP, from
 * 500,000,000 IRR of rolling net spend) can put it in a cart or check it out. Guests and other customers get
 * 403 early_access_only; after the instant everyone can buy.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EarlyAccessIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    final LoyaltyFixtures f = new LoyaltyFixtures(APP);

    Api api() {
        return f.api();
    }

    Instant now() {
        return BazaarApp.app(APP).clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** An active product with one IRR variant (5 in stock); {@code until} null: no window. Answers the product. */
    JsonNode product(String until) {
        String title = "Early drop " + UUID.randomUUID();
        String sku = "EA-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply p = api().post("/v1/admin/products", "{\"title\":\"" + title + "\",\"status\":\"active\","
                + "\"early_access_until\":" + (until == null ? "null" : "\"" + until + "\"")
                + ",\"variants\":[{\"sku\":\"" + sku + "\",\"prices\":[{\"currency\":\"IRR\",\"amount\":1000000}],"
                + "\"stock_on_hand\":5}]}", f.admin());
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        return p.json();
    }

    static String variantOf(JsonNode product) {
        return product.get("variants").get(0).get("id").asText();
    }

    Api.Reply patchWindow(JsonNode product, String windowJson) {
        String id = product.get("id").asText();
        int version = api().get("/v1/admin/products/" + id, f.admin()).json().get("version").asInt();
        return api().patch("/v1/admin/products/" + id, "{\"version\":" + version + ",\"early_access_until\":"
                + windowJson + "}", f.admin());
    }

    String guestCart() {
        Api.Reply c = api().post("/v1/carts", "{\"currency\":\"IRR\"}");
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        return c.json().get("token").asText();
    }

    Api.Reply addAsGuest(String token, String variantId) {
        return api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + variantId + "\",\"quantity\":1}",
                "X-Cart-Token", token);
    }

    Api.Reply addAsCustomer(Accounts.Session s, String variantId) {
        return api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variantId + "\",\"quantity\":1}", s.auth());
    }

    Api.Reply guestCheckout(String token) {
        Api.Reply shipping = api().send("PUT", "/v1/carts/current/shipping", "{\"country\":\"IR\",\"method\":\"standard\"}",
                "application/json", "X-Cart-Token", token);
        assertThat(shipping.status()).as(shipping.toString()).isEqualTo(200);
        return api().post("/v1/checkout", "{\"email\":\"early@example.com\",\"shipping_address\":" + ADDRESS_IR
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", "X-Cart-Token", token);
    }

    Api.Reply customerCheckout(Accounts.Session s) {
        f.shipTo(s, "IR", "standard");
        return f.checkout(s, ADDRESS_IR, "standard", "");
    }

    static void assertEarlyAccessOnly(Api.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("early_access_only");
    }

    long orders(Accounts.Session s) {
        return f.count("SELECT count(*) FROM customer_order WHERE customer_id = CAST(:id AS uuid)", s.id());
    }

    String tierCode(Accounts.Session s) {
        JsonNode tier = api().get("/v1/admin/crm/customers/" + s.id() + "/tier", f.admin()).json().get("tier");
        return tier == null || tier.isNull() ? null : tier.get("code").asText();
    }

    @Nested
    class Staff {
        @Test
        void setAndClearTheWindow_badValuesAre400_andThePublicPagesFollowEachChange() {
            Instant until = now().plus(Duration.ofDays(3));
            JsonNode p = product(until.toString());
            String id = p.get("id").asText();
            assertThat(p.get("early_access_until").asText()).isEqualTo(until.toString());

            // Visible to anonymous shoppers, with the instant (this read also fills the cache).
            Api.Reply detail = api().get("/v1/products/" + p.get("slug").asText());
            assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
            assertThat(Instant.parse(detail.json().get("early_access_until").asText())).isEqualTo(until);
            JsonNode listed = null;
            for (JsonNode s : api().get("/v1/products?limit=100").json().get("data")) {
                if (id.equals(s.get("id").asText())) {
                    listed = s;
                }
            }
            assertThat(listed).as("the product is listed").isNotNull();
            assertThat(Instant.parse(listed.get("early_access_until").asText())).isEqualTo(until);

            // Bad values: 400 naming the field, nothing changes.
            for (String bad : new String[] {"\"next friday\"", "12345", "\"2026-13-01T00:00:00Z\"",
                    "\"+20000-01-01T00:00:00Z\"", "{\"at\":1}"}) {
                Api.Reply r = patchWindow(p, bad);
                assertThat(r.status()).as(bad + " -> " + r).isEqualTo(400);
                assertThat(r.json().get("errors").findValuesAsText("field")).as(r.toString())
                        .contains("early_access_until");
            }
            Api.Reply badCreate = api().post("/v1/admin/products", "{\"title\":\"Bad window " + UUID.randomUUID()
                    + "\",\"early_access_until\":\"tomorrow\"}", f.admin());
            assertThat(badCreate.status()).as(badCreate.toString()).isEqualTo(400);
            assertThat(badCreate.json().get("errors").findValuesAsText("field")).contains("early_access_until");

            // A change that leaves the field out keeps the window.
            int version = api().get("/v1/admin/products/" + id, f.admin()).json().get("version").asInt();
            Api.Reply rename = api().patch("/v1/admin/products/" + id, "{\"version\":" + version
                    + ",\"description\":\"Members first\"}", f.admin());
            assertThat(rename.status()).as(rename.toString()).isEqualTo(200);
            assertThat(Instant.parse(rename.json().get("early_access_until").asText())).isEqualTo(until);
            // A stale version is still refused.
            Api.Reply stale = api().patch("/v1/admin/products/" + id, "{\"version\":" + version
                    + ",\"early_access_until\":null}", f.admin());
            assertThat(stale.status()).as(stale.toString()).isEqualTo(409);

            // Moving the window (an offset is accepted and stored as the same instant): read-after-write on the
            // cached public page.
            Api.Reply moved = patchWindow(p, "\"2031-05-01T12:00:00+03:30\"");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            Instant movedTo = Instant.parse("2031-05-01T08:30:00Z");
            assertThat(Instant.parse(moved.json().get("early_access_until").asText())).isEqualTo(movedTo);
            assertThat(Instant.parse(api().get("/v1/products/" + id).json().get("early_access_until").asText()))
                    .isEqualTo(movedTo);

            // null clears it, and the public page says so at once.
            Api.Reply cleared = patchWindow(p, "null");
            assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
            assertThat(cleared.json().get("early_access_until").isNull()).isTrue();
            assertThat(api().get("/v1/products/" + id).json().get("early_access_until").isNull()).isTrue();
            assertThat(api().get("/v1/products/" + p.get("slug").asText()).json().get("early_access_until").isNull())
                    .isTrue();
        }

        @Test
        void jsonLinesImports_carryTheWindow() {
            String sku = "EA-IMP-" + UUID.randomUUID().toString().substring(0, 8);
            Api.Reply r = api().send("POST", "/v1/admin/product-imports", "{\"title\":\"Imported drop " + UUID.randomUUID()
                    + "\",\"status\":\"active\",\"early_access_until\":\"2031-01-02T03:04:05Z\",\"variants\":[{\"sku\":\""
                    + sku + "\",\"prices\":[{\"currency\":\"IRR\",\"amount\":1000}]}]}\n"
                    + "{\"title\":\"Imported bad " + UUID.randomUUID() + "\",\"early_access_until\":\"soon\"}\n",
                    "application/x-ndjson", f.admin());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
            assertThat(r.json().get("errors").get(0).get("errors").findValuesAsText("field"))
                    .containsExactly("early_access_until");
            String id = r.json().get("created_ids").get(0).asText();
            assertThat(api().get("/v1/products/" + id).json().get("early_access_until").asText())
                    .isEqualTo("2031-01-02T03:04:05Z");
        }
    }

    @Nested
    class Shoppers {
        @Test
        void guestsAndCustomersWithoutTheBenefit_areRefusedUntilTheInstant_thenEveryoneCanBuy() {
            Instant until = now().plus(Duration.ofMinutes(30));
            JsonNode p = product(until.toString());
            String v = variantOf(p);

            // Still visible to everyone.
            assertThat(api().get("/v1/products/" + p.get("id").asText()).status()).isEqualTo(200);

            String token = guestCart();
            Api.Reply guest = addAsGuest(token, v);
            assertEarlyAccessOnly(guest);
            assertThat(guest.json().get("detail").asText()).contains(until.toString());
            assertThat(api().get("/v1/carts/current", "X-Cart-Token", token).json().get("lines")).isEmpty();
            // A cart created with the line in it (one statement) is refused the same way, and no cart is written.
            long carts = carts();
            String withLine = "{\"lines\":[{\"variant_id\":\"" + v + "\",\"quantity\":1}]}";
            Api.Reply created = api().post("/v1/carts", withLine);
            assertEarlyAccessOnly(created);
            assertThat(created.json().get("errors").get(0).get("field").asText()).isEqualTo("lines[0].variant_id");
            assertThat(carts()).isEqualTo(carts);

            Accounts.Session plain = Accounts.registerAndSignIn(api(), "early-plain");
            assertEarlyAccessOnly(addAsCustomer(plain, v));
            assertThat(api().get("/v1/me/cart", plain.auth()).json().get("lines")).isEmpty();

            // One second before the instant it is still closed; at the instant it opens.
            BazaarApp.app(APP).clock.set(until.minusSeconds(1));
            assertEarlyAccessOnly(addAsGuest(token, v));
            BazaarApp.app(APP).clock.set(until);
            Api.Reply open = addAsGuest(token, v);
            assertThat(open.status()).as(open.toString()).isEqualTo(200);
            long cartsBefore = carts();
            Api.Reply createdOpen = api().post("/v1/carts", withLine);
            assertThat(createdOpen.status()).as(createdOpen.toString()).isEqualTo(201);
            assertThat(createdOpen.json().get("cart").get("lines").get(0).get("variant_id").asText()).isEqualTo(v);
            assertThat(carts()).isEqualTo(cartsBefore + 1);
            assertThat(open.json().get("problems")).isEmpty();
            Api.Reply guestOrder = guestCheckout(token);
            assertThat(guestOrder.status()).as(guestOrder.toString()).isEqualTo(201);

            f.addToMyCart(plain, v, 2);
            Api.Reply order = customerCheckout(plain);
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            assertThat(f.stock(v)).isEqualTo(5 - 1 - 2);
        }

        @Test
        void checkoutRechecks_aLineAddedBeforeTheWindowWasSet_isRefusedAtCheckout_withNothingReserved() {
            JsonNode p = product(null);
            String v = variantOf(p);
            String token = guestCart();
            assertThat(addAsGuest(token, v).status()).isEqualTo(200);
            Accounts.Session plain = Accounts.registerAndSignIn(api(), "early-late");
            f.addToMyCart(plain, v, 1);

            Instant until = now().plus(Duration.ofHours(1));
            assertThat(patchWindow(p, "\"" + until + "\"").status()).isEqualTo(200);

            // The carts flag the line; checkout refuses it and nothing is reserved or ordered.
            JsonNode guestCart = api().get("/v1/carts/current", "X-Cart-Token", token).json();
            assertThat(guestCart.get("problems").findValuesAsText("code")).containsExactly("early_access_only");
            assertThat(guestCart.get("problems").get(0).get("variant_id").asText()).isEqualTo(v);
            assertEarlyAccessOnly(guestCheckout(token));
            assertThat(api().get("/v1/me/cart", plain.auth()).json().get("problems").findValuesAsText("code"))
                    .containsExactly("early_access_only");
            long ordersBefore = orders(plain);
            Api.Reply refused = customerCheckout(plain);
            assertEarlyAccessOnly(refused);
            assertThat(refused.json().get("errors").findValuesAsText("message")).containsExactly(v);
            assertThat(orders(plain)).isEqualTo(ordersBefore);
            assertThat(f.stock(v)).isEqualTo(5);
            assertThat(f.count("SELECT count(*) FROM cart WHERE customer_id = CAST(:id AS uuid) AND status = 'open'",
                    plain.id())).isEqualTo(1);
            // Changing the quantity is refused too; removing the line is always allowed.
            assertEarlyAccessOnly(api().patch("/v1/me/cart/lines/" + v, "{\"quantity\":2}", plain.auth()));
            assertThat(api().delete("/v1/me/cart/lines/" + v, plain.auth()).status()).isEqualTo(200);
        }
    }

    @Nested
    class Members {
        @Test
        void aVipCanAddAndCheckOutInTheWindow_andLosingTheTierBeforeCheckout_isRefusedAtCheckout() {
            Accounts.Session vip = Accounts.registerAndSignIn(api(), "early-vip");
            // 500,000,000 + 1,000,000 express shipping = 501,000,000 paid -> VIP (early access).
            String big = f.variant("IRR", 500_000_000, 5);
            f.addToMyCart(vip, big, 1);
            f.shipTo(vip, "IR", "express");
            String vipOrder = f.placed(f.checkout(vip, ADDRESS_IR, "express", ""));
            f.pay(vipOrder);
            await().atMost(Duration.ofSeconds(10)).until(() -> "vip".equals(tierCode(vip)));
            assertThat(api().get("/v1/me/loyalty", vip.auth()).json().get("tier").get("early_access").asBoolean())
                    .isTrue();

            JsonNode p = product(now().plus(Duration.ofDays(2)).toString());
            String v = variantOf(p);
            Api.Reply added = addAsCustomer(vip, v);
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            assertThat(added.json().get("problems")).isEmpty();
            Api.Reply more = api().patch("/v1/me/cart/lines/" + v, "{\"quantity\":2}", vip.auth());
            assertThat(more.status()).as(more.toString()).isEqualTo(200);
            String first = f.placed(customerCheckout(vip));
            assertThat(f.stock(v)).isEqualTo(3);
            assertThat(api().get("/v1/me/orders/" + first, vip.auth()).json().get("lines").get(0).get("quantity")
                    .asInt()).isEqualTo(2);

            // Added while VIP ...
            f.addToMyCart(vip, v, 1);
            // ... then a refund of 2,000,000 leaves 499,000,000: Gold, which has no early access.
            Api.Reply refund = api().post("/v1/admin/refunds", "{\"order_id\":\"" + vipOrder
                    + "\",\"amount\":2000000,\"reason\":\"late delivery\"}", f.admin());
            assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> "gold".equals(tierCode(vip)));

            long ordersBefore = orders(vip);
            assertEarlyAccessOnly(customerCheckout(vip));
            assertThat(orders(vip)).isEqualTo(ordersBefore);
            assertThat(f.stock(v)).isEqualTo(3);
            assertEarlyAccessOnly(addAsCustomer(vip, v));
        }
    }

    private static long carts() {
        return BazaarApp.app(APP).jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM cart").mapTo(Long.class).one());
    }
}
