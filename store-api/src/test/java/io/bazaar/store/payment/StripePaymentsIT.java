package io.bazaar.store.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stripe payments end to end: the real application over HTTP, real PostgreSQL and Redis, and
 * stripe-java talking to WireMock, which answers in Stripe's wire format. Webhooks are signed the way
 * Stripe signs them (stripe-java's HMAC helper).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class StripePaymentsIT {
    static final String WEBHOOK_SECRET = "whsec_bazaar_test_0123456789";
    static final String SECRET_KEY = "sk_test_bazaar_0123456789";
    static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String ADDRESS = "{\"name\":\"Lena Vogel\",\"line1\":\"Hauptstr. 5\",\"city\":\"Berlin\","
            + "\"postal_code\":\"10115\",\"country\":\"DE\"}";

    /** Started first: the application's stripe.apiBase is read from it. */
    @RegisterExtension
    @Order(1)
    static final WireMockExtension STRIPE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().templatingEnabled(true))
            .build();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("stripe.secretKey", SECRET_KEY),
            ConfigOverride.config("stripe.webhookSecret", WEBHOOK_SECRET),
            ConfigOverride.config("stripe.apiBase", STRIPE::baseUrl),
            ConfigOverride.config("stripe.maxNetworkRetries", "0"),
            // The tests run the reconciliation job themselves.
            ConfigOverride.config("stripe.reconcileInterval", "1 hour"),
            ConfigOverride.config("stripe.reconcileAfter", "10 minutes"),
            ConfigOverride.config("checkout.expiryInterval", "100ms"),
            // Customers' carts in a currency Stripe takes (the shop default, IRR, is not one).
            ConfigOverride.config("checkout.defaultCurrency", "EUR"),
            ConfigOverride.config("checkout.reservationTtl", "30 minutes"));

    /** The intent the stub makes for an order: its id and client secret are derived from the order id. */
    static final String INTENT = """
            {{formData request.body 'form' urlDecode=true}}{
              "id": "pi_{{regexExtract request.headers.Idempotency-Key '%1$s'}}",
              "object": "payment_intent",
              "amount": {{form.amount}},
              "amount_received": 0,
              "currency": "{{form.currency}}",
              "status": "requires_payment_method",
              "client_secret": "pi_{{regexExtract request.headers.Idempotency-Key '%1$s'}}_secret_bazaar",
              "livemode": false,
              "metadata": {"order_id": "{{regexExtract request.headers.Idempotency-Key '%1$s'}}"}
            }""".formatted(UUID_RE);

    @BeforeEach
    void stubStripe() {
        STRIPE.resetAll();
        STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(okJson(INTENT).withTransformers("response-template")));
        STRIPE.stubFor(post(urlPathMatching("/v1/payment_intents/[^/]+/cancel"))
                .willReturn(okJson("""
                        {"id": "{{request.pathSegments.[2]}}", "object": "payment_intent", "status": "canceled",
                         "amount": 100, "currency": "eur", "metadata": {}}""").withTransformers("response-template")));
        STRIPE.stubFor(post(urlEqualTo("/v1/refunds"))
                .willReturn(okJson("""
                        {{formData request.body 'form' urlDecode=true}}{"id": "re_{{randomValue length=12 type='ALPHANUMERIC'}}",
                         "object": "refund", "status": "succeeded", "amount": {{form.amount}},
                         "payment_intent": "{{form.payment_intent}}", "currency": "eur"}""")
                        .withTransformers("response-template")));
    }

    // ---- helpers ----

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    String[] admin() {
        return Accounts.admin(api()).auth();
    }

    String variant(int stock, long eurPrice) {
        String body = "{\"title\":\"Espresso cup " + UUID.randomUUID().toString().substring(0, 8) + "\",\"status\":\"active\",\"variants\":[{\"sku\":\"SKU-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"weight_grams\":200,\"prices\":[{\"currency\":"
                + "\"EUR\",\"amount\":" + eurPrice + "},{\"currency\":\"KWD\",\"amount\":" + eurPrice
                + "},{\"currency\":\"IRR\",\"amount\":" + eurPrice * 1000 + "}],\"stock_on_hand\":" + stock + "}]}";
        Api.Reply r = api().post("/v1/admin/products", body, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("variants").get(0).get("id").asText();
    }

    String cart(String currency, String variantId, int quantity) {
        Api.Reply c = api().post("/v1/carts", "{\"currency\":\"" + currency + "\"}");
        String token = c.json().get("token").asText();
        Api.Reply add = api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + variantId + "\",\"quantity\":"
                + quantity + "}", "X-Cart-Token", token);
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        return token;
    }

    Api.Reply checkout(String cartToken, String email) {
        return api().post("/v1/checkout", "{\"email\":\"" + email + "\",\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"stripe\"}", "X-Cart-Token", cartToken,
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A guest order paid with Stripe, placed and waiting for payment. */
    record Placed(String id, String intent, long total, String accessToken, JsonNode checkout) {
    }

    Placed placeOrder(String variantId, int quantity) {
        Api.Reply r = checkout(cart("EUR", variantId, quantity), Accounts.uniqueEmail("card"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode order = r.json().get("order");
        return new Placed(order.get("id").asText(), "pi_" + order.get("id").asText(),
                order.get("totals").get("grand_total").get("amount").asLong(), r.json().get("access_token").asText(),
                r.json());
    }

    static String intentJson(Placed o, String status) {
        return intentJson(o.id(), o.intent(), o.total(), status);
    }

    static String intentJson(String orderId, String intentId, long amount, String status) {
        long received = "succeeded".equals(status) ? amount : 0;
        String error = "requires_payment_method".equals(status) ? ",\"last_payment_error\":{\"code\":\"card_declined\","
                + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}" : "";
        return "{\"id\":\"" + intentId + "\",\"object\":\"payment_intent\",\"amount\":" + amount
                + ",\"amount_received\":" + received + ",\"currency\":\"eur\",\"status\":\"" + status
                + "\",\"client_secret\":\"" + intentId + "_secret_bazaar\",\"livemode\":false,"
                + "\"metadata\":{\"order_id\":\"" + orderId + "\"}" + error + "}";
    }

    String event(String eventId, String type, String objectJson) {
        long created = BazaarApp.app(APP).clock.instant().getEpochSecond();
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + Stripe.API_VERSION
                + "\",\"created\":" + created + ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"" + type
                + "\",\"data\":{\"object\":" + objectJson + "}}";
    }

    static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The Stripe-Signature header Stripe would send: t=<unix seconds>,v1=HMAC-SHA256(secret, "t.payload"). */
    static String signature(String payload, String secret, long timestamp) {
        try {
            return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long now() {
        return BazaarApp.app(APP).clock.instant().getEpochSecond();
    }

    Api.Reply deliver(String payload) {
        return deliverSigned(payload, signature(payload, WEBHOOK_SECRET, now()));
    }

    Api.Reply deliverSigned(String payload, String signatureHeader) {
        return signatureHeader == null
                ? api().send("POST", "/v1/webhooks/stripe", payload, "application/json; charset=utf-8")
                : api().send("POST", "/v1/webhooks/stripe", payload, "application/json; charset=utf-8",
                        "Stripe-Signature", signatureHeader);
    }

    JsonNode staffView(String orderId) {
        Api.Reply r = api().get("/v1/admin/orders/" + orderId, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    String orderStatus(String orderId) {
        return staffView(orderId).get("status").asText();
    }

    String paymentStatus(String orderId) {
        return staffView(orderId).get("payment").get("status").asText();
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

    long outboxEvents(String orderId, String type) {
        return jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM outbox_event WHERE aggregate_id = :id AND type = :type")
                .bind("id", orderId).bind("type", type).mapTo(Long.class).one());
    }

    long stripeEvents(String orderId) {
        return jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM stripe_event WHERE order_id = CAST(:id AS uuid)")
                .bind("id", orderId).mapTo(Long.class).one());
    }

    List<String> history(String orderId) {
        List<String> to = new ArrayList<>();
        staffView(orderId).get("history").forEach(t -> to.add(t.get("to").asText()));
        return to;
    }

    String stockState(String orderId) {
        return jdbi().withHandle(h -> h.createQuery(
                "SELECT stock_state FROM customer_order WHERE id = CAST(:id AS uuid)")
                .bind("id", orderId).mapTo(String.class).one());
    }

    /** Runs a task n times at once from n threads and returns the answers. */
    static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> task) throws Exception {
        return io.bazaar.store.support.Parallel.times(n, task);
    }

    /** Every POST Bazaar sent to Stripe carried an idempotency key derived from our own operation. */
    void everyStripePostHadOurIdempotencyKey() {
        List<LoggedRequest> posts = STRIPE.findAll(postRequestedFor(anyUrl()));
        assertThat(posts).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getHeader("Idempotency-Key")).as(r.getUrl())
                    .matches("order:" + UUID_RE + ":(create|cancel)-intent|refund:" + UUID_RE + "(:pi_" + UUID_RE + ")?");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
        });
    }

    // ---- checkout ----

    @Test
    void checkout_createsTheIntentAfterTheOrderCommits_andAnswersItsClientSecret() {
        String v = variant(10, 1250);
        Placed o = placeOrder(v, 2);

        assertThat(o.checkout().get("client_secret").asText()).isEqualTo(o.intent() + "_secret_bazaar");
        assertThat(o.checkout().get("order").get("status").asText()).isEqualTo("pending_payment");
        assertThat(o.checkout().get("order").get("payment").get("provider").asText()).isEqualTo("stripe");
        assertThat(o.checkout().get("order").get("payment").get("status").asText()).isEqualTo("pending");
        assertThat(stock(v)).isEqualTo(8);

        // One create call for the grand total in Stripe's units, keyed by the order, with the order in metadata.
        List<LoggedRequest> creates = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertThat(creates).hasSize(1);
        LoggedRequest create = creates.get(0);
        assertThat(create.getHeader("Idempotency-Key")).isEqualTo("order:" + o.id() + ":create-intent");
        assertThat(create.getBodyAsString()).contains("amount=" + o.total(), "currency=eur",
                "metadata[order_id]=" + o.id()).doesNotContain("card[");
        // The intent is recorded on the payment; the client secret is not stored by Bazaar.
        String ref = jdbi().withHandle(h -> h.createQuery(
                "SELECT provider_ref FROM payment WHERE order_id = CAST(:id AS uuid)").bind("id", o.id())
                .mapTo(String.class).one());
        assertThat(ref).isEqualTo(o.intent());
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void checkout_refusesTotalsStripeCannotChargeExactly_beforeReservingAnything() {
        String v = variant(5, 12_345);
        // 3-decimal KWD: 12.345 + free shipping is not a multiple of 0.010, and Stripe does not take IRR at all.
        for (String currency : List.of("KWD", "IRR")) {
            Api.Reply r = checkout(cart(currency, v, 1), "kw@example.com");
            assertThat(r.status()).as(currency + " " + r).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("payment_provider_unavailable");
            assertThat(r.json().get("detail").asText()).contains(currency);
        }
        assertThat(stock(v)).isEqualTo(5);
        assertThat(STRIPE.findAll(postRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void checkout_whenStripeIsDown_keepsThePendingOrder_andTheClientStartsThePaymentAgain() {
        String v = variant(5, 2000);
        STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Stripe is having a bad day\"}}")));
        Api.Reply r = checkout(cart("EUR", v, 1), Accounts.uniqueEmail("retry"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("client_secret").isNull()).isTrue();
        assertThat(r.json().get("payment_instructions").asText()).contains("payment-intent");
        String orderId = r.json().get("order").get("id").asText();
        String token = r.json().get("access_token").asText();
        assertThat(r.json().get("order").get("status").asText()).isEqualTo("pending_payment");
        assertThat(stock(v)).isEqualTo(4);

        // Still down: a clear 503, nothing changed.
        Api.Reply again = api().post("/v1/orders/" + orderId + "/payment-intent", null, "X-Order-Token", token);
        assertThat(again.status()).as(again.toString()).isEqualTo(503);
        assertThat(again.json().get("code").asText()).isEqualTo("service_unavailable");

        // Stripe is back: the retry answers the client secret; the same key means one intent for the order.
        stubStripe();
        Api.Reply resumed = api().post("/v1/orders/" + orderId + "/payment-intent", null, "X-Order-Token", token);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("client_secret").asText()).isEqualTo("pi_" + orderId + "_secret_bazaar");
        assertThat(resumed.json().get("amount").get("currency").asText()).isEqualTo("EUR");
        // Asked again: the recorded intent is read back, not created again.
        STRIPE.stubFor(get(urlEqualTo("/v1/payment_intents/pi_" + orderId)).willReturn(okJson(intentJson(orderId,
                "pi_" + orderId, resumed.json().get("amount").get("amount").asLong(), "requires_payment_method"))));
        Api.Reply third = api().post("/v1/orders/" + orderId + "/payment-intent", null, "X-Order-Token", token);
        assertThat(third.json().get("client_secret").asText()).isEqualTo("pi_" + orderId + "_secret_bazaar");
        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(1);
        assertThat(STRIPE.findAll(getRequestedFor(urlEqualTo("/v1/payment_intents/pi_" + orderId)))).hasSize(1);

        // Another guest's token, or none, is 404.
        assertThat(api().post("/v1/orders/" + orderId + "/payment-intent", null, "X-Order-Token",
                "bzo_" + "x".repeat(43)).status()).isEqualTo(404);
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void customerChecksOutWithStripe_andResumesOnlyTheirOwnOrdersPayment() {
        String v = variant(5, 900);
        Accounts.Session ada = Accounts.registerAndSignIn(api(), "ada");
        Accounts.Session eve = Accounts.registerAndSignIn(api(), "eve");
        assertThat(api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":1}", ada.auth())
                .status()).isEqualTo(200);
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"stripe\"}", ada.auth());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        long total = placed.json().get("order").get("totals").get("grand_total").get("amount").asLong();
        assertThat(placed.json().get("client_secret").asText()).isEqualTo("pi_" + orderId + "_secret_bazaar");

        STRIPE.stubFor(get(urlEqualTo("/v1/payment_intents/pi_" + orderId)).willReturn(okJson(intentJson(orderId,
                "pi_" + orderId, total, "requires_payment_method"))));
        Api.Reply mine = api().post("/v1/me/orders/" + orderId + "/payment-intent", null, ada.auth());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().get("client_secret").asText()).isEqualTo("pi_" + orderId + "_secret_bazaar");
        assertThat(mine.json().get("provider").asText()).isEqualTo("stripe");
        assertThat(mine.json().get("amount").get("amount").asLong()).isEqualTo(total);

        assertThat(api().post("/v1/me/orders/" + orderId + "/payment-intent", null, eve.auth()).status())
                .isEqualTo(404);
        assertThat(api().post("/v1/orders/" + orderId + "/payment-intent", null).status()).isEqualTo(404);
        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))).hasSize(1);
    }

    // ---- webhook signatures ----

    @Test
    void webhook_badSignatures_are400_andChangeNothing() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        String payload = event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded"));

        Api.Reply missing = deliverSigned(payload, null);
        Api.Reply wrongSecret = deliverSigned(payload, signature(payload, "whsec_someone_else", now()));
        String tampered = payload.replace("\"amount\":" + o.total(), "\"amount\":" + (o.total() + 1));
        Api.Reply tamperedBody = deliverSigned(tampered, signature(payload, WEBHOOK_SECRET, now()));
        Api.Reply stale = deliverSigned(payload, signature(payload, WEBHOOK_SECRET, now() - 600));
        Api.Reply garbage = deliverSigned(payload, "v1=deadbeef");

        for (Api.Reply r : List.of(missing, wrongSecret, tamperedBody, stale, garbage)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("invalid_webhook_signature");
        }
        assertThat(missing.json().get("detail").asText()).contains("missing");
        assertThat(stale.json().get("detail").asText()).containsIgnoringCase("tolerance");
        assertThat(orderStatus(o.id())).isEqualTo("pending_payment");
        assertThat(paymentStatus(o.id())).isEqualTo("pending");
        assertThat(stripeEvents(o.id())).isZero();
        assertThat(outboxEvents(o.id(), "order.paid")).isZero();
        assertThat(stockState(o.id())).isEqualTo("held");

        // The same payload, correctly signed, is accepted.
        Api.Reply ok = deliver(payload);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("outcome").asText()).isEqualTo("paid");
    }

    // ---- de-duplication and ordering ----

    @Test
    void webhook_sameEventFiveTimesInARow_isAppliedOnce() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 2);
        String payload = event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded"));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Reply r = deliver(payload);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            outcomes.add(r.json().get("outcome").asText());
        }
        assertThat(outcomes).containsExactly("paid", "duplicate", "duplicate", "duplicate", "duplicate");
        assertThat(orderStatus(o.id())).isEqualTo("paid");
        assertThat(paymentStatus(o.id())).isEqualTo("succeeded");
        assertThat(history(o.id())).containsExactly("pending_payment", "paid");
        assertThat(outboxEvents(o.id(), "order.paid")).isEqualTo(1);
        assertThat(stockState(o.id())).isEqualTo("consumed");
        assertThat(stripeEvents(o.id())).isEqualTo(1);
        assertThat(stock(v)).isEqualTo(3);
    }

    @Test
    void webhook_sameEventFiveTimesAtOnce_isAppliedOnce() throws Exception {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        String payload = event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded"));
        List<Api.Reply> replies = concurrently(5, () -> deliver(payload));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(replies.stream().filter(r -> r.json().get("outcome").asText().equals("paid")).count()).isEqualTo(1);
        assertThat(replies.stream().filter(r -> r.json().get("duplicate").asBoolean()).count()).isEqualTo(4);
        assertThat(orderStatus(o.id())).isEqualTo("paid");
        assertThat(history(o.id())).containsExactly("pending_payment", "paid");
        assertThat(outboxEvents(o.id(), "order.paid")).isEqualTo(1);
        assertThat(stock(v)).isEqualTo(4);
    }

    @Test
    void webhook_differentSuccessEventsForOneOrder_atOnce_makeOnePaidOrder() throws Exception {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        // Stripe may send distinct events (a retry after a timeout is the same id, but the reconciliation
        // job and the webhook can report the same success): they all settle to one payment.
        List<Api.Reply> replies = concurrently(5, () -> deliver(event(newEventId(), "payment_intent.succeeded",
                intentJson(o, "succeeded"))));
        assertThat(replies).extracting(r -> r.json().get("outcome").asText())
                .containsOnly("paid", "already_paid").containsOnlyOnce("paid");
        assertThat(history(o.id())).containsExactly("pending_payment", "paid");
        assertThat(outboxEvents(o.id(), "order.paid")).isEqualTo(1);
    }

    @Test
    void webhook_successBeforeTheCheckoutResponseReturns_makesOnePaidOrder() throws Exception {
        String v = variant(5, 1500);
        // Stripe answers slowly; meanwhile the customer pays and the success webhook arrives.
        STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents")).atPriority(1)
                .willReturn(okJson(INTENT).withTransformers("response-template").withFixedDelay(6000)));
        String email = Accounts.uniqueEmail("early");
        String token = cart("EUR", v, 1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Api.Reply> checkout = pool.submit(() -> checkout(token, email));
        // The order is committed before Stripe is called: find it while the call is in flight.
        String orderId = await().atMost(Duration.ofSeconds(10)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT id::text FROM customer_order WHERE email = :e").bind("e", email).mapTo(String.class)
                .findOne().orElse(null)), id -> id != null);
        long total = jdbi().withHandle(h -> h.createQuery("SELECT grand_total FROM customer_order WHERE id = CAST(:id AS uuid)")
                .bind("id", orderId).mapTo(Long.class).one());
        Api.Reply hook = deliver(event(newEventId(), "payment_intent.succeeded",
                intentJson(orderId, "pi_" + orderId, total, "succeeded")));
        assertThat(hook.json().get("outcome").asText()).isEqualTo("paid");
        assertThat(checkout.isDone()).isFalse();

        Api.Reply placed = checkout.get();
        pool.shutdown();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().get("client_secret").asText()).isEqualTo("pi_" + orderId + "_secret_bazaar");
        assertThat(placed.json().get("order").get("status").asText()).isEqualTo("paid");
        assertThat(history(orderId)).containsExactly("pending_payment", "paid");
        assertThat(paymentStatus(orderId)).isEqualTo("succeeded");
        assertThat(outboxEvents(orderId, "order.paid")).isEqualTo(1);
        assertThat(stock(v)).isEqualTo(4);
    }

    @Test
    void webhook_successAfterTheClientReturned_paysTheOrder_andTheCustomerSeesIt() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        Api.Reply tracked = api().get("/v1/orders/" + o.id(), "X-Order-Token", o.accessToken());
        assertThat(tracked.json().get("status").asText()).isEqualTo("pending_payment");

        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("paid");
        tracked = api().get("/v1/orders/" + o.id(), "X-Order-Token", o.accessToken());
        assertThat(tracked.json().get("status").asText()).isEqualTo("paid");
        assertThat(tracked.json().get("payment").get("status").asText()).isEqualTo("succeeded");
        assertThat(tracked.json().get("reservation_expires_at").isNull()).isTrue();

        // Nothing left to pay.
        Api.Reply resume = api().post("/v1/orders/" + o.id() + "/payment-intent", null, "X-Order-Token",
                o.accessToken());
        assertThat(resume.status()).isEqualTo(409);

        // The paid reservation is consumed: expiry does not give the stock back.
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(45));
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(orderStatus(o.id())).isEqualTo("paid");
        assertThat(stock(v)).isEqualTo(4);
    }

    @Test
    void webhook_failureThenSuccess_andSuccessThenLateFailure_bothEndInOnePaidOrder() {
        String v = variant(10, 1500);

        // In order: a declined card, then a second attempt that succeeds.
        Placed first = placeOrder(v, 1);
        Api.Reply failed = deliver(event(newEventId(), "payment_intent.payment_failed",
                intentJson(first, "requires_payment_method")));
        assertThat(failed.json().get("outcome").asText()).isEqualTo("failed");
        assertThat(orderStatus(first.id())).isEqualTo("pending_payment");
        assertThat(paymentStatus(first.id())).isEqualTo("failed");
        assertThat(outboxEvents(first.id(), "order.payment_failed")).isEqualTo(1);
        String reason = jdbi().withHandle(h -> h.createQuery(
                "SELECT payload->>'reason' FROM outbox_event WHERE aggregate_id = :id AND type = 'order.payment_failed'")
                .bind("id", first.id()).mapTo(String.class).one());
        assertThat(reason).startsWith("insufficient_funds");
        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(first, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("paid");
        assertThat(paymentStatus(first.id())).isEqualTo("succeeded");

        // Out of order: the success overtakes the failure of an earlier attempt.
        Placed second = placeOrder(v, 1);
        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(second, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("paid");
        assertThat(deliver(event(newEventId(), "payment_intent.payment_failed",
                intentJson(second, "requires_payment_method"))).json().get("outcome").asText()).isEqualTo("ignored");
        assertThat(orderStatus(second.id())).isEqualTo("paid");
        assertThat(paymentStatus(second.id())).isEqualTo("succeeded");
        assertThat(outboxEvents(second.id(), "order.payment_failed")).isZero();
        assertThat(history(second.id())).containsExactly("pending_payment", "paid");
        assertThat(stock(v)).isEqualTo(8);
    }

    @Test
    void webhook_wrongAmount_doesNotPayTheOrder() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        Api.Reply r = deliver(event(newEventId(), "payment_intent.succeeded",
                intentJson(o.id(), o.intent(), o.total() - 100, "succeeded")));
        assertThat(r.json().get("outcome").asText()).isEqualTo("amount_mismatch");
        assertThat(orderStatus(o.id())).isEqualTo("pending_payment");
    }

    @Test
    void webhook_unknownIntentsAndOtherEventTypes_areAcknowledged_andChangeNothing() {
        String stranger = UUID.randomUUID().toString();
        Api.Reply unknown = deliver(event(newEventId(), "payment_intent.succeeded",
                intentJson(stranger, "pi_someone_else", 100, "succeeded")));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("outcome").asText()).isEqualTo("unknown_order");
        Api.Reply other = deliver(event(newEventId(), "customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}"));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.json().get("outcome").asText()).isEqualTo("ignored");
    }

    // ---- canceled and refunded ----

    @Test
    void webhook_canceledIntent_voidsThePayment_andReleasesTheStock() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 3);
        assertThat(stock(v)).isEqualTo(2);
        String payload = event(newEventId(), "payment_intent.canceled", intentJson(o, "canceled"));
        assertThat(deliver(payload).json().get("outcome").asText()).isEqualTo("cancelled");
        assertThat(deliver(payload).json().get("outcome").asText()).isEqualTo("duplicate");
        JsonNode order = staffView(o.id());
        assertThat(order.get("status").asText()).isEqualTo("cancelled");
        assertThat(order.get("payment").get("status").asText()).isEqualTo("voided");
        assertThat(order.get("history").get(1).get("reason").asText()).isEqualTo("payment_canceled");
        assertThat(stock(v)).isEqualTo(5);
        assertThat(ledgerSum(v)).isEqualTo(5);
        // A success for a cancelled intent cannot happen at Stripe; the order stays cancelled.
        assertThat(outboxEvents(o.id(), "order.cancelled")).isEqualTo(1);
    }

    @Test
    void customerCancelsAPaidOrder_refundsThroughStripeOnce_andTheRefundEventIsAnEcho() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("paid");

        Api.Reply cancel = api().post("/v1/orders/" + o.id() + "/cancellation", "{\"reason\":\"changed my mind\"}",
                "X-Order-Token", o.accessToken());
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancel.json().get("payment").get("status").asText()).isEqualTo("refunded");
        assertThat(stock(v)).isEqualTo(5);

        List<LoggedRequest> refunds = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")));
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).getHeader("Idempotency-Key")).isEqualTo("refund:" + o.id() + ":" + o.intent());
        assertThat(refunds.get(0).getBodyAsString()).contains("payment_intent=" + o.intent(), "amount=" + o.total());

        // Stripe then reports the refund: already recorded, nothing changes.
        String charge = "{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":" + o.total() + ",\"amount_refunded\":"
                + o.total() + ",\"refunded\":true,\"currency\":\"eur\",\"payment_intent\":\"" + o.intent() + "\"}";
        assertThat(deliver(event(newEventId(), "charge.refunded", charge)).json().get("outcome").asText())
                .isEqualTo("already_refunded");
        assertThat(orderStatus(o.id())).isEqualTo("cancelled");
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void twoEqualPartialRefunds_areTwoStripeRefunds_withTheirOwnIdempotencyKeys() {
        String v = variant(5, 2000);
        Placed o = placeOrder(v, 1);
        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("paid");
        for (int i = 0; i < 2; i++) {
            Api.Reply r = api().post("/v1/admin/refunds", "{\"order_id\":\"" + o.id()
                    + "\",\"amount\":500,\"reason\":\"goodwill " + i + "\"}", admin());
            assertThat(r.status()).as(r.toString()).isIn(200, 201);
        }
        List<LoggedRequest> refunds = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")));
        assertThat(refunds).hasSize(2);
        assertThat(refunds).allSatisfy(r -> assertThat(r.getBodyAsString()).contains("amount=500"));
        // One key per refund: had both used a per-order key, Stripe would have answered the second
        // request with the first refund and only half the money would have gone back.
        assertThat(refunds.get(0).getHeader("Idempotency-Key")).isNotEqualTo(refunds.get(1).getHeader("Idempotency-Key"));
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void refundRefusedByStripe_isFailedAndListedForStaff_andGivesItsReservationBack() {
        String v = variant(5, 2000);
        Placed o = placeOrder(v, 1);
        deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")));
        STRIPE.stubFor(post(urlEqualTo("/v1/refunds")).withRequestBody(containing("amount=" + o.total()))
                .atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "invalid_request_error", "code": "charge_disputed",
                                   "message": "This charge is disputed"}}""")));

        Api.Reply failed = api().post("/v1/admin/refunds", "{\"order_id\":\"" + o.id() + "\",\"amount\":"
                + o.total() + ",\"reason\":\"damaged in transit\"}", admin());
        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(failed.json().get("code").asText()).isEqualTo("refund_failed");
        JsonNode listed = api().get("/v1/admin/refunds?order_id=" + o.id(), admin()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(listed.get(0).get("failure").asText()).contains("disputed");
        assertThat(orderStatus(o.id())).isEqualTo("paid");
        long refunded = jdbi().withHandle(h -> h.createQuery("SELECT refunded_amount FROM payment WHERE order_id = :id")
                .bind("id", UUID.fromString(o.id())).mapTo(Long.class).one());
        assertThat(refunded).isZero();

        // The reservation went back: a smaller refund of the same order goes through.
        Api.Reply partial = api().post("/v1/admin/refunds", "{\"order_id\":\"" + o.id() + "\",\"amount\":"
                + (o.total() - 1) + ",\"reason\":\"damaged in transit\"}", admin());
        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        assertThat(orderStatus(o.id())).isEqualTo("partially_refunded");
    }

    @Test
    void refundFromTheStripeDashboard_marksThePaymentAndOrderRefunded() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 1);
        deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")));
        String partial = "{\"id\":\"ch_2\",\"object\":\"charge\",\"amount\":" + o.total() + ",\"amount_refunded\":100,"
                + "\"refunded\":false,\"currency\":\"eur\",\"payment_intent\":\"" + o.intent() + "\"}";
        assertThat(deliver(event(newEventId(), "charge.refunded", partial)).json().get("outcome").asText())
                .isEqualTo("ignored");
        String full = "{\"id\":\"ch_2\",\"object\":\"charge\",\"amount\":" + o.total() + ",\"amount_refunded\":"
                + o.total() + ",\"refunded\":true,\"currency\":\"eur\",\"payment_intent\":\"" + o.intent() + "\"}";
        assertThat(deliver(event(newEventId(), "charge.refunded", full)).json().get("outcome").asText())
                .isEqualTo("refunded");
        assertThat(paymentStatus(o.id())).isEqualTo("refunded");
        assertThat(history(o.id())).containsExactly("pending_payment", "paid", "refunded");
        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")))).isEmpty();
    }

    // ---- late success after the reservation expired ----

    @Test
    void lateSuccessAfterExpiry_withStockLeft_takesTheStockAgain_andTheOrderIsPaid() {
        String v = variant(5, 1500);
        Placed o = placeOrder(v, 2);
        assertThat(stock(v)).isEqualTo(3);
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> orderStatus(o.id()).equals("cancelled"));
        assertThat(stock(v)).isEqualTo(5);
        // Expiry stopped the intent at Stripe, after its transaction, with our key.
        await().atMost(Duration.ofSeconds(5)).until(() -> !STRIPE.findAll(postRequestedFor(
                urlEqualTo("/v1/payment_intents/" + o.intent() + "/cancel"))).isEmpty());

        // ... but the customer's payment had already gone through.
        Api.Reply late = deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")));
        assertThat(late.json().get("outcome").asText()).isEqualTo("reinstated");
        JsonNode order = staffView(o.id());
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("payment").get("status").asText()).isEqualTo("succeeded");
        assertThat(history(o.id())).containsExactly("pending_payment", "cancelled", "paid");
        assertThat(order.get("history").get(2).get("reason").asText()).contains("after the reservation expired");
        assertThat(stock(v)).isEqualTo(3);
        assertThat(ledgerSum(v)).isEqualTo(3);
        assertThat(outboxEvents(o.id(), "order.paid")).isEqualTo(1);
        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")))).isEmpty();

        // Redelivered: once only.
        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("already_paid");
        assertThat(stock(v)).isEqualTo(3);
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void lateSuccessAfterExpiry_whenTheStockIsGone_refundsThroughStripe_andNeverOversells() throws Exception {
        String v = variant(2, 1500);
        Placed o = placeOrder(v, 2);
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> orderStatus(o.id()).equals("cancelled"));
        assertThat(stock(v)).isEqualTo(2);
        // Someone else buys the released stock.
        Placed other = placeOrder(v, 2);
        assertThat(stock(v)).isZero();

        String payload = event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded"));
        List<Api.Reply> replies = concurrently(3, () -> deliver(payload));
        assertThat(replies).extracting(r -> r.json().get("outcome").asText())
                .containsOnly("refunded", "duplicate").containsOnlyOnce("refunded");
        JsonNode order = staffView(o.id());
        assertThat(order.get("status").asText()).isEqualTo("refunded");
        assertThat(order.get("payment").get("status").asText()).isEqualTo("refunded");
        assertThat(history(o.id())).containsExactly("pending_payment", "cancelled", "refunded");
        assertThat(stock(v)).isZero();
        assertThat(ledgerSum(v)).isZero();
        assertThat(orderStatus(other.id())).isEqualTo("pending_payment");

        List<LoggedRequest> refunds = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")));
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).getHeader("Idempotency-Key")).isEqualTo("refund:" + o.id() + ":" + o.intent());
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void lateSuccess_whenStripeCannotRefundYet_is503_andTheRedeliveryRefundsOnce() {
        String v = variant(1, 1500);
        Placed o = placeOrder(v, 1);
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> orderStatus(o.id()).equals("cancelled"));
        placeOrder(v, 1);

        STRIPE.stubFor(post(urlEqualTo("/v1/refunds")).atPriority(1).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"type\":\"api_error\"}}")));
        String payload = event(newEventId(), "payment_intent.succeeded", intentJson(o, "succeeded"));
        Api.Reply down = deliver(payload);
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(orderStatus(o.id())).isEqualTo("cancelled");
        assertThat(stripeEvents(o.id())).isZero();

        stubStripe();
        assertThat(deliver(payload).json().get("outcome").asText()).isEqualTo("refunded");
        assertThat(deliver(payload).json().get("outcome").asText()).isEqualTo("duplicate");
        assertThat(stock(v)).isZero();
    }

    // ---- reconciliation ----

    @Test
    void reconciliation_settlesSucceededIntentsWhoseWebhookWasLost_onceAcrossInstances() throws Exception {
        String v = variant(10, 1500);
        Placed paidUnseen = placeOrder(v, 1);
        Placed stillUnpaid = placeOrder(v, 1);
        Placed young;
        STRIPE.stubFor(get(urlEqualTo("/v1/payment_intents/" + paidUnseen.intent()))
                .willReturn(okJson(intentJson(paidUnseen, "succeeded"))));
        STRIPE.stubFor(get(urlEqualTo("/v1/payment_intents/" + stillUnpaid.intent()))
                .willReturn(okJson(intentJson(stillUnpaid, "requires_payment_method"))));

        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(11));
        young = placeOrder(v, 1);
        var reconciler = BazaarApp.app(APP).stripeReconciler();
        // Two instances at once: each payment is checked by one of them.
        List<Integer> claimed = concurrently(2, () -> reconciler.reconcile(50));
        // (Earlier tests' unpaid orders may be due too; what matters is that each is asked about once.)
        assertThat(claimed.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(2);

        assertThat(orderStatus(paidUnseen.id())).isEqualTo("paid");
        assertThat(paymentStatus(paidUnseen.id())).isEqualTo("succeeded");
        assertThat(outboxEvents(paidUnseen.id(), "order.paid")).isEqualTo(1);
        assertThat(orderStatus(stillUnpaid.id())).isEqualTo("pending_payment");
        assertThat(orderStatus(young.id())).isEqualTo("pending_payment");
        assertThat(STRIPE.findAll(getRequestedFor(urlEqualTo("/v1/payment_intents/" + paidUnseen.intent())))).hasSize(1);
        assertThat(STRIPE.findAll(getRequestedFor(urlEqualTo("/v1/payment_intents/" + stillUnpaid.intent())))).hasSize(1);
        assertThat(STRIPE.findAll(getRequestedFor(urlPathMatching("/v1/payment_intents/" + young.intent())))).isEmpty();

        // Immediately again: nothing is due (settled, or leased until the next interval).
        assertThat(reconciler.reconcile(50)).isZero();
        // The webhook arriving after all changes nothing.
        assertThat(deliver(event(newEventId(), "payment_intent.succeeded", intentJson(paidUnseen, "succeeded")))
                .json().get("outcome").asText()).isEqualTo("already_paid");
    }

    @Test
    void reconciliation_findsASuccessAfterExpiry_andRefundsWhenTheStockIsGone() {
        String v = variant(1, 1500);
        Placed o = placeOrder(v, 1);
        // Stripe refuses to cancel: the payment had succeeded by then; its webhook is lost.
        STRIPE.stubFor(post(urlPathMatching("/v1/payment_intents/[^/]+/cancel")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                                + "\"payment_intent_unexpected_state\",\"message\":\"already succeeded\"}}")));
        STRIPE.stubFor(get(urlEqualTo("/v1/payment_intents/" + o.intent()))
                .willReturn(okJson(intentJson(o, "succeeded"))));
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> orderStatus(o.id()).equals("cancelled"));
        placeOrder(v, 1);
        assertThat(stock(v)).isZero();

        BazaarApp.app(APP).stripeReconciler().reconcile(50);
        assertThat(orderStatus(o.id())).isEqualTo("refunded");
        assertThat(paymentStatus(o.id())).isEqualTo("refunded");
        assertThat(STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")))).hasSize(1);
        assertThat(stock(v)).isZero();
        assertThat(ledgerSum(v)).isZero();
        // Settled: later runs leave it alone.
        BazaarApp.app(APP).clock.advance(Duration.ofHours(2));
        BazaarApp.app(APP).stripeReconciler().reconcile(50);
        assertThat(STRIPE.findAll(getRequestedFor(urlEqualTo("/v1/payment_intents/" + o.intent())))).hasSize(1);
        everyStripePostHadOurIdempotencyKey();
    }

    @Test
    void theWebhookEndpointTakesAnyContentType_andIsInTheOpenApiDocument() {
        JsonNode doc = api().get("/v1/openapi.json").json();
        assertThat(doc.get("paths").has("/v1/webhooks/stripe")).isTrue();
        assertThat(doc.get("paths").has("/v1/orders/{id}/payment-intent")).isTrue();
        String payload = event(newEventId(), "customer.created", "{\"id\":\"cus_2\",\"object\":\"customer\"}");
        Api.Reply r = api().send("POST", "/v1/webhooks/stripe", payload, "text/plain", "Stripe-Signature",
                signature(payload, WEBHOOK_SECRET, now()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
