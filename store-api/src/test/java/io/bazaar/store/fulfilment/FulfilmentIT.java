package io.bazaar.store.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.fulfilment.domain.CarrierSignature;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shipments, deliveries, returns, exchanges and refunds through the HTTP API against real PostgreSQL and Redis. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FulfilmentIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static final String CARRIER_SECRET = "test-carrier-secret-0123456789";
    static final String ADDRESS = "{\"name\":\"Sara Ahmadi\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\","
            + "\"postal_code\":\"1234567890\",\"country\":\"IR\"}";

    /** Staff sessions last 12 hours and tests move the clock by days: sign in again after each jump. */
    private static String staffToken;
    private static java.time.Instant staffSignedInAt;

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    synchronized String[] staff() {
        java.time.Instant now = BazaarApp.app(APP).clock.instant();
        if (staffToken == null || now.isAfter(staffSignedInAt.plus(Duration.ofHours(6)))) {
            staffToken = Accounts.signIn(api(), "/v1/admin/sessions", "owner@bazaar.test", "Bazaar-Boss-Test-77");
            staffSignedInAt = now;
        }
        return new String[] {"Authorization", "Bearer " + staffToken};
    }

    void advanceDays(int days) {
        BazaarApp.app(APP).clock.advance(Duration.ofDays(days));
    }

    String variant(String title, int stock, long price) {
        String body = "{\"title\":\"" + title + "\",\"status\":\"active\",\"variants\":[{\"sku\":\"SKU-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"weight_grams\":100,\"prices\":[{\"currency\":"
                + "\"IRR\",\"amount\":" + price + "}],\"stock_on_hand\":" + stock + "}]}";
        Api.Reply r = api().post("/v1/admin/products", body, staff());
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

    List<String> ledgerReasons(String variantId) {
        return jdbi().withHandle(h -> h.createQuery("""
                SELECT reason || ':' || delta FROM stock_movement WHERE variant_id = CAST(:id AS uuid)
                ORDER BY created_at, id""").bind("id", variantId).mapTo(String.class).list());
    }

    List<String> events(String orderId) {
        return jdbi().withHandle(h -> h.createQuery("""
                SELECT e.type FROM outbox_event e
                WHERE e.aggregate_id = :id
                   OR (e.aggregate_type = 'return' AND e.payload->>'order_id' = :id)
                ORDER BY e.created_at, e.id""").bind("id", orderId).mapTo(String.class).list());
    }

    /** A customer order of the given lines ("variantId:qty"), paid by staff. Returns the order JSON. */
    JsonNode paidOrder(Accounts.Session customer, String... lines) {
        JsonNode order = placedOrder(customer, lines);
        Api.Reply paid = api().post("/v1/admin/orders/" + order.get("id").asText() + "/manual-payment", null, staff());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return paid.json();
    }

    JsonNode placedOrder(Accounts.Session customer, String... lines) {
        for (String line : lines) {
            String[] p = line.split(":");
            Api.Reply add = api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + p[0] + "\",\"quantity\":" + p[1] + "}",
                    customer.auth());
            assertThat(add.status()).as(add.toString()).isEqualTo(200);
        }
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", customer.auth());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("order");
    }

    static String lineId(JsonNode order, int index) {
        return order.get("lines").get(index).get("id") != null ? order.get("lines").get(index).get("id").asText() : null;
    }

    String orderLineId(String orderId, String variantId) {
        return jdbi().withHandle(h -> h.createQuery("""
                SELECT id::text FROM order_line WHERE order_id = CAST(:o AS uuid) AND variant_id = CAST(:v AS uuid)""")
                .bind("o", orderId).bind("v", variantId).mapTo(String.class).one());
    }

    Api.Reply ship(String orderId, String tracking, String... lines) {
        StringBuilder l = new StringBuilder();
        for (String line : lines) {
            String[] p = line.split(":");
            l.append(l.isEmpty() ? "" : ",").append("{\"order_line_id\":\"").append(p[0]).append("\",\"quantity\":")
                    .append(p[1]).append("}");
        }
        return api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId + "\",\"carrier\":\"Post\","
                + "\"tracking_number\":\"" + tracking + "\",\"tracking_url\":\"https://track.example/" + tracking
                + "\",\"lines\":[" + l + "]}", staff());
    }

    Api.Reply carrierCallback(String body, String signature, long timestamp) {
        return api().send("POST", "/v1/carrier-callbacks", body, "application/json",
                "X-Bazaar-Timestamp", Long.toString(timestamp), "X-Bazaar-Signature", signature);
    }

    long now() {
        return BazaarApp.app(APP).clock.instant().getEpochSecond();
    }

    String status(String orderId) {
        return api().get("/v1/admin/orders/" + orderId, staff()).json().get("status").asText();
    }

    Api.Reply requestReturn(Accounts.Session customer, String orderId, String lineId, int quantity) {
        return api().post("/v1/me/returns", "{\"order_id\":\"" + orderId + "\",\"lines\":[{\"order_line_id\":\""
                + lineId + "\",\"quantity\":" + quantity + "}],\"reason_code\":\"damaged\",\"comment\":\"Box crushed\"}",
                customer.auth());
    }

    @Nested
    class FullPath {
        @Test
        void paid_twoShipments_delivered_returnOnDay3_approved_received_refunded() {
            String rug = variant("Prayer rug", 10, 2_000_000);
            String tea = variant("Tea set", 10, 1_000_000);
            Accounts.Session ada = Accounts.registerAndSignIn(api(), "ada");
            JsonNode order = paidOrder(ada, rug + ":2", tea + ":1");
            String orderId = order.get("id").asText();
            long captured = order.get("payment").get("amount").get("amount").asLong();
            String rugLine = orderLineId(orderId, rug);
            String teaLine = orderLineId(orderId, tea);
            assertThat(stock(rug)).isEqualTo(8);

            Api.Reply first = ship(orderId, "TRK-1-" + rugLine.substring(0, 6), rugLine + ":2");
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(status(orderId)).isEqualTo("partially_shipped");
            // More than ordered minus shipped: 422, nothing changes.
            Api.Reply tooMany = ship(orderId, "TRK-X", rugLine + ":1");
            assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
            assertThat(tooMany.json().get("code").asText()).isEqualTo("quantity_unavailable");
            String secondTracking = "TRK-2-" + teaLine.substring(0, 6);
            Api.Reply second = ship(orderId, secondTracking, teaLine + ":1");
            assertThat(second.status()).as(second.toString()).isEqualTo(201);
            assertThat(status(orderId)).isEqualTo("shipped");

            // The customer sees both shipments with tracking.
            JsonNode mine = api().get("/v1/me/orders/" + orderId, ada.auth()).json();
            assertThat(mine.get("fulfilment_status").asText()).isEqualTo("shipped");
            assertThat(mine.get("shipments")).hasSize(2);
            assertThat(mine.get("shipments").get(0).get("tracking_url").asText()).startsWith("https://track.example/");

            Api.Reply delivered = api().post("/v1/admin/shipments/" + first.json().get("id").asText() + "/delivery",
                    null, staff());
            assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
            assertThat(status(orderId)).isEqualTo("partially_delivered");
            String body = "{\"carrier\":\"Post\",\"tracking_number\":\"" + secondTracking + "\",\"event\":\"delivered\"}";
            long ts = now();
            Api.Reply callback = carrierCallback(body, CarrierSignature.sign(CARRIER_SECRET, ts,
                    body.getBytes(StandardCharsets.UTF_8)), ts);
            assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
            assertThat(callback.json().get("status").asText()).isEqualTo("delivered");
            assertThat(status(orderId)).isEqualTo("delivered");

            advanceDays(3);
            Api.Reply ret = requestReturn(ada, orderId, rugLine, 2);
            assertThat(ret.status()).as(ret.toString()).isEqualTo(201);
            String returnId = ret.json().get("id").asText();
            assertThat(ret.json().get("status").asText()).isEqualTo("requested");
            assertThat(ret.json().get("amount").get("amount").asLong()).isEqualTo(4_000_000);
            // Returning the same units twice is refused.
            Api.Reply twice = requestReturn(ada, orderId, rugLine, 1);
            assertThat(twice.status()).as(twice.toString()).isEqualTo(422);
            assertThat(twice.json().get("code").asText()).isEqualTo("quantity_unavailable");

            Api.Reply approved = api().post("/v1/admin/returns/" + returnId + "/approval",
                    "{\"message\":\"Sorry about that\"}", staff());
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            assertThat(approved.json().get("status").asText()).isEqualTo("approved");
            Api.Reply received = api().post("/v1/admin/returns/" + returnId + "/receipt", "{\"lines\":[{\"order_line_id\":\""
                    + rugLine + "\",\"restocked\":1,\"damaged\":1}]}", staff());
            assertThat(received.status()).as(received.toString()).isEqualTo(200);
            assertThat(received.json().get("status").asText()).isEqualTo("received");
            assertThat(stock(rug)).isEqualTo(9);
            assertThat(ledgerSum(rug)).isEqualTo(9);
            assertThat(ledgerReasons(rug)).containsExactly("received:10", "reserved:-2", "return:2", "damaged:-1");

            Api.Reply refund = api().post("/v1/admin/returns/" + returnId + "/refund", "{}", staff());
            assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
            assertThat(refund.json().get("status").asText()).isEqualTo("succeeded");
            assertThat(refund.json().get("amount").get("amount").asLong()).isEqualTo(4_000_000);
            assertThat(api().post("/v1/admin/returns/" + returnId + "/refund", "{}", staff()).status()).isEqualTo(409);

            JsonNode after = api().get("/v1/me/orders/" + orderId, ada.auth()).json();
            assertThat(after.get("status").asText()).isEqualTo("partially_refunded");
            assertThat(after.get("refunded_total").get("amount").asLong()).isEqualTo(4_000_000);
            assertThat(after.get("history")).extracting(t -> t.get("to").asText()).containsExactly("pending_payment",
                    "paid", "partially_shipped", "shipped", "partially_delivered", "delivered", "partially_refunded");
            assertThat(captured).isGreaterThan(4_000_000);
            JsonNode rma = api().get("/v1/me/returns/" + returnId, ada.auth()).json();
            assertThat(rma.get("status").asText()).isEqualTo("refunded");
            assertThat(rma.get("history")).extracting(t -> t.get("to").asText())
                    .containsExactly("requested", "approved", "received", "refunded");

            assertThat(events(orderId)).containsExactly("order.placed", "order.paid", "order.shipped", "order.shipped",
                    "order.delivered", "order.delivered", "return.requested", "return.approved", "return.received",
                    "order.refunded");
            // The CRM hears about the customer's after-sales facts (all ten, return.approved included: it mails
            // the customer a return update).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat((long) jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                    WHERE e.aggregate_id IN (:o, :r) AND d.consumer = 'crm-intake' AND d.status = 'delivered'""")
                    .bind("o", orderId).bind("r", returnId).mapTo(Long.class).one())).isEqualTo(10L));
        }
    }

    @Nested
    class Rules {
        @Test
        void returnOnDay8_isReturnWindowClosed() {
            String v = variant("Vase", 5, 500_000);
            Accounts.Session bob = Accounts.registerAndSignIn(api(), "bob");
            String orderId = paidOrder(bob, v + ":1").get("id").asText();
            String line = orderLineId(orderId, v);
            Api.Reply s = ship(orderId, "TRK-V-" + line.substring(0, 6), line + ":1");
            api().post("/v1/admin/shipments/" + s.json().get("id").asText() + "/delivery", null, staff());
            advanceDays(8);
            Api.Reply late = requestReturn(bob, orderId, line, 1);
            assertThat(late.status()).as(late.toString()).isEqualTo(422);
            assertThat(late.json().get("code").asText()).isEqualTo("return_window_closed");
            assertThat(api().get("/v1/me/returns", bob.auth()).json()).isEmpty();
        }

        @Test
        void tenConcurrentRefundsOf30Percent_neverExceedCaptured() throws Exception {
            String v = variant("Samovar", 5, 10_000_000);
            Accounts.Session cy = Accounts.registerAndSignIn(api(), "cy");
            JsonNode order = paidOrder(cy, v + ":1");
            String orderId = order.get("id").asText();
            long captured = order.get("payment").get("amount").get("amount").asLong();
            long part = captured * 30 / 100;
            String[] auth = staff();
            List<Api.Reply> replies = Parallel.times(10, () -> api().post("/v1/admin/refunds", "{\"order_id\":\"" + orderId
                    + "\",\"amount\":" + part + ",\"reason\":\"late delivery\"}", auth));
            assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(3);
            assertThat(replies.stream().filter(r -> r.status() != 201)).hasSize(7).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.json().get("code").asText()).isEqualTo("refund_exceeds_captured");
            });
            long refunded = jdbi().withHandle(h -> h.createQuery(
                    "SELECT refunded_amount FROM payment WHERE order_id = CAST(:id AS uuid)")
                    .bind("id", orderId).mapTo(Long.class).one());
            assertThat(refunded).isEqualTo(3 * part).isLessThanOrEqualTo(captured);
            assertThat(api().get("/v1/admin/refunds?order_id=" + orderId, staff()).json()).hasSize(3);
            assertThat(status(orderId)).isEqualTo("partially_refunded");
            assertThat(events(orderId).stream().filter("order.refunded"::equals)).hasSize(3);
        }

        @Test
        void unpaidOrCancelledOrders_cannotBeShippedOrRefunded() {
            String v = variant("Lamp", 5, 700_000);
            Accounts.Session dee = Accounts.registerAndSignIn(api(), "dee");
            String orderId = placedOrder(dee, v + ":1").get("id").asText();
            String line = orderLineId(orderId, v);
            Api.Reply ship = ship(orderId, "TRK-U", line + ":1");
            assertThat(ship.status()).as(ship.toString()).isEqualTo(409);
            assertThat(ship.json().get("code").asText()).isEqualTo("order_not_paid");
            Api.Reply refund = api().post("/v1/admin/refunds", "{\"order_id\":\"" + orderId
                    + "\",\"amount\":100,\"reason\":\"goodwill\"}", staff());
            assertThat(refund.status()).as(refund.toString()).isEqualTo(409);
            assertThat(refund.json().get("code").asText()).isEqualTo("order_not_paid");
            Api.Reply noReason = api().post("/v1/admin/refunds", "{\"order_id\":\"" + orderId + "\",\"amount\":100}",
                    staff());
            assertThat(noReason.status()).isEqualTo(400);

            assertThat(api().post("/v1/me/orders/" + orderId + "/cancellation", "{}", dee.auth()).status()).isEqualTo(200);
            Api.Reply shipCancelled = ship(orderId, "TRK-C", line + ":1");
            assertThat(shipCancelled.status()).isEqualTo(409);
            assertThat(shipCancelled.json().get("code").asText()).isEqualTo("order_not_paid");
            long shipments = jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM shipment WHERE order_id = CAST(:id AS uuid)").bind("id", orderId)
                    .mapTo(Long.class).one());
            assertThat(shipments).isZero();
            assertThat(events(orderId)).containsExactly("order.placed", "order.cancelled");
        }

        @Test
        void returningMoreThanDelivered_orUndeliveredLines_is422_andNothingChanges() {
            String a = variant("Plate", 10, 300_000);
            String b = variant("Bowl", 10, 200_000);
            Accounts.Session eve = Accounts.registerAndSignIn(api(), "eve");
            String orderId = paidOrder(eve, a + ":2", b + ":1").get("id").asText();
            String lineA = orderLineId(orderId, a);
            String lineB = orderLineId(orderId, b);
            Api.Reply s = ship(orderId, "TRK-P-" + lineA.substring(0, 6), lineA + ":1");
            api().post("/v1/admin/shipments/" + s.json().get("id").asText() + "/delivery", null, staff());

            Api.Reply more = requestReturn(eve, orderId, lineA, 2);
            assertThat(more.status()).as(more.toString()).isEqualTo(422);
            assertThat(more.json().get("code").asText()).isEqualTo("quantity_unavailable");
            Api.Reply undelivered = requestReturn(eve, orderId, lineB, 1);
            assertThat(undelivered.status()).isEqualTo(422);
            assertThat(undelivered.json().get("code").asText()).isEqualTo("line_not_returnable");
            assertThat(api().get("/v1/me/returns", eve.auth()).json()).isEmpty();
            assertThat(events(orderId)).doesNotContain("return.requested");
        }

        @Test
        void anotherCustomersOrderAndReturn_are404() {
            String v = variant("Mirror", 5, 900_000);
            Accounts.Session owner = Accounts.registerAndSignIn(api(), "own");
            Accounts.Session other = Accounts.registerAndSignIn(api(), "oth");
            String orderId = paidOrder(owner, v + ":1").get("id").asText();
            String line = orderLineId(orderId, v);
            Api.Reply s = ship(orderId, "TRK-M-" + line.substring(0, 6), line + ":1");
            api().post("/v1/admin/shipments/" + s.json().get("id").asText() + "/delivery", null, staff());
            Api.Reply ret = requestReturn(owner, orderId, line, 1);
            assertThat(ret.status()).as(ret.toString()).isEqualTo(201);

            Api.Reply foreign = requestReturn(other, orderId, line, 1);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(api().get("/v1/me/returns/" + ret.json().get("id").asText(), other.auth()).status()).isEqualTo(404);
            assertThat(api().get("/v1/me/orders/" + orderId, other.auth()).status()).isEqualTo(404);

            Api.Reply rejected = api().post("/v1/admin/returns/" + ret.json().get("id").asText() + "/rejection",
                    "{\"message\":\"Used item\"}", staff());
            assertThat(rejected.status()).isEqualTo(200);
            assertThat(rejected.json().get("staff_message").asText()).isEqualTo("Used item");
            assertThat(api().post("/v1/admin/returns/" + ret.json().get("id").asText() + "/approval", "{}", staff())
                    .status()).isEqualTo(409);
        }

        @Test
        void carrierCallbackWithBadSignature_is401_andChangesNothing() {
            String v = variant("Kettle", 5, 400_000);
            Accounts.Session fay = Accounts.registerAndSignIn(api(), "fay");
            String orderId = paidOrder(fay, v + ":1").get("id").asText();
            String line = orderLineId(orderId, v);
            String tracking = "TRK-K-" + line.substring(0, 6);
            assertThat(ship(orderId, tracking, line + ":1").status()).isEqualTo(201);
            String body = "{\"carrier\":\"Post\",\"tracking_number\":\"" + tracking + "\",\"event\":\"delivered\"}";
            long ts = now();
            Api.Reply wrongKey = carrierCallback(body, CarrierSignature.sign("not-the-secret", ts,
                    body.getBytes(StandardCharsets.UTF_8)), ts);
            assertThat(wrongKey.status()).isEqualTo(401);
            assertThat(wrongKey.contentType()).contains("application/problem+json");
            assertThat(wrongKey.json().get("code").asText()).isEqualTo("invalid_signature");
            String tampered = body.replace("delivered", "delivered ");
            assertThat(carrierCallback(tampered, CarrierSignature.sign(CARRIER_SECRET, ts,
                    body.getBytes(StandardCharsets.UTF_8)), ts).status()).isEqualTo(401);
            long stale = ts - 3600;
            assertThat(carrierCallback(body, CarrierSignature.sign(CARRIER_SECRET, stale,
                    body.getBytes(StandardCharsets.UTF_8)), stale).status()).isEqualTo(401);
            assertThat(api().send("POST", "/v1/carrier-callbacks", body, "application/json").status()).isEqualTo(401);
            assertThat(status(orderId)).isEqualTo("shipped");
            assertThat(events(orderId)).doesNotContain("order.delivered");
        }

        @Test
        void guestsSeeTheirShipmentsWithTheOrderToken() {
            String v = variant("Candle", 5, 100_000);
            Api.Reply cart = api().post("/v1/carts", "{\"currency\":\"IRR\"}");
            String token = cart.json().get("token").asText();
            api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":1}", "X-Cart-Token", token);
            Api.Reply placed = api().post("/v1/checkout", "{\"email\":\"g@example.com\",\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", "X-Cart-Token", token);
            String orderId = placed.json().get("order").get("id").asText();
            String access = placed.json().get("access_token").asText();
            api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, staff());
            String line = orderLineId(orderId, v);
            assertThat(ship(orderId, "TRK-G-" + line.substring(0, 6), line + ":1").status()).isEqualTo(201);
            JsonNode tracked = api().get("/v1/orders/" + orderId, "X-Order-Token", access).json();
            assertThat(tracked.get("fulfilment_status").asText()).isEqualTo("shipped");
            assertThat(tracked.get("shipments").get(0).get("tracking_number").asText()).startsWith("TRK-G-");
        }
    }

    @Nested
    class ExchangesGuestsAndGoodwill {
        JsonNode ok(Api.Reply r, int status) {
            assertThat(r.status()).as(r.toString()).isEqualTo(status);
            return r.json();
        }

        @Test
        void dearerExchange_waitsForTheExtraPayment_thenShipsTheReplacementOnce() throws Exception {
            String mug = variant("Exchange mug small", 5, 100_000);
            String bigMug = variant("Exchange mug large", 3, 130_000);
            Accounts.Session c = Accounts.registerAndSignIn(api(), "exchanger");
            JsonNode order = paidOrder(c, mug + ":1");
            String orderId = order.get("id").asText();
            String line = orderLineId(orderId, mug);
            String shipment = ok(ship(orderId, "TRK-X-" + line.substring(0, 6), line + ":1"), 201).get("id").asText();
            ok(api().post("/v1/admin/shipments/" + shipment + "/delivery", null, staff()), 200);

            JsonNode ret = ok(api().post("/v1/me/returns", "{\"order_id\":\"" + orderId + "\",\"lines\":[{"
                    + "\"order_line_id\":\"" + line + "\",\"quantity\":1,\"replacement_variant_id\":\"" + bigMug
                    + "\"}],\"reason_code\":\"too_small\"}", c.auth()), 201);
            String returnId = ret.get("id").asText();
            assertThat(ret.get("resolution").asText()).isEqualTo("exchange");
            assertThat(ret.get("price_difference").get("amount").asLong()).isEqualTo(30_000);

            // Approval reserves the replacement and asks for the difference.
            JsonNode approved = ok(api().post("/v1/admin/returns/" + returnId + "/approval", "{}", staff()), 200);
            assertThat(approved.get("extra_payment").get("status").asText()).isEqualTo("pending");
            assertThat(approved.get("extra_payment").get("amount").get("amount").asLong()).isEqualTo(30_000);
            assertThat(stock(bigMug)).isEqualTo(2);

            String shipBody = "{\"carrier\":\"Post\",\"tracking_number\":\"TRK-R-" + line.substring(0, 6)
                    + "\",\"tracking_url\":\"https://track.example/r\"}";
            Api.Reply early = api().post("/v1/admin/returns/" + returnId + "/replacement-shipment", shipBody, staff());
            assertThat(early.status()).as(early.toString()).isEqualTo(409);
            assertThat(early.json().get("code").asText()).isEqualTo("extra_payment_pending");
            assertThat(api().get("/v1/me/orders/" + orderId, c.auth()).json().get("shipments")).hasSize(1);

            // Staff record the transfer once; concurrent or repeated calls change nothing more.
            List<Integer> paid = Parallel.times(5, () -> api().post("/v1/admin/returns/" + returnId
                    + "/extra-payment", "{\"reference\":\"TR-991\"}", staff()).status());
            assertThat(paid).containsOnly(200, 409).filteredOn(x -> x == 200).hasSize(1);

            ok(api().post("/v1/admin/returns/" + returnId + "/receipt", "{\"lines\":[{\"order_line_id\":\""
                    + line + "\",\"restocked\":1,\"damaged\":0}]}", staff()), 200);

            // The replacement ships once, whatever the races; stock moved at approval only.
            List<Integer> shipped = Parallel.times(4, () -> api().post("/v1/admin/returns/" + returnId
                    + "/replacement-shipment", shipBody, staff()).status());
            assertThat(shipped).containsOnly(201, 409).filteredOn(x -> x == 201).hasSize(1);
            assertThat(stock(bigMug)).isEqualTo(2);
            assertThat(ledgerSum(bigMug)).isEqualTo(2);
            assertThat(stock(mug)).isEqualTo(5);

            JsonNode seen = api().get("/v1/me/orders/" + orderId, c.auth()).json();
            assertThat(seen.get("fulfilment_status").asText()).isEqualTo("delivered");
            JsonNode replacement = seen.get("shipments").get(1);
            assertThat(replacement.get("return_id").asText()).isEqualTo(returnId);
            assertThat(replacement.get("status").asText()).isEqualTo("shipped");
            assertThat(replacement.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
            assertThat(replacement.get("lines").get(0).get("title").asText()).isEqualTo("Exchange mug large");

            ok(api().post("/v1/admin/shipments/" + replacement.get("id").asText() + "/delivery", null, staff()), 200);
            JsonNode after = api().get("/v1/me/returns/" + returnId, c.auth()).json();
            assertThat(after.get("status").asText()).isEqualTo("exchanged");
            assertThat(after.get("replacement_shipment_id").asText()).isEqualTo(replacement.get("id").asText());
            assertThat(after.get("extra_payment").get("status").asText()).isEqualTo("succeeded");
            assertThat(after.get("extra_payment").get("reference").isNull()).isTrue(); // staff only
            assertThat(api().get("/v1/admin/returns/" + returnId, staff()).json().get("extra_payment")
                    .get("reference").asText()).isEqualTo("TR-991");
            assertThat(status(orderId)).isEqualTo("delivered");
            assertThat(events(orderId)).containsSubsequence("return.exchange_created", "return.extra_payment_received",
                    "return.received", "return.replacement_shipped", "return.replacement_delivered");
            assertThat(events(orderId).stream().filter("order.delivered"::equals)).hasSize(1);
            listedAsViewed(returnId, c);
        }

        /**
         * Staff and customer lists assemble their returns in one batch of queries; each entry must be exactly what
         * the return's own page shows (extra payment, replacement shipment, history, lines and amounts).
         */
        void listedAsViewed(String returnId, Accounts.Session c) {
            JsonNode staffList = ok(api().get("/v1/admin/returns?limit=100", staff()), 200);
            assertThat(entry(staffList, returnId)).isEqualTo(api().get("/v1/admin/returns/" + returnId, staff()).json());
            JsonNode own = ok(api().get("/v1/me/returns", c.auth()), 200);
            assertThat(entry(own, returnId)).isEqualTo(api().get("/v1/me/returns/" + returnId, c.auth()).json());
        }

        private JsonNode entry(JsonNode list, String id) {
            for (JsonNode e : list) {
                if (e.get("id").asText().equals(id)) {
                    return e;
                }
            }
            throw new AssertionError("return " + id + " not listed in " + list);
        }

        @Test
        void cheaperExchange_refundsTheDifference_andAPlainReturnHasNoReplacementToShip() {
            String big = variant("Exchange vase large", 2, 150_000);
            String small = variant("Exchange vase small", 2, 110_000);
            Accounts.Session c = Accounts.registerAndSignIn(api(), "cheaper");
            JsonNode order = paidOrder(c, big + ":1");
            String orderId = order.get("id").asText();
            String line = orderLineId(orderId, big);
            String shipment = ok(ship(orderId, "TRK-C-" + line.substring(0, 6), line + ":1"), 201).get("id").asText();
            ok(api().post("/v1/admin/shipments/" + shipment + "/delivery", null, staff()), 200);
            String returnId = ok(api().post("/v1/me/returns", "{\"order_id\":\"" + orderId + "\",\"lines\":[{"
                    + "\"order_line_id\":\"" + line + "\",\"quantity\":1,\"replacement_variant_id\":\"" + small
                    + "\"}],\"reason_code\":\"too_large\"}", c.auth()), 201).get("id").asText();
            JsonNode approved = ok(api().post("/v1/admin/returns/" + returnId + "/approval", "{}", staff()), 200);
            assertThat(approved.get("extra_payment").isNull()).isTrue();
            assertThat(api().post("/v1/admin/returns/" + returnId + "/extra-payment", "{}", staff()).status())
                    .isEqualTo(409);
            ok(api().post("/v1/admin/returns/" + returnId + "/receipt", "{\"lines\":[{\"order_line_id\":\""
                    + line + "\",\"restocked\":1,\"damaged\":0}]}", staff()), 200);
            JsonNode refund = ok(api().post("/v1/admin/returns/" + returnId + "/refund", "{}", staff()), 201);
            assertThat(refund.get("kind").asText()).isEqualTo("exchange");
            assertThat(refund.get("amount").get("amount").asLong()).isEqualTo(40_000);
            assertThat(api().get("/v1/admin/returns/" + returnId, staff()).json().get("status").asText())
                    .isEqualTo("exchanged");
            ok(api().post("/v1/admin/returns/" + returnId + "/replacement-shipment",
                    "{\"carrier\":\"Post\",\"tracking_number\":\"TRK-CS\"}", staff()), 201);
            assertThat(stock(small)).isEqualTo(1);

            String plain = ok(requestReturnOfAnother(c), 201).get("id").asText();
            ok(api().post("/v1/admin/returns/" + plain + "/approval", "{}", staff()), 200);
            Api.Reply noReplacement = api().post("/v1/admin/returns/" + plain + "/replacement-shipment",
                    "{\"carrier\":\"Post\",\"tracking_number\":\"TRK-NONE\"}", staff());
            assertThat(noReplacement.status()).isEqualTo(409);
            assertThat(noReplacement.json().get("code").asText()).isEqualTo("illegal_transition");
            listedAsViewed(returnId, c);
            listedAsViewed(plain, c);
        }

        Api.Reply requestReturnOfAnother(Accounts.Session c) {
            String v = variant("Exchange plain bowl", 2, 90_000);
            JsonNode order = paidOrder(c, v + ":1");
            String orderId = order.get("id").asText();
            String line = orderLineId(orderId, v);
            String shipment = ok(ship(orderId, "TRK-P-" + line.substring(0, 6), line + ":1"), 201).get("id").asText();
            ok(api().post("/v1/admin/shipments/" + shipment + "/delivery", null, staff()), 200);
            return requestReturn(c, orderId, line, 1);
        }

        @Test
        void guestAsksForAReturnWithTheOrderToken_aWrongTokenIs404() {
            String v = variant("Guest return lamp", 4, 200_000);
            String token = api().post("/v1/carts", "{\"currency\":\"IRR\"}").json().get("token").asText();
            ok(api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":2}",
                    "X-Cart-Token", token), 200);
            JsonNode placed = ok(api().post("/v1/checkout", "{\"email\":\"guest-return@example.com\","
                    + "\"shipping_address\":" + ADDRESS + ",\"shipping_method\":\"standard\","
                    + "\"payment_provider\":\"manual\"}", "X-Cart-Token", token), 201);
            String orderId = placed.get("order").get("id").asText();
            String access = placed.get("access_token").asText();
            ok(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, staff()), 200);
            String line = orderLineId(orderId, v);
            String shipment = ok(ship(orderId, "TRK-GR-" + line.substring(0, 6), line + ":2"), 201).get("id").asText();
            ok(api().post("/v1/admin/shipments/" + shipment + "/delivery", null, staff()), 200);

            String body = "{\"lines\":[{\"order_line_id\":\"" + line + "\",\"quantity\":1}],"
                    + "\"reason_code\":\"defective\",\"comment\":\"flickers\"}";
            Api.Reply wrong = api().post("/v1/orders/" + orderId + "/returns", body, "X-Order-Token", "ord_wrong");
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(api().post("/v1/orders/" + orderId + "/returns", body).status()).isEqualTo(404);
            assertThat(api().get("/v1/orders/" + orderId + "/returns", "X-Order-Token", access).json()).isEmpty();

            Api.Reply created = api().post("/v1/orders/" + orderId + "/returns", body, "X-Order-Token", access);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String returnId = created.json().get("id").asText();
            assertThat(created.header("Location").orElseThrow()).endsWith("/v1/orders/" + orderId + "/returns/" + returnId);
            assertThat(created.json().get("history").get(0).get("actor_type").asText()).isEqualTo("guest");
            assertThat(api().get("/v1/orders/" + orderId + "/returns/" + returnId, "X-Order-Token", access).json()
                    .get("status").asText()).isEqualTo("requested");
            assertThat(api().get("/v1/orders/" + orderId + "/returns", "X-Order-Token", access).json()).hasSize(1);
            assertThat(api().get("/v1/orders/" + orderId + "/returns/" + returnId).status()).isEqualTo(404);

            // The same checks as for customers: only the delivered units, once.
            Api.Reply tooMany = api().post("/v1/orders/" + orderId + "/returns", body.replace("\"quantity\":1",
                    "\"quantity\":2"), "X-Order-Token", access);
            assertThat(tooMany.status()).isEqualTo(422);
            assertThat(tooMany.json().get("code").asText()).isEqualTo("quantity_unavailable");
            ok(api().post("/v1/admin/returns/" + returnId + "/approval", "{}", staff()), 200);
            ok(api().post("/v1/admin/returns/" + returnId + "/receipt", "{\"lines\":[{\"order_line_id\":\""
                    + line + "\",\"restocked\":1,\"damaged\":0}]}", staff()), 200);
            JsonNode refund = ok(api().post("/v1/admin/returns/" + returnId + "/refund", "{}", staff()), 201);
            assertThat(refund.get("amount").get("amount").asLong()).isEqualTo(200_000);
            assertThat(stock(v)).isEqualTo(3);
        }

        @Test
        void goodwillRefundOnAResolvedTicket_goesThroughTheStoreRefunds_cappedByWhatWasCaptured() {
            String v = variant("Goodwill teapot", 3, 250_000);
            Accounts.Session c = Accounts.registerAndSignIn(api(), "goodwill-refund");
            JsonNode order = paidOrder(c, v + ":1");
            String orderId = order.get("id").asText();
            long total = order.get("payment").get("amount").get("amount").asLong();
            String number = order.get("number").asText();
            // The CRM hears about the order through the outbox; then a ticket can name it.
            String ticket = await().atMost(Duration.ofSeconds(10)).until(() -> {
                Api.Reply r = api().post("/v1/admin/crm/tickets", "{\"customer_id\":\"" + c.id() + "\","
                        + "\"type\":\"complaint\",\"subject\":\"Chipped lid\",\"message\":\"Called: the lid is "
                        + "chipped\",\"order_number\":\"" + number + "\"}", staff());
                return r.status() == 201 ? r.json().get("id").asText() : null;
            }, java.util.Objects::nonNull);
            ok(api().post("/v1/admin/crm/tickets/" + ticket + "/status", "{\"status\":\"resolved\"}", staff()), 200);

            Api.Reply tooMuch = api().post("/v1/admin/crm/tickets/" + ticket + "/goodwill", "{\"kind\":\"refund\","
                    + "\"amount\":" + (total + 1) + ",\"currency\":\"IRR\",\"reason\":\"chipped lid\"}", staff());
            assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(409);
            assertThat(tooMuch.json().get("code").asText()).isEqualTo("refund_exceeds_captured");
            Api.Reply otherCurrency = api().post("/v1/admin/crm/tickets/" + ticket + "/goodwill", "{\"kind\":"
                    + "\"refund\",\"amount\":100,\"currency\":\"EUR\",\"reason\":\"chipped lid\"}", staff());
            assertThat(otherCurrency.status()).isEqualTo(400);
            assertThat(api().get("/v1/admin/crm/tickets/" + ticket, staff()).json().get("goodwill")).isEmpty();

            JsonNode granted = ok(api().post("/v1/admin/crm/tickets/" + ticket + "/goodwill", "{\"kind\":\"refund\","
                    + "\"amount\":50000,\"currency\":\"IRR\",\"reason\":\"chipped lid\"}", staff()), 201);
            assertThat(granted.get("goodwill").get(0).get("status").asText()).isEqualTo("granted");
            JsonNode refunds = api().get("/v1/admin/refunds?order_id=" + orderId, staff()).json();
            assertThat(refunds).hasSize(1);
            assertThat(refunds.get(0).get("kind").asText()).isEqualTo("goodwill");
            assertThat(refunds.get(0).get("status").asText()).isEqualTo("succeeded");
            assertThat(refunds.get(0).get("amount").get("amount").asLong()).isEqualTo(50_000);
            assertThat(refunds.get(0).get("reason").asText()).isEqualTo("ticket goodwill: chipped lid");
            assertThat(status(orderId)).isEqualTo("partially_refunded");
        }
    }
}
