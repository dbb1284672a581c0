package io.bazaar.store.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.cart.app.AbandonedCarts;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CRM core gaps of issue #6: abandoned-cart leads, return-update emails, privacy of tickets/surveys/points. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrmGapsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("abandonedCarts.after", "1h"),
            ConfigOverride.config("abandonedCarts.checkInterval", "100ms"));
    static final String ADDRESS = "{\"name\":\"Sara Ahmadi\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\","
            + "\"postal_code\":\"1234567890\",\"country\":\"IR\"}";

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    String[] staff() {
        return Accounts.admin(api()).auth();
    }

    long count(String sql, Object value) {
        return jdbi().withHandle(h -> h.createQuery(sql).bind("v", value).mapTo(Long.class).one());
    }

    String text(String sql, Object value) {
        return jdbi().withHandle(h -> h.createQuery(sql).bind("v", value).mapTo(String.class).one());
    }

    String variant(String title, long price) {
        Api.Reply r = api().post("/v1/admin/products", "{\"title\":\"" + title + "\",\"status\":\"active\","
                + "\"variants\":[{\"sku\":\"G-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"prices\":"
                + "[{\"currency\":\"IRR\",\"amount\":" + price + "}],\"stock_on_hand\":100}]}", staff());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("variants").get(0).get("id").asText();
    }

    String guestCart(String variant, String email) {
        Api.Reply c = api().post("/v1/carts", "{\"currency\":\"IRR\"}");
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        String token = c.json().get("token").asText();
        if (variant != null) {
            Api.Reply add = api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":2}",
                    "X-Cart-Token", token);
            assertThat(add.status()).as(add.toString()).isEqualTo(200);
        }
        if (email != null) {
            Api.Reply set = api().send("PUT", "/v1/carts/current/email", "{\"email\":\"" + email + "\"}",
                    "application/json", "X-Cart-Token", token);
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
        }
        return token;
    }

    String cartId(String email) {
        return jdbi().withHandle(h -> h.createQuery("SELECT id::text FROM cart WHERE email = :e").bind("e", email)
                .mapTo(String.class).one());
    }

    @Test
    void abandonedGuestCart_becomesALeadOnce_andAGuestOrderConvertsIt() throws Exception {
        String v = variant("Abandoned teapot", 1_000_000);
        String email = Accounts.uniqueEmail("shopper");
        String token = guestCart(v, email);
        String noEmail = guestCart(v, null);
        String emptyEmail = Accounts.uniqueEmail("empty");
        guestCart(null, emptyEmail);
        Accounts.Session known = Accounts.registerAndSignIn(api(), "known");
        guestCart(v, known.email());
        // Bad emails and unknown carts are refused.
        assertThat(api().send("PUT", "/v1/carts/current/email", "{\"email\":\"not-an-email\"}", "application/json",
                "X-Cart-Token", token).status()).isEqualTo(400);
        assertThat(api().send("PUT", "/v1/carts/current/email", "{\"email\":\"a@b.example\"}", "application/json",
                "X-Cart-Token", "bzc_nope").status()).isEqualTo(404);

        // Not idle long enough yet.
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(50));
        Thread.sleep(500);
        assertThat(count("SELECT count(*) FROM crm_lead WHERE email_normalized = :v", email)).isZero();

        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT count(*) FROM crm_lead WHERE email_normalized = :v AND source = 'abandoned_cart'", email) == 1);
        // The customer's own email is no lead: the cart lands on their timeline instead.
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT count(*) FROM crm_timeline_entry WHERE customer_id = CAST(:v AS uuid) AND type = 'cart.abandoned'",
                known.id()) == 1);
        assertThat(count("SELECT count(*) FROM crm_lead WHERE email_normalized = :v", known.email())).isZero();
        Thread.sleep(500); // several more job runs
        String cart = cartId(email);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'cart.abandoned' AND aggregate_id = :v", cart))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM crm_lead_cart WHERE cart_id = CAST(:v AS uuid)", cart)).isEqualTo(1);
        assertThat(count("SELECT item_count FROM crm_lead_cart WHERE cart_id = CAST(:v AS uuid)", cart)).isEqualTo(2);
        // Carts without an email or without lines are never reported.
        assertThat(count("SELECT count(*) FROM crm_lead WHERE email_normalized = :v", emptyEmail)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'cart.abandoned' AND aggregate_id = :v",
                cartId(emptyEmail))).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event e JOIN cart c ON c.id::text = e.aggregate_id "
                + "WHERE e.type = :v AND c.email IS NULL", "cart.abandoned")).isZero();
        assertThat(noEmail).isNotNull();

        assertThat(api().get("/v1/admin/crm/leads?converted=false", staff()).json().get("data").findValuesAsText("email"))
                .contains(email);

        // The shopper comes back and orders as a guest with the same email: the lead converts, once.
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(30));
        Api.Reply placed = api().post("/v1/checkout", "{\"email\":\"" + email + "\",\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", "X-Cart-Token", token);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT count(*) FROM crm_lead WHERE email_normalized = :v AND converted_at IS NOT NULL", email) == 1);
        assertThat(text("SELECT converted_order_id::text FROM crm_lead WHERE email_normalized = :v", email))
                .isEqualTo(orderId);
        // Registering later keeps the first conversion time (the order, 100 minutes after the lead was made).
        long secondsBefore = count("SELECT extract(epoch FROM converted_at - created_at)::bigint FROM crm_lead "
                + "WHERE email_normalized = :v", email);
        BazaarApp.app(APP).clock.advance(Duration.ofHours(1));
        assertThat(api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":\"Returning Shopper\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "SELECT count(*) FROM crm_lead WHERE email_normalized = :v AND converted_customer_id IS NOT NULL", email) == 1);
        assertThat(count("SELECT extract(epoch FROM converted_at - created_at)::bigint FROM crm_lead "
                + "WHERE email_normalized = :v", email)).isEqualTo(secondsBefore);
    }

    @Test
    void abandonmentDetection_racingInstances_reportEachCartOnce() throws Exception {
        String v = variant("Raced kettle", 500_000);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String e = Accounts.uniqueEmail("race" + i);
            emails.add(e);
            guestCart(v, e);
        }
        // Eight more "instances" run the detection at the same moment as the application's own job.
        AbandonedCarts other = new AbandonedCarts(jdbi(), BazaarApp.app(APP).clock,
                new Outbox(APP.getObjectMapper(), BazaarApp.app(APP).clock), Duration.ofHours(1));
        BazaarApp.app(APP).clock.advance(Duration.ofHours(2));
        List<Integer> found = Parallel.times(8, () -> other.detect(100));
        assertThat(found.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(5);
        Thread.sleep(500);
        for (String e : emails) {
            assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'cart.abandoned' AND aggregate_id = :v",
                    cartId(e))).as(e).isEqualTo(1);
        }
    }

    // ---- Return updates ---------------------------------------------------------------------------

    List<String> templates(String customerId) {
        return jdbi().withHandle(h -> h.createQuery("""
                SELECT template FROM crm_message WHERE subject_id = CAST(:c AS uuid) AND status = 'sent'
                ORDER BY created_at, id""").bind("c", customerId).mapTo(String.class).list());
    }

    String deliveredOrderLine(Accounts.Session c, String variant) {
        Api.Reply add = api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":1}", c.auth());
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", c.auth());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, staff()).status()).isEqualTo(200);
        String line = jdbi().withHandle(h -> h.createQuery("SELECT id::text FROM order_line WHERE order_id = CAST(:o AS uuid)")
                .bind("o", orderId).mapTo(String.class).one());
        Api.Reply ship = api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId + "\",\"carrier\":\"Post\","
                + "\"tracking_number\":\"TRK-" + line.substring(0, 8) + "\",\"lines\":[{\"order_line_id\":\"" + line
                + "\",\"quantity\":1}]}", staff());
        assertThat(ship.status()).as(ship.toString()).isEqualTo(201);
        assertThat(api().post("/v1/admin/shipments/" + ship.json().get("id").asText() + "/delivery", null, staff())
                .status()).isEqualTo(200);
        return orderId + ":" + line;
    }

    String requestReturn(Accounts.Session c, String orderAndLine) {
        String[] p = orderAndLine.split(":");
        Api.Reply ret = api().post("/v1/me/returns", "{\"order_id\":\"" + p[0] + "\",\"lines\":[{\"order_line_id\":\""
                + p[1] + "\",\"quantity\":1}],\"reason_code\":\"damaged\"}", c.auth());
        assertThat(ret.status()).as(ret.toString()).isEqualTo(201);
        return ret.json().get("id").asText();
    }

    @Test
    void returnUpdates_approvedReceivedRefundedAndRejected_eachMailTheCustomerOnce() {
        String v = variant("Returnable vase", 2_000_000);
        Accounts.Session c = Accounts.registerAndSignIn(api(), "returner");
        String first = deliveredOrderLine(c, v);
        String second = deliveredOrderLine(c, v);

        String returnId = requestReturn(c, first);
        assertThat(api().post("/v1/admin/returns/" + returnId + "/approval", "{\"message\":\"Use the prepaid label\"}",
                staff()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> templates(c.id()).contains("return_approved"));
        JsonNode mail = api().get("/v1/admin/crm/dev-mailbox?to=" + c.email(), staff()).json().get("data");
        JsonNode approvedMail = null;
        for (JsonNode m : mail) {
            if (m.get("subject").asText().startsWith("Your return for order")) {
                approvedMail = m;
            }
        }
        assertThat(approvedMail).isNotNull();
        assertThat(approvedMail.get("subject").asText()).endsWith("is approved");
        assertThat(approvedMail.get("text").asText()).contains("Use the prepaid label");

        String line = first.split(":")[1];
        assertThat(api().post("/v1/admin/returns/" + returnId + "/receipt", "{\"lines\":[{\"order_line_id\":\"" + line
                + "\",\"restocked\":1,\"damaged\":0}]}", staff()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> templates(c.id()).contains("return_received"));
        assertThat(api().post("/v1/admin/returns/" + returnId + "/refund", "{}", staff()).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> templates(c.id()).contains("return_refunded"));

        String rejected = requestReturn(c, second);
        assertThat(api().post("/v1/admin/returns/" + rejected + "/rejection", "{\"message\":\"Outside our policy\"}",
                staff()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> templates(c.id()).contains("return_rejected"));

        List<String> sent = templates(c.id());
        assertThat(sent.stream().filter(t -> t.startsWith("return_"))).containsExactly("return_approved",
                "return_received", "return_refunded", "return_rejected");
        // The return's refund mails as the return's last update, not a second generic refund email.
        assertThat(sent).doesNotContain("refund_issued");
        assertThat(count("SELECT count(*) FROM crm_timeline_entry WHERE customer_id = CAST(:v AS uuid) "
                + "AND type IN ('return.approved', 'return.rejected')", c.id())).isEqualTo(2);
        assertThat(text("SELECT status FROM crm_return_ledger WHERE return_id = CAST(:v AS uuid)", rejected))
                .isEqualTo("rejected");
    }

    @Test
    void returnUpdates_followTheOrderUpdatesConsent() {
        String v = variant("Quiet lamp", 2_000_000);
        Accounts.Session c = Accounts.registerAndSignIn(api(), "quiet");
        assertThat(api().send("PUT", "/v1/me/consents", "{\"consents\":[{\"channel\":\"email\",\"purpose\":"
                + "\"order_updates\",\"granted\":false}]}", "application/json", c.auth()).status()).isEqualTo(200);
        String returnId = requestReturn(c, deliveredOrderLine(c, v));
        assertThat(api().post("/v1/admin/returns/" + returnId + "/approval", "{}", staff()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM crm_message WHERE subject_id = "
                + "CAST(:v AS uuid) AND template = 'return_approved' AND status = 'suppressed'", c.id()) == 1);
    }

    // ---- Privacy ----------------------------------------------------------------------------------

    @Test
    void exportAndErasure_coverTicketsSurveysAndPoints() {
        Accounts.Session c = Accounts.registerAndSignIn(api(), "private");
        Api.Reply ticket = api().post("/v1/me/tickets", "{\"type\":\"complaint\",\"subject\":\"Cracked lid at Shiraz\","
                + "\"message\":\"My neighbour Parisa saw the box fall\"}", c.auth());
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        String template = api().post("/v1/admin/crm/survey-templates", "{\"name\":\"Privacy survey\",\"locale\":\"en\","
                + "\"questions\":[{\"key\":\"recommend\",\"kind\":\"nps\",\"text\":\"Recommend us?\"},"
                + "{\"key\":\"comment\",\"kind\":\"free_text\",\"text\":\"Anything else?\",\"required\":false}]}",
                staff()).json().get("id").asText();
        String invitation = api().post("/v1/admin/crm/surveys", "{\"template_id\":\"" + template + "\",\"customer_id\":\""
                + c.id() + "\"}", staff()).json().get("invitation_id").asText();
        Api.Reply answered = api().post("/v1/me/surveys/" + invitation + "/answers", "{\"answers\":[{\"key\":\"recommend\","
                + "\"score\":9},{\"key\":\"comment\",\"text\":\"Call me on 0912 000 1111\"}]}", c.auth());
        assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
        Api.Reply points = api().post("/v1/admin/crm/customers/" + c.id() + "/points",
                "{\"delta\":120,\"reason\":\"Sorry Mrs Karimi\"}", staff());
        assertThat(points.status()).as(points.toString()).isIn(200, 201);

        JsonNode crm = api().get("/v1/me/export", c.auth()).json().get("crm");
        assertThat(crm.get("tickets")).hasSize(1);
        assertThat(crm.get("tickets").get(0).get("subject").asText()).isEqualTo("Cracked lid at Shiraz");
        assertThat(crm.get("tickets").get(0).get("messages").get(0).get("body").asText()).contains("Parisa");
        assertThat(crm.get("surveys")).hasSize(1);
        assertThat(crm.get("surveys").get(0).get("answers").findValuesAsText("text")).contains("Call me on 0912 000 1111");
        assertThat(crm.get("points").get("balance").asLong()).isEqualTo(120);
        assertThat(crm.get("points").get("ledger").get(0).get("note").asText()).isEqualTo("Sorry Mrs Karimi");

        assertThat(api().post("/v1/me/erasure", "{}", c.auth()).status()).isEqualTo(200);
        for (String text : List.of("Shiraz", "Parisa", "0912", "Karimi")) {
            assertThat(count("SELECT count(*) FROM crm_ticket WHERE subject LIKE '%' || :v || '%'", text)).as(text).isZero();
            assertThat(count("SELECT count(*) FROM crm_ticket_message WHERE body LIKE '%' || :v || '%'", text)).as(text)
                    .isZero();
            assertThat(count("SELECT count(*) FROM crm_survey_answer WHERE text_answer LIKE '%' || :v || '%'", text))
                    .as(text).isZero();
            assertThat(count("SELECT count(*) FROM crm_points_ledger WHERE note LIKE '%' || :v || '%'", text)).as(text)
                    .isZero();
            assertThat(count("SELECT count(*) FROM crm_timeline_entry WHERE summary LIKE '%' || :v || '%'", text))
                    .as(text).isZero();
        }
        // The figures stay: the score for NPS, the ticket for SLA reports, the points balance.
        assertThat(count("SELECT score FROM crm_survey_answer WHERE invitation_id = CAST(:v AS uuid) "
                + "AND question_key = 'recommend'", invitation)).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM crm_ticket WHERE customer_id = CAST(:v AS uuid)", c.id())).isEqualTo(1);
        assertThat(count("SELECT balance FROM crm_points_balance WHERE customer_id = CAST(:v AS uuid)", c.id()))
                .isEqualTo(120);
        // A second erasure is a no-op.
        JsonNode again = api().post("/v1/admin/crm/customers/" + c.id() + "/erasure", "{}", staff()).json();
        assertThat(again.get("erased_now").asBoolean()).isFalse();
    }
}
