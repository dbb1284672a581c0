package io.bazaar.store.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Carts, checkout, reservations and orders through the HTTP API against real PostgreSQL and Redis. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CheckoutIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("checkout.expiryInterval", "100ms"),
            ConfigOverride.config("checkout.reservationTtl", "30 minutes"));

    static final String ADDRESS = "{\"name\":\"Sara Ahmadi\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\","
            + "\"postal_code\":\"1234567890\",\"country\":\"IR\",\"phone\":\"+98 912 000 0000\"}";

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    String[] admin() {
        return Accounts.admin(api()).auth();
    }

    /** An active product with one variant; prices as "CUR:amount" pairs. Returns the variant id. */
    String variant(String title, int stock, int weightGrams, String... prices) {
        StringBuilder p = new StringBuilder();
        for (String price : prices) {
            String[] parts = price.split(":");
            p.append(p.isEmpty() ? "" : ",").append("{\"currency\":\"").append(parts[0]).append("\",\"amount\":")
                    .append(parts[1]).append("}");
        }
        String body = "{\"title\":\"" + title + "\",\"status\":\"active\",\"variants\":[{\"sku\":\"SKU-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"weight_grams\":" + weightGrams
                + ",\"prices\":[" + p + "],\"stock_on_hand\":" + stock + "}]}";
        Api.Reply r = api().post("/v1/admin/products", body, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("variants").get(0).get("id").asText();
    }

    int stock(String variantId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT stock_on_hand FROM variant WHERE id = CAST(:id AS uuid)")
                .bind("id", variantId).mapTo(Integer.class).one());
    }

    int ledgerSum(String variantId) {
        return jdbi().withHandle(h -> h.createQuery(
                "SELECT COALESCE(sum(delta), 0)::int FROM stock_movement WHERE variant_id = CAST(:id AS uuid)")
                .bind("id", variantId).mapTo(Integer.class).one());
    }

    /** A guest cart with the given lines ("variantId:qty"), shipping to Iran by standard post. Returns the token. */
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
        return token;
    }

    Api.Reply checkout(String cartToken, String... extraHeaders) {
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = "X-Cart-Token";
        headers[1] = cartToken;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        return api().post("/v1/checkout", "{\"email\":\"guest@example.com\",\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", headers);
    }

    @Nested
    class GuestCheckout {
        @Test
        void cartTotals_checkout_track_andStockIsReserved() {
            String v = variant("Saffron tin", 10, 250, "IRR:1250000", "EUR:1500");
            String token = guestCart("IRR", v + ":2");

            Api.Reply shipping = api().send("PUT", "/v1/carts/current/shipping",
                    "{\"country\":\"IR\",\"method\":\"standard\"}", "application/json", "X-Cart-Token", token);
            assertThat(shipping.status()).as(shipping.toString()).isEqualTo(200);
            JsonNode totals = shipping.json().get("totals");
            assertThat(totals.get("subtotal").get("amount").asLong()).isEqualTo(2_500_000);
            assertThat(totals.get("subtotal").get("currency").asText()).isEqualTo("IRR");
            assertThat(totals.get("shipping_total").get("amount").asLong()).isEqualTo(500_000);
            assertThat(totals.get("tax_total").get("amount").asLong()).isEqualTo(227_273); // 10 % VAT included
            assertThat(totals.get("grand_total").get("amount").asLong()).isEqualTo(3_000_000);
            assertThat(shipping.json().get("shipping_options").size()).isEqualTo(2);

            Api.Reply placed = checkout(token, "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            JsonNode order = placed.json().get("order");
            assertThat(order.get("number").asText()).matches("BZ-\\d{6,}");
            assertThat(order.get("status").asText()).isEqualTo("pending_payment");
            assertThat(order.get("totals").get("grand_total").get("amount").asLong()).isEqualTo(3_000_000);
            assertThat(order.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
            assertThat(order.get("payment").get("provider").asText()).isEqualTo("manual");
            assertThat(placed.json().get("payment_instructions").asText()).contains(order.get("number").asText());
            assertThat(stock(v)).isEqualTo(8);
            assertThat(ledgerSum(v)).isEqualTo(8);

            String orderId = order.get("id").asText();
            String access = placed.json().get("access_token").asText();
            Api.Reply tracked = api().get("/v1/orders/" + orderId, "X-Order-Token", access);
            assertThat(tracked.status()).isEqualTo(200);
            assertThat(tracked.json().get("history").get(0).get("to").asText()).isEqualTo("pending_payment");
            // Checkout answers from what it wrote, without reading the order back: a later read must agree exactly.
            assertThat(tracked.json()).isEqualTo(order);
            assertThat(api().get("/v1/orders/" + orderId, "X-Order-Token", "bzo_" + "x".repeat(43)).status())
                    .isEqualTo(404);
            assertThat(api().get("/v1/orders/" + orderId).status()).isEqualTo(404);

            // The cart is used up: checking it out again cannot create a second order.
            assertThat(checkout(token).status()).isEqualTo(404);
            long events = jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM outbox_event WHERE type = 'order.placed' AND aggregate_id = :id")
                    .bind("id", orderId).mapTo(Long.class).one());
            assertThat(events).isEqualTo(1);
            // Written by the order statement itself: the payload carries the number that statement drew, and the
            // event has its delivery to the CRM like any other.
            String event = jdbi().withHandle(h -> h.createQuery("""
                    SELECT e.payload->>'number' || ' ' || (e.payload->>'grand_total') || ' '
                           || (SELECT string_agg(d.consumer, ',') FROM outbox_delivery d WHERE d.event_id = e.id)
                    FROM outbox_event e WHERE e.type = 'order.placed' AND e.aggregate_id = :id""")
                    .bind("id", orderId).mapTo(String.class).one());
            assertThat(event).isEqualTo(order.get("number").asText() + " 3000000 crm-intake");
        }

        @Test
        void clientSentPricesTotalsOrStatus_areRejected() {
            String v = variant("Pistachios", 5, 100, "IRR:900000");
            String token = guestCart("IRR", v + ":1");
            for (String extra : List.of("\"grand_total\":1", "\"status\":\"paid\"", "\"unit_price\":1",
                    "\"totals\":{\"grand_total\":{\"amount\":1,\"currency\":\"IRR\"}}")) {
                Api.Reply r = api().post("/v1/checkout", "{\"email\":\"g@example.com\",\"shipping_address\":" + ADDRESS
                        + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"," + extra + "}",
                        "X-Cart-Token", token);
                assertThat(r.status()).as(extra).isEqualTo(400);
                assertThat(r.json().get("code").asText()).isEqualTo("unknown_field");
            }
            Api.Reply price = api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v
                    + "\",\"quantity\":1,\"unit_price\":1}", "X-Cart-Token", token);
            assertThat(price.status()).isEqualTo(400);
            assertThat(stock(v)).isEqualTo(5);
        }

        @Test
        void validation_andUnknownProviderOrMethod_are4xx() {
            String v = variant("Dates", 5, 100, "IRR:100000");
            String token = guestCart("IRR", v + ":1");
            assertThat(api().post("/v1/checkout", "{\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", "X-Cart-Token", token)
                    .json().get("errors").get(0).get("field").asText()).isEqualTo("email");
            Api.Reply provider = api().post("/v1/checkout", "{\"email\":\"g@example.com\",\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"standard\",\"payment_provider\":\"bitcoin\"}", "X-Cart-Token", token);
            assertThat(provider.status()).isEqualTo(400);
            assertThat(provider.json().get("code").asText()).isEqualTo("payment_provider_unavailable");
            // Stripe is off without its keys (test-config.yml sets none): the embedded default needs no keys.
            Api.Reply stripe = api().post("/v1/checkout", "{\"email\":\"g@example.com\",\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"standard\",\"payment_provider\":\"stripe\"}", "X-Cart-Token", token);
            assertThat(stripe.status()).isEqualTo(400);
            assertThat(stripe.json().get("code").asText()).isEqualTo("payment_provider_unavailable");
            assertThat(api().post("/v1/webhooks/stripe", "{}", "Stripe-Signature", "t=1,v1=00").status()).isEqualTo(404);
            Api.Reply method = api().post("/v1/checkout", "{\"email\":\"g@example.com\",\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"teleport\",\"payment_provider\":\"manual\"}", "X-Cart-Token", token);
            assertThat(method.status()).isEqualTo(409);
            assertThat(method.json().get("code").asText()).isEqualTo("shipping_unavailable");
            Api.Reply noAddress = api().post("/v1/checkout", "{\"email\":\"g@example.com\","
                    + "\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", "X-Cart-Token", token);
            assertThat(noAddress.status()).isEqualTo(400);
            assertThat(api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":0}",
                    "X-Cart-Token", token).status()).isEqualTo(400);
            assertThat(api().post("/v1/carts/current/lines", "{\"variant_id\":\"nope\",\"quantity\":1}",
                    "X-Cart-Token", token).status()).isEqualTo(400);
            assertThat(api().get("/v1/carts/current", "X-Cart-Token", "bzc_wrong").status()).isEqualTo(404);
            assertThat(api().post("/v1/carts", "{\"currency\":\"XYZ\"}").status()).isEqualTo(400);
            assertThat(stock(v)).isEqualTo(5);
        }

        @Test
        void cartCreatedWithLines_equalsTheCartAddingThemMakes_andOneBadLineRefusesTheWholeCart() {
            String a = variant("Barberries", 5, 100, "IRR:300000", "EUR:400");
            String b = variant("Sumac", 3, 100, "IRR:200000");
            String euroOnly = variant("Imported tea", 9, 100, "EUR:900");
            long cartsBefore = carts();

            Api.Reply created = api().post("/v1/carts", "{\"currency\":\"IRR\",\"lines\":[" + line(a, 2) + ","
                    + line(b, 1) + "," + line(a, 1) + "]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String token = created.json().get("token").asText();
            JsonNode cart = created.json().get("cart");
            // A variant named twice adds up; lines keep the order they were first given in.
            assertThat(cart.get("lines").size()).isEqualTo(2);
            assertThat(cart.get("lines").get(0).get("variant_id").asText()).isEqualTo(a);
            assertThat(cart.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
            assertThat(cart.get("lines").get(1).get("variant_id").asText()).isEqualTo(b);
            assertThat(cart.get("totals").get("subtotal").get("amount").asLong()).isEqualTo(1_100_000);
            // The answer is what reading the cart shows, and what adding the same lines one by one makes.
            assertThat(api().get("/v1/carts/current", "X-Cart-Token", token).json()).isEqualTo(cart);
            JsonNode added = api().get("/v1/carts/current", "X-Cart-Token", guestCart("IRR", a + ":3", b + ":1")).json();
            assertThat(without(added, "id")).isEqualTo(without(cart, "id"));
            assertThat(carts()).isEqualTo(cartsBefore + 2);

            // Each refusal names the line and writes no cart.
            assertRefused("[" + line(a, 1) + "," + line(UUID.randomUUID().toString(), 1) + "]", 404, "not_found",
                    "lines[1].variant_id");
            assertRefused("[" + line(b, 4) + "]", 409, "out_of_stock", "lines[0].quantity");
            assertRefused("[" + line(b, 2) + "," + line(a, 1) + "," + line(b, 2) + "]", 409, "out_of_stock",
                    "lines[0].quantity");
            assertRefused("[" + line(euroOnly, 1) + "]", 409, "product_unavailable", "lines[0].variant_id");
            assertRefused("[" + line(a, 600) + "," + line(a, 600) + "]", 400, "validation_failed", "lines[0].quantity");
            assertRefused("[" + line(a, 0) + "]", 400, "validation_failed", "lines[0].quantity");
            // One line (its own statement: plain parameters, not arrays): each refusal too.
            assertRefused("[" + line(UUID.randomUUID().toString(), 1) + "]", 404, "not_found", "lines[0].variant_id");
            assertRefused("[" + line(a, 6) + "]", 409, "out_of_stock", "lines[0].quantity");
            assertRefused("[" + line(euroOnly, 2) + "]", 409, "product_unavailable", "lines[0].variant_id");
            Api.Reply all = api().post("/v1/carts", "{\"currency\":\"IRR\",\"lines\":[" + line(b, 3) + "]}");
            assertThat(all.status()).as(all.toString()).isEqualTo(201);
            assertThat(all.json().get("cart").get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
            assertRefused("[null]", 400, "validation_failed", "lines[0]");
            assertRefused("[{\"variant_id\":\"" + a + "\",\"quantity\":1,\"unit_price\":1}]", 400, "unknown_field",
                    "lines[0].unit_price");
            assertRefused(String.join(",", Collections.nCopies(101, line(a, 1)))
                    .transform(l -> "[" + l + "]"), 400, "validation_failed", "lines");
            assertThat(carts()).isEqualTo(cartsBefore + 3);

            // The cart checks out like any other.
            Api.Reply placed = checkout(token);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            assertThat(stock(a)).isEqualTo(2);
            assertThat(stock(b)).isEqualTo(2);
        }

        private void assertRefused(String lines, int status, String code, String field) {
            Api.Reply r = api().post("/v1/carts", "{\"currency\":\"IRR\",\"lines\":" + lines + "}");
            assertThat(r.status()).as(r.toString()).isEqualTo(status);
            assertThat(r.json().get("code").asText()).isEqualTo(code);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }

        private static String line(String variantId, int quantity) {
            return "{\"variant_id\":\"" + variantId + "\",\"quantity\":" + quantity + "}";
        }

        private static JsonNode without(JsonNode node, String field) {
            ObjectNode copy = node.deepCopy();
            copy.remove(field);
            return copy;
        }

        private long carts() {
            return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM cart").mapTo(Long.class).one());
        }

        @Test
        void addingMoreThanInStock_is409_outOfStock() {
            String v = variant("Rare rug", 2, 5000, "IRR:990000000");
            String token = guestCart("IRR", v + ":2");
            Api.Reply more = api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":1}",
                    "X-Cart-Token", token);
            assertThat(more.status()).isEqualTo(409);
            assertThat(more.json().get("code").asText()).isEqualTo("out_of_stock");
        }

        @Test
        void kwdCart_threeDecimals_endToEnd() {
            String v = variant("Oud perfume", 3, 300, "KWD:12500");
            String token = guestCart("KWD", v + ":2");
            Api.Reply placed = checkout(token);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            JsonNode totals = placed.json().get("order").get("totals");
            assertThat(totals.get("subtotal").get("amount").asLong()).isEqualTo(25_000);
            assertThat(totals.get("shipping_total").get("amount").asLong()).isEqualTo(0); // free over 20.000 KWD
            assertThat(totals.get("grand_total").get("currency").asText()).isEqualTo("KWD");
        }
    }

    @Nested
    class Inventory {
        @Test
        void twoHundredConcurrentCheckouts_forFiveInStock_makeExactlyFiveOrders() throws Exception {
            String v = variant("Limited edition", 5, 100, "IRR:5000000");
            int buyers = 200;
            List<String> carts = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                carts.add(guestCart("IRR", v + ":1"));
            }
            List<Api.Reply> replies = Parallel.all(50, carts.stream()
                    .map(cart -> (java.util.concurrent.Callable<Api.Reply>) () -> checkout(cart)).toList());

            assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(5);
            List<Api.Reply> refused = replies.stream().filter(r -> r.status() != 201).toList();
            assertThat(refused).hasSize(195).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.json().get("code").asText()).isEqualTo("out_of_stock");
            });
            assertThat(stock(v)).isZero();
            assertThat(ledgerSum(v)).isZero();
            long orders = jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(DISTINCT order_id) FROM order_line WHERE variant_id = CAST(:id AS uuid)""")
                    .bind("id", v).mapTo(Long.class).one());
            assertThat(orders).isEqualTo(5);
        }

        /**
         * One-line orders lock their variant only through the stock update itself: a checkout that waited for the
         * lock must see the stock the one before it left, and refuse when fewer units remain than it wants.
         */
        @Test
        void concurrentOneLineCheckoutsOfTwoUnits_forSevenInStock_makeThreeOrders_andLeaveOne() throws Exception {
            String v = variant("Pair of vases", 7, 100, "IRR:5000000");
            List<String> carts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                carts.add(guestCart("IRR", v + ":2"));
            }
            List<Api.Reply> replies = Parallel.all(40, carts.stream()
                    .map(cart -> (java.util.concurrent.Callable<Api.Reply>) () -> checkout(cart)).toList());

            assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(3);
            assertThat(replies.stream().filter(r -> r.status() != 201)).hasSize(37).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.json().get("code").asText()).isEqualTo("out_of_stock");
            });
            assertThat(stock(v)).isEqualTo(1);
            assertThat(ledgerSum(v)).isEqualTo(1);
        }

        @Test
        void concurrentCheckoutsOfOverlappingCarts_neverDeadlock_andEveryUnitIsInAnOrderOrInStock() throws Exception {
            List<String> variants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                variants.add(variant("Overlap " + i, 6, 100, "IRR:100000"));
            }
            // 48 carts of two or three of the four variants, their lines added in rotating and reversed orders, so
            // carts lock overlapping variants while listing them in every order.
            List<String> carts = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                List<String> lines = new ArrayList<>();
                for (int k = 0; k < 2 + i % 2; k++) {
                    lines.add(variants.get((i + k) % 4) + ":1");
                }
                if (i % 3 == 0) {
                    java.util.Collections.reverse(lines);
                }
                carts.add(guestCart("IRR", lines.toArray(String[]::new)));
            }
            List<Api.Reply> replies = Parallel.all(48, carts.stream()
                    .map(cart -> (java.util.concurrent.Callable<Api.Reply>) () -> checkout(cart)).toList());

            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
            assertThat(replies.stream().filter(r -> r.status() == 409))
                    .allSatisfy(r -> assertThat(r.json().get("code").asText()).isEqualTo("out_of_stock"));
            assertThat(replies.stream().filter(r -> r.status() == 201).count()).isPositive();
            for (String v : variants) {
                long ordered = jdbi().withHandle(h -> h.createQuery("""
                        SELECT COALESCE(sum(quantity), 0) FROM order_line WHERE variant_id = CAST(:id AS uuid)""")
                        .bind("id", v).mapTo(Long.class).one());
                long held = jdbi().withHandle(h -> h.createQuery("""
                        SELECT COALESCE(sum(l.quantity), 0) FROM order_line l JOIN customer_order o ON o.id = l.order_id
                        WHERE l.variant_id = CAST(:id AS uuid) AND o.stock_state = 'held'""")
                        .bind("id", v).mapTo(Long.class).one());
                assertThat(stock(v)).isGreaterThanOrEqualTo(0);
                assertThat(stock(v) + ordered).as("variant %s", v).isEqualTo(6);
                assertThat(held).isEqualTo(ordered);
                assertThat(ledgerSum(v)).isEqualTo(stock(v));
            }
        }

        @Test
        void cartWhoseLinesExceedStock_is409_andReservesNothing() {
            String a = variant("Teapot", 2, 800, "IRR:3000000");
            String b = variant("Tea glasses", 3, 400, "IRR:800000");
            String token = guestCart("IRR", a + ":2", b + ":3");
            // Someone else buys two glasses meanwhile.
            String other = guestCart("IRR", b + ":2");
            assertThat(checkout(other).status()).isEqualTo(201);

            Api.Reply r = checkout(token);
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("code").asText()).isEqualTo("out_of_stock");
            assertThat(stock(a)).isEqualTo(2);
            assertThat(stock(b)).isEqualTo(1);
            assertThat(ledgerSum(a)).isEqualTo(2);
            assertThat(ledgerSum(b)).isEqualTo(1);
            Api.Reply cart = api().get("/v1/carts/current", "X-Cart-Token", token);
            assertThat(cart.json().get("problems").get(0).get("code").asText()).isEqualTo("out_of_stock");
        }

        @Test
        void linesAddedWhileTheCartIsCheckedOut_landInTheOrderOrAre404_neverInAClosedCart() throws Exception {
            String kept = variant("Barberry jar", 10, 100, "IRR:900000");
            String extra = variant("Orange blossom water", 50, 500, "IRR:300000");
            for (int round = 0; round < 5; round++) {
                String token = guestCart("IRR", kept + ":1");
                List<java.util.concurrent.Callable<Api.Reply>> calls = new ArrayList<>();
                calls.add(() -> checkout(token));
                for (int i = 0; i < 5; i++) {
                    calls.add(() -> api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + extra
                            + "\",\"quantity\":1}", "X-Cart-Token", token));
                }
                List<Api.Reply> replies = Parallel.all(6, calls);
                Api.Reply order = replies.get(0);
                assertThat(order.status()).as(order.toString()).isEqualTo(201);
                List<Api.Reply> adds = replies.subList(1, replies.size());
                assertThat(adds).extracting(Api.Reply::status).isSubsetOf(200, 404);
                long addedBefore = adds.stream().filter(r -> r.status() == 200).count();
                // Every add that answered 200 happened before the checkout took the cart: its unit is in the order.
                int ordered = 0;
                for (var line : order.json().get("order").get("lines")) {
                    if (line.get("variant_id").asText().equals(extra)) {
                        ordered = line.get("quantity").asInt();
                    }
                }
                assertThat(ordered).as("round %d", round).isEqualTo((int) addedBefore);
                long linesInClosedCart = jdbi().withHandle(h -> h.createQuery("""
                        SELECT COALESCE(sum(l.quantity), 0) FROM cart_line l JOIN cart c ON c.id = l.cart_id
                        WHERE c.status = 'checked_out' AND l.variant_id = CAST(:v AS uuid)
                          AND l.cart_id = (SELECT cart_id FROM customer_order WHERE id = CAST(:o AS uuid))""")
                        .bind("v", extra).bind("o", order.json().get("order").get("id").asText())
                        .mapTo(Long.class).one());
                assertThat(linesInClosedCart).isEqualTo(addedBefore);
                assertThat(api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + extra + "\",\"quantity\":1}",
                        "X-Cart-Token", token).status()).isEqualTo(404);
            }
            assertThat(stock(extra)).isEqualTo(ledgerSum(extra));
        }

        @Test
        void sameIdempotencyKey_tenAtOnce_andTenInARow_makeOneOrder() throws Exception {
            String v = variant("Carpet cleaner", 50, 1000, "IRR:700000");
            String token = guestCart("IRR", v + ":1");
            String key = UUID.randomUUID().toString();
            List<Api.Reply> replies = Parallel.times(10, () -> checkout(token, "Idempotency-Key", key));
            assertThat(replies).extracting(Api.Reply::status).containsOnly(201, 409).contains(201);
            String body = replies.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().body();
            for (int i = 0; i < 10; i++) {
                Api.Reply again = checkout(token, "Idempotency-Key", key);
                assertThat(again.status()).isEqualTo(201);
                assertThat(again.body()).isEqualTo(body);
            }
            assertThat(stock(v)).isEqualTo(49);
            long orders = jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(DISTINCT order_id) FROM order_line WHERE variant_id = CAST(:id AS uuid)""")
                    .bind("id", v).mapTo(Long.class).one());
            assertThat(orders).isEqualTo(1);
        }

        @Test
        void unpaidReservationExpires_releasingStockExactlyOnce() {
            String v = variant("Samovar", 4, 3000, "IRR:45000000");
            Api.Reply placed = checkout(guestCart("IRR", v + ":3"));
            assertThat(placed.status()).isEqualTo(201);
            String orderId = placed.json().get("order").get("id").asText();
            assertThat(stock(v)).isEqualTo(1);

            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
            String[] staff = admin();
            JsonNode order = await().atMost(Duration.ofSeconds(10)).until(
                    () -> api().get("/v1/admin/orders/" + orderId, staff).json(),
                    o -> o.get("status").asText().equals("cancelled"));
            assertThat(order.get("history").get(1).get("reason").asText()).isEqualTo("payment_timeout");
            assertThat(order.get("history").get(1).get("actor_type").asText()).isEqualTo("system");
            assertThat(order.get("payment").get("status").asText()).isEqualTo("voided");
            assertThat(stock(v)).isEqualTo(4);

            // Later runs of the job find nothing more to release.
            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
            await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(stock(v)).isEqualTo(4);
            assertThat(ledgerSum(v)).isEqualTo(4);
            long releases = jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM stock_movement WHERE variant_id = CAST(:id AS uuid) AND reason = 'released'""")
                    .bind("id", v).mapTo(Long.class).one());
            assertThat(releases).isEqualTo(1);

            // A payment arriving after expiry cannot resurrect the order and oversell.
            Api.Reply late = api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, staff);
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.json().get("code").asText()).isEqualTo("illegal_transition");
        }
    }

    @Nested
    class CustomerOrders {
        @Test
        void customerAddingWhileCheckingOut_everyUnitLandsInTheOrderOrTheNextCart() throws Exception {
            String kept = variant("Pistachio tin", 10, 300, "IRR:1200000");
            String extra = variant("Dried limes", 50, 200, "IRR:250000");
            Accounts.Session ada = Accounts.registerAndSignIn(api(), "racer");
            assertThat(api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + kept + "\",\"quantity\":1}",
                    ada.auth()).status()).isEqualTo(200);
            List<java.util.concurrent.Callable<Api.Reply>> calls = new ArrayList<>();
            calls.add(() -> api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", ada.auth()));
            for (int i = 0; i < 5; i++) {
                calls.add(() -> api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + extra + "\",\"quantity\":1}",
                        ada.auth()));
            }
            List<Api.Reply> replies = Parallel.all(6, calls);
            assertThat(replies.get(0).status()).as(replies.get(0).toString()).isEqualTo(201);
            // A customer always has a cart: an add that waited for the checkout goes into the next one.
            assertThat(replies.subList(1, replies.size())).extracting(Api.Reply::status).containsOnly(200);
            int ordered = 0;
            for (var line : replies.get(0).json().get("order").get("lines")) {
                if (line.get("variant_id").asText().equals(extra)) {
                    ordered = line.get("quantity").asInt();
                }
            }
            int inNextCart = 0;
            for (var line : api().get("/v1/me/cart", ada.auth()).json().get("lines")) {
                if (line.get("variant_id").asText().equals(extra)) {
                    inNextCart = line.get("quantity").asInt();
                }
            }
            assertThat(ordered + inNextCart).isEqualTo(5);
        }

        @Test
        void customerChecksOut_seesOrders_othersGet404_andCanCancelBeforeShipment() {
            String v = variant("Walnuts", 10, 500, "IRR:600000");
            Accounts.Session ada = Accounts.registerAndSignIn(api(), "buyer");
            Accounts.Session eve = Accounts.registerAndSignIn(api(), "snoop");

            assertThat(api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":3}", ada.auth())
                    .status()).isEqualTo(200);
            Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"express\",\"payment_provider\":\"manual\"}", ada.auth());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            assertThat(placed.json().get("access_token").isNull()).isTrue();
            String orderId = placed.json().get("order").get("id").asText();
            assertThat(placed.json().get("order").get("email").asText()).isEqualTo(ada.email());
            // Express by weight: 1,000,000 + 2 started kg x 200,000.
            assertThat(placed.json().get("order").get("totals").get("shipping_total").get("amount").asLong())
                    .isEqualTo(1_400_000);

            Api.Reply mine = api().get("/v1/me/orders", ada.auth());
            assertThat(mine.json().get("data").get(0).get("id").asText()).isEqualTo(orderId);
            assertThat(mine.json().get("data").get(0).get("item_count").asInt()).isEqualTo(3);
            assertThat(api().get("/v1/me/orders/" + orderId, ada.auth()).status()).isEqualTo(200);

            assertThat(api().get("/v1/me/orders/" + orderId, eve.auth()).status()).isEqualTo(404);
            assertThat(api().post("/v1/me/orders/" + orderId + "/cancellation", "{}", eve.auth()).status()).isEqualTo(404);
            assertThat(api().get("/v1/me/orders", eve.auth()).json().get("data").size()).isZero();
            assertThat(api().get("/v1/orders/" + orderId, "X-Order-Token", "bzo_" + "a".repeat(43)).status())
                    .isEqualTo(404);

            assertThat(stock(v)).isEqualTo(7);
            Api.Reply cancelled = api().post("/v1/me/orders/" + orderId + "/cancellation",
                    "{\"reason\":\"changed my mind\"}", ada.auth());
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
            assertThat(stock(v)).isEqualTo(10);
            Api.Reply twice = api().post("/v1/me/orders/" + orderId + "/cancellation", "{}", ada.auth());
            assertThat(twice.status()).isEqualTo(409);
            assertThat(stock(v)).isEqualTo(10);
        }

        @Test
        void guestCartMergesIntoTheCustomerCart() {
            String v = variant("Rosewater", 10, 200, "IRR:300000");
            String token = guestCart("IRR", v + ":2");
            Accounts.Session s = Accounts.registerAndSignIn(api(), "merge");
            api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":1}", s.auth());
            Api.Reply merged = api().post("/v1/me/cart/merge", "{\"cart_token\":\"" + token + "\"}", s.auth());
            assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
            assertThat(merged.json().get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
            assertThat(api().get("/v1/carts/current", "X-Cart-Token", token).status()).isEqualTo(404);
        }
    }

    @Nested
    class Staff {
        @Test
        void staffListsAndFinds_marksPaid_addsNotes_andRolesAreChecked() {
            String v = variant("Kilim", 3, 2000, "IRR:20000000");
            Api.Reply placed = checkout(guestCart("IRR", v + ":1"));
            String orderId = placed.json().get("order").get("id").asText();
            String number = placed.json().get("order").get("number").asText();
            String[] admin = admin();

            String supportEmail = Accounts.uniqueEmail("desk");
            api().post("/v1/admin/staff", "{\"email\":\"" + supportEmail + "\",\"name\":\"Desk\",\"role\":\"support\","
                    + "\"password\":\"Front-Desk-2026\"}", admin);
            String support = Accounts.signIn(api(), "/v1/admin/sessions", supportEmail, "Front-Desk-2026");

            Api.Reply found = api().get("/v1/admin/orders?q=" + number, "Authorization", "Bearer " + support);
            assertThat(found.json().get("data")).hasSize(1);
            assertThat(api().get("/v1/admin/orders?status=nonsense", admin).status()).isEqualTo(400);
            assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null,
                    "Authorization", "Bearer " + support).status()).isEqualTo(403);

            Api.Reply note = api().post("/v1/admin/orders/" + orderId + "/notes", "{\"body\":\"Customer phoned\"}",
                    "Authorization", "Bearer " + support);
            assertThat(note.status()).isEqualTo(200);
            assertThat(note.json().get("notes").get(0).get("body").asText()).isEqualTo("Customer phoned");

            Api.Reply paid = api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin);
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
            assertThat(paid.json().get("status").asText()).isEqualTo("paid");
            assertThat(paid.json().get("payment").get("status").asText()).isEqualTo("succeeded");
            assertThat(paid.json().get("history")).extracting(h -> h.get("to").asText())
                    .containsExactly("pending_payment", "paid");
            assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin).status())
                    .isEqualTo(409);
            assertThat(api().get("/v1/admin/orders?status=paid", admin).json().get("data"))
                    .anySatisfy(o -> assertThat(o.get("id").asText()).isEqualTo(orderId));

            // Paid reservations are consumed: the expiry job must not give that stock back.
            BazaarApp.app(APP).clock.advance(Duration.ofHours(2));
            await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(stock(v)).isEqualTo(2);

            Api.Reply cancel = api().post("/v1/admin/orders/" + orderId + "/cancellation", "{\"reason\":\"damaged in store\"}", admin);
            assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
            assertThat(cancel.json().get("payment").get("status").asText()).isEqualTo("refunded");
            assertThat(stock(v)).isEqualTo(3);
            long events = jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM outbox_event WHERE aggregate_id = :id
                      AND type IN ('order.placed', 'order.paid', 'order.cancelled')""")
                    .bind("id", orderId).mapTo(Long.class).one());
            assertThat(events).isEqualTo(3);
        }
    }
}
