package io.bazaar.store.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Discount codes and automatic promotions on carts and at checkout, through the HTTP API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PromotionsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("checkout.reservationTtl", "2 hours"));

    static final String ADDRESS = "{\"name\":\"Sara Ahmadi\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\","
            + "\"postal_code\":\"1234567890\",\"country\":\"IR\",\"phone\":\"+98 912 000 0000\"}";
    static final String CHECKOUT = "{\"email\":\"guest@example.com\",\"shipping_address\":" + ADDRESS
            + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}";

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    String[] admin() {
        return Accounts.admin(api()).auth();
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** An active product with one variant; prices as "CUR:amount". Returns {productId, variantId}. */
    String[] product(String title, int stock, String categoryId, String... prices) {
        StringBuilder p = new StringBuilder();
        for (String price : prices) {
            String[] parts = price.split(":");
            p.append(p.isEmpty() ? "" : ",").append("{\"currency\":\"").append(parts[0]).append("\",\"amount\":")
                    .append(parts[1]).append("}");
        }
        String body = "{\"title\":\"" + title + "\",\"status\":\"active\","
                + (categoryId == null ? "" : "\"category_ids\":[\"" + categoryId + "\"],")
                + "\"variants\":[{\"sku\":\"SKU-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"weight_grams\":100,\"prices\":[" + p + "],\"stock_on_hand\":" + stock + "}]}";
        Api.Reply r = api().post("/v1/admin/products", body, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new String[] {r.json().get("id").asText(), r.json().get("variants").get(0).get("id").asText()};
    }

    String variant(String title, int stock, String... prices) {
        return product(title, stock, null, prices)[1];
    }

    String category(String name, String parentId) {
        Api.Reply r = api().post("/v1/admin/categories", "{\"name\":\"" + name + " " + UUID.randomUUID()
                + "\"" + (parentId == null ? "" : ",\"parent_id\":\"" + parentId + "\"") + "}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Creates a promotion from the JSON fields given (without braces); returns its JSON. */
    JsonNode promotion(String fields) {
        Api.Reply r = api().post("/v1/admin/promotions", "{\"name\":\"Test promotion\"," + fields + "}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    String code(String fields) {
        String code = unique("C");
        promotion("\"code\":\"" + code + "\"," + fields);
        return code;
    }

    String guestCart(String currency, String... lines) {
        Api.Reply c = api().post("/v1/carts", "{\"currency\":\"" + currency + "\"}");
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        String token = c.json().get("token").asText();
        for (String line : lines) {
            String[] parts = line.split(":");
            Api.Reply add = api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + parts[0] + "\",\"quantity\":"
                    + parts[1] + "}", "X-Cart-Token", token);
            assertThat(add.status()).as(add.toString()).isEqualTo(200);
        }
        Api.Reply ship = api().send("PUT", "/v1/carts/current/shipping", "{\"country\":\"IR\",\"method\":\"standard\"}",
                "application/json", "X-Cart-Token", token);
        assertThat(ship.status()).as(ship.toString()).isEqualTo(200);
        return token;
    }

    Api.Reply apply(String token, String code) {
        return api().send("PUT", "/v1/carts/current/discount-code", "{\"code\":\"" + code + "\"}", "application/json",
                "X-Cart-Token", token);
    }

    Api.Reply checkout(String token) {
        return api().post("/v1/checkout", CHECKOUT, "X-Cart-Token", token);
    }

    Api.Reply checkout(String token, String email) {
        return api().post("/v1/checkout", CHECKOUT.replace("guest@example.com", email), "X-Cart-Token", token);
    }

    static long amount(JsonNode money) {
        return money.get("amount").asLong();
    }

    int stock(String variantId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT stock_on_hand FROM variant WHERE id = CAST(:id AS uuid)")
                .bind("id", variantId).mapTo(Integer.class).one());
    }

    long count(String sql, String code) {
        return jdbi().withHandle(h -> h.createQuery(sql).bind("code", code).mapTo(Long.class).one());
    }

    int redemptions(String code) {
        return jdbi().withHandle(h -> h.createQuery("SELECT redemptions FROM promotion WHERE code = :code")
                .bind("code", code).mapTo(Integer.class).one());
    }

    static void assertProblem(Api.Reply r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).as(r.toString()).isEqualTo(code);
    }

    @Nested
    class Staff {
        @Test
        void create_get_list_update_deactivate() {
            String code = unique("spring");
            Api.Reply created = api().post("/v1/admin/promotions", "{\"name\":\"Spring sale\",\"code\":\"" + code
                    + "\",\"kind\":\"fixed_amount\",\"amount_off\":500,\"currency\":\"EUR\",\"min_subtotal\":2000,"
                    + "\"usage_limit\":100,\"per_customer_limit\":1}", admin());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode p = created.json();
            String id = p.get("id").asText();
            assertThat(created.header("Location").orElseThrow()).endsWith("/v1/admin/promotions/" + id);
            assertThat(p.get("code").asText()).isEqualTo(code.toUpperCase());
            assertThat(p.get("amount_off").get("amount").asLong()).isEqualTo(500);
            assertThat(p.get("amount_off").get("currency").asText()).isEqualTo("EUR");
            assertThat(p.get("min_subtotal").get("amount").asLong()).isEqualTo(2000);
            assertThat(p.get("automatic").asBoolean()).isFalse();
            assertThat(p.get("redemptions").asInt()).isZero();
            assertThat(p.get("version").asInt()).isEqualTo(1);

            assertThat(api().get("/v1/admin/promotions/" + id, admin()).json().get("name").asText())
                    .isEqualTo("Spring sale");

            Api.Reply updated = api().patch("/v1/admin/promotions/" + id, "{\"version\":1,\"name\":\"Spring sale II\","
                    + "\"amount_off\":750}", admin());
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
            assertThat(updated.json().get("version").asInt()).isEqualTo(2);
            assertThat(updated.json().get("amount_off").get("amount").asLong()).isEqualTo(750);
            assertProblem(api().patch("/v1/admin/promotions/" + id, "{\"version\":1,\"name\":\"Stale\"}", admin()),
                    409, "version_conflict");
            assertProblem(api().patch("/v1/admin/promotions/" + id, "{\"version\":2,\"code\":\"OTHER\"}", admin()),
                    400, "unknown_field");

            Api.Reply off = api().post("/v1/admin/promotions/" + id + "/deactivation", null, admin());
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            assertThat(off.json().get("active").asBoolean()).isFalse();
            assertThat(api().post("/v1/admin/promotions/" + id + "/deactivation", null, admin()).status()).isEqualTo(200);
            long events = jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM outbox_event WHERE aggregate_id = :id AND type LIKE 'promotion.%'")
                    .bind("id", id).mapTo(Long.class).one());
            assertThat(events).isEqualTo(3);
        }

        @Test
        void list_isKeysetPaginated_newestFirst_andFiltersByActive() {
            for (int i = 0; i < 3; i++) {
                code("\"kind\":\"percentage\",\"percent_off\":5");
            }
            Api.Reply first = api().get("/v1/admin/promotions?limit=2", admin());
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().get("data").size()).isEqualTo(2);
            String cursor = first.json().get("next_cursor").asText();
            Api.Reply second = api().get("/v1/admin/promotions?limit=2&cursor=" + cursor, admin());
            assertThat(second.json().get("data").get(0).get("id").asText())
                    .isNotIn(first.json().get("data").get(0).get("id").asText(),
                            first.json().get("data").get(1).get("id").asText());
            assertThat(Instant.parse(first.json().get("data").get(0).get("created_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(first.json().get("data").get(1).get("created_at").asText()));
            assertThat(api().get("/v1/admin/promotions?active=false", admin()).json().get("data"))
                    .allSatisfy(p -> assertThat(p.get("active").asBoolean()).isFalse());
            assertProblem(api().get("/v1/admin/promotions?active=maybe", admin()), 400, "validation_failed");
            assertProblem(api().get("/v1/admin/promotions?cursor=garbage", admin()), 400, "invalid_cursor");
        }

        @Test
        void validation_reportsEveryBrokenRuleAsAFieldError() {
            Api.Reply r = api().post("/v1/admin/promotions", "{\"name\":\"\",\"code\":\"X!\",\"kind\":\"percentage\","
                    + "\"percent_off\":0,\"starts_at\":\"2030-01-02T00:00:00Z\",\"ends_at\":\"2030-01-01T00:00:00Z\"}",
                    admin());
            assertProblem(r, 400, "validation_failed");
            assertThat(r.json().get("errors").findValuesAsText("field"))
                    .contains("name", "code", "percent_off", "ends_at");

            Api.Reply fixed = api().post("/v1/admin/promotions", "{\"name\":\"F\",\"code\":\"" + unique("F")
                    + "\",\"kind\":\"fixed_amount\",\"amount_off\":100}", admin());
            assertProblem(fixed, 400, "validation_failed");
            assertThat(fixed.json().get("errors").findValuesAsText("field")).containsExactly("currency");

            Api.Reply over = api().post("/v1/admin/promotions", "{\"name\":\"P\",\"code\":\"" + unique("P")
                    + "\",\"kind\":\"percentage\",\"percent_off\":101}", admin());
            assertThat(over.json().get("errors").findValuesAsText("field")).containsExactly("percent_off");

            Api.Reply auto = api().post("/v1/admin/promotions", "{\"name\":\"A\",\"automatic\":true,"
                    + "\"kind\":\"percentage\",\"percent_off\":5,\"usage_limit\":3}", admin());
            assertThat(auto.json().get("errors").findValuesAsText("field")).containsExactly("usage_limit");

            Api.Reply kind = api().post("/v1/admin/promotions", "{\"name\":\"K\",\"code\":\"" + unique("K")
                    + "\",\"kind\":\"bogo\"}", admin());
            assertThat(kind.json().get("errors").findValuesAsText("field")).containsExactly("kind");

            Api.Reply ghost = api().post("/v1/admin/promotions", "{\"name\":\"G\",\"code\":\"" + unique("G")
                    + "\",\"kind\":\"free_shipping\",\"product_ids\":[\"" + UUID.randomUUID() + "\"]}", admin());
            assertThat(ghost.json().get("errors").findValuesAsText("field")).containsExactly("product_ids[0]");

            assertProblem(api().post("/v1/admin/promotions", "{\"name\":\"T\",\"code\":\"X1X\",\"kind\":\"percentage\","
                    + "\"percent_off\":\"ten\"}", admin()), 400, "invalid_field_type");
            assertProblem(api().post("/v1/admin/promotions", "{\"name\":\"T\",\"code\":\"X1X\",\"kind\":\"percentage\","
                    + "\"percent_off\":10,\"starts_at\":\"tomorrow\"}", admin()), 400, "invalid_field_type");
            long rejected = jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM promotion WHERE name IN ('F', 'P', 'A', 'K', 'G', 'T', '')")
                    .mapTo(Long.class).one());
            assertThat(rejected).isZero();
        }

        @Test
        void aCodeIsUsedOnce_caseInsensitively() {
            String code = code("\"kind\":\"percentage\",\"percent_off\":5");
            assertProblem(api().post("/v1/admin/promotions", "{\"name\":\"Dup\",\"code\":\"" + code.toLowerCase()
                    + "\",\"kind\":\"percentage\",\"percent_off\":5}", admin()), 409, "discount_code_taken");
        }

        @Test
        void onlyManagersAndAdmins() {
            Accounts.Session customer = Accounts.registerAndSignIn(api(), "promo-customer");
            assertProblem(api().get("/v1/admin/promotions", customer.auth()), 403, "forbidden");
            assertProblem(api().get("/v1/admin/promotions"), 401, "unauthenticated");
            assertProblem(api().get("/v1/admin/promotions/" + UUID.randomUUID(), admin()), 404, "not_found");
            assertProblem(api().get("/v1/admin/promotions/nope", admin()), 404, "not_found");
        }
    }

    @Nested
    class EachKindInIrrEurAndKwd {
        // Unit prices and the standard shipping to IR (flat; free above a threshold none of these reach).
        record Case(String currency, long price, long shipping, long fixedOff) {
        }

        final List<Case> cases = List.of(new Case("IRR", 1_250_000, 500_000, 100_000),
                new Case("EUR", 1_500, 495, 250), new Case("KWD", 12_500, 1_500, 2_000));

        void checkKind(String kind, String fields, java.util.function.ToLongFunction<Case> expectedDiscount) {
            for (Case c : cases) {
                String v = variant("Kind " + kind + " " + c.currency(), 5, c.currency() + ":" + c.price());
                String code = code("\"kind\":\"" + kind + "\"," + fields.replace("$CUR", c.currency())
                        .replace("$FIXED", Long.toString(c.fixedOff())));
                String token = guestCart(c.currency(), v + ":1");
                long discount = expectedDiscount.applyAsLong(c);
                long grand = c.price() - discount + c.shipping();

                Api.Reply applied = apply(token, code.toLowerCase());
                assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
                JsonNode cart = applied.json();
                assertThat(cart.get("discount_code").asText()).isEqualTo(code);
                assertThat(cart.get("discounts")).hasSize(1);
                assertThat(cart.get("discounts").get(0).get("code").asText()).isEqualTo(code);
                assertThat(cart.get("discounts").get(0).get("kind").asText()).isEqualTo(kind);
                assertThat(amount(cart.get("discounts").get(0).get("amount"))).as(c.currency()).isEqualTo(discount);
                assertThat(cart.get("discounts").get(0).get("amount").get("currency").asText()).isEqualTo(c.currency());
                assertThat(amount(cart.get("totals").get("discount_total"))).isEqualTo(discount);
                assertThat(amount(cart.get("totals").get("shipping_total"))).isEqualTo(c.shipping());
                assertThat(amount(cart.get("totals").get("grand_total"))).as(c.currency()).isEqualTo(grand);

                Api.Reply placed = checkout(token);
                assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
                JsonNode order = placed.json().get("order");
                assertThat(amount(order.get("totals").get("discount_total"))).isEqualTo(discount);
                assertThat(amount(order.get("totals").get("grand_total"))).isEqualTo(grand);
                assertThat(order.get("discounts").get(0).get("code").asText()).isEqualTo(code);
                assertThat(amount(order.get("discounts").get(0).get("amount"))).isEqualTo(discount);
                long lineDiscount = kind.equals("free_shipping") ? 0 : discount;
                assertThat(amount(order.get("lines").get(0).get("discount"))).isEqualTo(lineDiscount);
                assertThat(amount(order.get("payment").get("amount"))).isEqualTo(grand);
                // The checkout answer (built from what it wrote) is what a later read of the order shows.
                assertThat(api().get("/v1/orders/" + order.get("id").asText(), "X-Order-Token",
                        placed.json().get("access_token").asText()).json()).isEqualTo(order);
                assertThat(redemptions(code)).isEqualTo(1);
                assertThat(count("""
                        SELECT count(*) FROM order_discount d JOIN promotion p ON p.id = d.promotion_id
                        WHERE p.code = :code""", code)).isEqualTo(1);
                assertThat(count("""
                        SELECT COALESCE(sum(ld.amount), 0) FROM order_line_discount ld
                        JOIN order_discount d ON d.id = ld.order_discount_id
                        JOIN promotion p ON p.id = d.promotion_id WHERE p.code = :code""", code))
                        .isEqualTo(lineDiscount);
            }
        }

        @Test
        void percentage() {
            // 10 % of 1,250,000 rials / 15.00 EUR / 12.500 KWD.
            checkKind("percentage", "\"percent_off\":10", c -> c.price() / 10);
        }

        @Test
        void fixedAmount() {
            checkKind("fixed_amount", "\"amount_off\":$FIXED,\"currency\":\"$CUR\"", Case::fixedOff);
        }

        @Test
        void freeShipping() {
            checkKind("free_shipping", "\"currency\":\"$CUR\"", Case::shipping);
        }
    }

    @Nested
    class Rules {
        @Test
        void minimumSubtotal_isCheckedWhenApplied_shownOnTheCart_andAgainAtCheckout() {
            String v = variant("Min subtotal mug", 10, "EUR:1500");
            String code = code("\"kind\":\"percentage\",\"percent_off\":20,\"currency\":\"EUR\",\"min_subtotal\":4000");
            String token = guestCart("EUR", v + ":2");
            Api.Reply tooLittle = apply(token, code);
            assertProblem(tooLittle, 409, "promotion_not_applicable");
            assertThat(tooLittle.json().get("detail").asText()).contains("40.00 EUR");

            api().patch("/v1/carts/current/lines/" + v, "{\"quantity\":3}", "X-Cart-Token", token);
            Api.Reply ok = apply(token, code);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(amount(ok.json().get("totals").get("discount_total"))).isEqualTo(900);

            Api.Reply fewer = api().patch("/v1/carts/current/lines/" + v, "{\"quantity\":2}", "X-Cart-Token", token);
            assertThat(fewer.json().get("discount_code").asText()).isEqualTo(code);
            assertThat(fewer.json().get("discounts")).isEmpty();
            assertThat(amount(fewer.json().get("totals").get("discount_total"))).isZero();
            assertThat(fewer.json().get("problems").findValuesAsText("code")).contains("promotion_not_applicable");

            assertProblem(checkout(token), 409, "promotion_not_applicable");
            assertThat(stock(v)).isEqualTo(10);
            assertThat(redemptions(code)).isZero();

            Api.Reply removed = api().delete("/v1/carts/current/discount-code", "X-Cart-Token", token);
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.json().get("discount_code").isNull()).isTrue();
            assertThat(checkout(token).status()).isEqualTo(201);
        }

        @Test
        void window_notStartedThenValidThenExpired_withTheControlledClock() {
            Instant now = BazaarApp.app(APP).clock.instant();
            String v = variant("Window rug", 10, "IRR:1000000");
            String code = code("\"kind\":\"percentage\",\"percent_off\":10,\"starts_at\":\"" + now.plusSeconds(600)
                    + "\",\"ends_at\":\"" + now.plusSeconds(1200) + "\"");
            String token = guestCart("IRR", v + ":1");
            assertProblem(apply(token, code), 409, "promotion_not_started");

            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(11));
            assertThat(apply(token, code).status()).isEqualTo(200);

            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(10));
            Api.Reply cart = api().get("/v1/carts/current", "X-Cart-Token", token);
            assertThat(cart.json().get("problems").findValuesAsText("code")).contains("promotion_expired");
            assertProblem(checkout(token), 409, "promotion_expired");
            assertThat(stock(v)).isEqualTo(10);
            assertThat(redemptions(code)).isZero();
        }

        @Test
        void unknownOrDeactivatedCodes() {
            String v = variant("Deactivated tea", 10, "EUR:900");
            String token = guestCart("EUR", v + ":1");
            assertProblem(apply(token, "NO-SUCH-CODE"), 400, "discount_code_invalid");
            assertProblem(apply(token, "!"), 400, "discount_code_invalid");

            String code = unique("OFF");
            String id = promotion("\"code\":\"" + code + "\",\"kind\":\"percentage\",\"percent_off\":50")
                    .get("id").asText();
            assertThat(apply(token, code).status()).isEqualTo(200);
            api().post("/v1/admin/promotions/" + id + "/deactivation", null, admin());
            assertProblem(checkout(token), 409, "promotion_expired");
            assertProblem(apply(token, code), 400, "discount_code_invalid");
            assertThat(stock(v)).isEqualTo(10);
        }

        @Test
        void aCodeForAnotherCurrency_doesNotApply() {
            String v = variant("Currency dates", 10, "IRR:100000", "EUR:900");
            String code = code("\"kind\":\"fixed_amount\",\"amount_off\":100,\"currency\":\"EUR\"");
            assertProblem(apply(guestCart("IRR", v + ":1"), code), 409, "promotion_not_applicable");
            assertThat(apply(guestCart("EUR", v + ":1"), code).status()).isEqualTo(200);
        }

        @Test
        void categoryPromotion_coversSubcategories_andOnlyThoseLines() {
            String clothing = category("Clothing", null);
            String shoes = category("Shoes", clothing);
            String[] boot = product("Boot", 10, shoes, "EUR:8000");
            String[] candle = product("Candle", 10, null, "EUR:2000");
            String code = code("\"kind\":\"percentage\",\"percent_off\":25,\"category_ids\":[\"" + clothing + "\"]");
            String token = guestCart("EUR", boot[1] + ":1", candle[1] + ":1");
            Api.Reply cart = apply(token, code);
            assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
            assertThat(amount(cart.json().get("totals").get("discount_total"))).isEqualTo(2000);
            for (JsonNode line : cart.json().get("lines")) {
                long expected = line.get("variant_id").asText().equals(boot[1]) ? 2000 : 0;
                assertThat(amount(line.get("discount"))).isEqualTo(expected);
            }
            // Only a product outside the category: the code does not apply.
            assertProblem(apply(guestCart("EUR", candle[1] + ":1"), code), 409, "promotion_not_applicable");
        }

        @Test
        void productPromotion_fixedAmount_onlyOnThatProduct() {
            String[] tea = product("Tea", 10, null, "KWD:3000");
            String[] cup = product("Cup", 10, null, "KWD:1000");
            String code = code("\"kind\":\"fixed_amount\",\"amount_off\":5000,\"currency\":\"KWD\",\"product_ids\":[\""
                    + tea[0] + "\"]");
            Api.Reply cart = apply(guestCart("KWD", tea[1] + ":1", cup[1] + ":1"), code);
            // 5.000 KWD off, capped at the 3.000 KWD the eligible tea costs; the cup keeps its price.
            assertThat(amount(cart.json().get("totals").get("discount_total"))).isEqualTo(3000);
            assertThat(amount(cart.json().get("totals").get("subtotal"))).isEqualTo(4000);
        }
    }

    @Nested
    class Automatic {
        @Test
        void bulkDiscount_buyThreeSaveTenPercent_bestAutomaticPlusOneCode() {
            String[] socks = product("Socks", 20, null, "EUR:1000");
            promotion("\"automatic\":true,\"kind\":\"percentage\",\"percent_off\":10,\"min_quantity\":3,"
                    + "\"product_ids\":[\"" + socks[0] + "\"]");
            promotion("\"automatic\":true,\"kind\":\"percentage\",\"percent_off\":5,\"product_ids\":[\""
                    + socks[0] + "\"]");
            String token = guestCart("EUR", socks[1] + ":2");
            JsonNode two = api().get("/v1/carts/current", "X-Cart-Token", token).json();
            assertThat(two.get("discounts")).hasSize(1);
            assertThat(amount(two.get("discounts").get(0).get("amount"))).isEqualTo(100); // only the 5 % applies

            JsonNode three = api().patch("/v1/carts/current/lines/" + socks[1], "{\"quantity\":3}",
                    "X-Cart-Token", token).json();
            assertThat(three.get("discounts")).hasSize(1);
            JsonNode bulk = three.get("discounts").get(0);
            assertThat(bulk.get("automatic").asBoolean()).isTrue();
            assertThat(bulk.get("code").isNull()).isTrue();
            assertThat(amount(bulk.get("amount"))).isEqualTo(300); // the best automatic: 10 %

            // One code stacks on top, on what the automatic promotion left: 2,700 - 200.
            String code = code("\"kind\":\"fixed_amount\",\"amount_off\":200,\"currency\":\"EUR\"");
            JsonNode both = apply(token, code).json();
            assertThat(both.get("discounts").findValuesAsText("kind")).containsExactly("percentage", "fixed_amount");
            assertThat(amount(both.get("totals").get("discount_total"))).isEqualTo(500);
            assertThat(amount(both.get("totals").get("grand_total"))).isEqualTo(3000 - 500 + 495);

            Api.Reply placed = checkout(token);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            JsonNode order = placed.json().get("order");
            assertThat(order.get("discounts")).hasSize(2);
            assertThat(order.get("discounts").get(0).get("automatic").asBoolean()).isTrue();
            assertThat(amount(order.get("lines").get(0).get("discount"))).isEqualTo(500);
            assertThat(amount(order.get("totals").get("grand_total"))).isEqualTo(2995);
        }
    }

    @Nested
    class Limits {
        @Test
        void perCustomerLimit_signedInCustomersAndGuestEmails_andAnUnpaidCancellationGivesItBack() {
            String v = variant("Limited honey", 20, "IRR:400000");
            String code = code("\"kind\":\"percentage\",\"percent_off\":10,\"per_customer_limit\":1");
            Accounts.Session ada = Accounts.registerAndSignIn(api(), "ada-promo");
            Accounts.Session bob = Accounts.registerAndSignIn(api(), "bob-promo");

            String first = meCheckout(ada, v, code);
            assertThat(first).isNotNull();
            Api.Reply again = meCheckoutReply(ada, v, code);
            assertProblem(again, 409, "promotion_customer_limit_reached");
            assertThat(meCheckout(bob, v, code)).isNotNull();
            assertThat(redemptions(code)).isEqualTo(2);

            // Ada cancels her unpaid order: her use comes back, and she can use the code again.
            Api.Reply cancelled = api().post("/v1/me/orders/" + first + "/cancellation", "{}", ada.auth());
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(redemptions(code)).isEqualTo(1);
            Api.Reply retry = api().post("/v1/me/checkout", meCheckoutBody(), ada.auth());
            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(redemptions(code)).isEqualTo(2);

            // Guests are counted by e-mail (case-insensitive).
            String g1 = guestCart("IRR", v + ":1");
            apply(g1, code);
            assertThat(checkout(g1, "Carol@Example.com").status()).isEqualTo(201);
            String g2 = guestCart("IRR", v + ":1");
            apply(g2, code);
            assertProblem(checkout(g2, "carol@example.com"), 409, "promotion_customer_limit_reached");
            assertThat(redemptions(code)).isEqualTo(3);
        }

        String meCheckoutBody() {
            return "{\"shipping_address\":" + ADDRESS + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}";
        }

        Api.Reply meCheckoutReply(Accounts.Session who, String variant, String code) {
            Api.Reply add = api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":1}",
                    who.auth());
            assertThat(add.status()).as(add.toString()).isEqualTo(200);
            Api.Reply applied = api().send("PUT", "/v1/me/cart/discount-code", "{\"code\":\"" + code + "\"}",
                    "application/json", who.auth());
            assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
            assertThat(applied.json().get("discounts")).hasSize(1);
            return api().post("/v1/me/checkout", meCheckoutBody(), who.auth());
        }

        String meCheckout(Accounts.Session who, String variant, String code) {
            Api.Reply r = meCheckoutReply(who, variant, code);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return r.json().get("order").get("id").asText();
        }

        @Test
        void aSingleUseCode_usedByFiftyConcurrentCheckouts_isRedeemedExactlyOnce() throws Exception {
            String v = variant("Golden ticket box", 100, "EUR:2000");
            String code = code("\"kind\":\"percentage\",\"percent_off\":50,\"usage_limit\":1");
            int buyers = 50;
            List<String> carts = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                String token = guestCart("EUR", v + ":1");
                assertThat(apply(token, code).status()).isEqualTo(200);
                carts.add(token);
            }
            List<Api.Reply> replies = Parallel.all(buyers, carts.stream()
                    .map(cart -> (java.util.concurrent.Callable<Api.Reply>) () -> checkout(cart)).toList());

            assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
            List<Api.Reply> refused = replies.stream().filter(r -> r.status() != 201).toList();
            assertThat(refused).hasSize(49).allSatisfy(r -> assertProblem(r, 409, "promotion_exhausted"));
            assertThat(redemptions(code)).isEqualTo(1);
            assertThat(count("""
                    SELECT count(*) FROM promotion_redemption r JOIN promotion p ON p.id = r.promotion_id
                    WHERE p.code = :code""", code)).isEqualTo(1);
            // Nothing else changed for the 49: one unit reserved, one order, their carts still open.
            assertThat(stock(v)).isEqualTo(99);
            long orders = jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(DISTINCT order_id) FROM order_line WHERE variant_id = CAST(:id AS uuid)")
                    .bind("id", v).mapTo(Long.class).one());
            assertThat(orders).isEqualTo(1);
            long open = jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM cart c JOIN promotion p ON p.id = c.promotion_id
                    WHERE p.code = :code AND c.status = 'open'""").bind("code", code).mapTo(Long.class).one());
            assertThat(open).isEqualTo(49);
        }
    }

    @Nested
    class ClientSentAmounts {
        @Test
        void discountAmountsInARequest_areUnknownFields() {
            String v = variant("Honest scale", 10, "EUR:1000");
            String code = code("\"kind\":\"percentage\",\"percent_off\":10");
            String token = guestCart("EUR", v + ":1");
            assertProblem(api().send("PUT", "/v1/carts/current/discount-code", "{\"code\":\"" + code
                    + "\",\"amount\":999}", "application/json", "X-Cart-Token", token), 400, "unknown_field");
            assertProblem(api().send("PUT", "/v1/carts/current/discount-code", "{\"code\":\"" + code
                    + "\",\"discount_total\":{\"amount\":999,\"currency\":\"EUR\"}}", "application/json",
                    "X-Cart-Token", token), 400, "unknown_field");
            assertProblem(api().send("PUT", "/v1/carts/current/discount-code", "{}", "application/json",
                    "X-Cart-Token", token), 400, "validation_failed");
            for (String extra : List.of("\"discount_total\":1", "\"discounts\":[]", "\"discount_code\":\"" + code + "\"")) {
                assertProblem(api().post("/v1/checkout", CHECKOUT.substring(0, CHECKOUT.length() - 1)
                        + "," + extra + "}", "X-Cart-Token", token), 400, "unknown_field");
            }
            assertThat(api().get("/v1/carts/current", "X-Cart-Token", token).json().get("discount_code").isNull())
                    .isTrue();
            assertThat(stock(v)).isEqualTo(10);
        }
    }
}
