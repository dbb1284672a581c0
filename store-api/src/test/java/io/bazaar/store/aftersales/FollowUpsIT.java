package io.bazaar.store.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.bazaar.crm.followup.app.FollowUpViews.RunResult;
import io.bazaar.crm.intake.OrderDeliveredFact;
import io.bazaar.shared.id.Ids;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.TestSmtp;
import io.bazaar.store.support.Parallel;
import io.bazaar.store.support.TestBazaarApplication;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Follow-ups end to end: a real order delivered through the HTTP API, the outbox and the CRM intake
 * schedule the default rules' jobs; the executor (run by hand here, as several instances at once)
 * sends the survey on day 3 and the review request on day 10 over real SMTP (GreenMail). Quiet hours
 * are 21:00-09:00 UTC in this class.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FollowUpsIT {
    static final TestSmtp MAIL = TestSmtp.start();
    static final int SMTP_PORT = MAIL.port;
    static final GreenMail SMTP = MAIL.server;
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("crm.smtp.host", "127.0.0.1"),
            ConfigOverride.config("crm.smtp.port", String.valueOf(SMTP_PORT)),
            // The test plays the scheduler: it runs the executor itself, concurrently, at chosen times.
            ConfigOverride.config("crm.followUps.executorEnabled", "false"),
            ConfigOverride.config("crm.followUps.quietStart", "21:00"),
            ConfigOverride.config("crm.followUps.quietEnd", "09:00"),
            ConfigOverride.config("crm.followUps.timeZone", "UTC"));
    static final AftersalesStaff STAFF = new AftersalesStaff(APP);
    static final String SURVEY_RULE = "0190a000-0000-7000-8000-000000000801";
    static final String REVIEW_RULE = "0190a000-0000-7000-8000-000000000802";
    static final String ADDRESS = "{\"name\":\"Sara Ahmadi\",\"line1\":\"12 Valiasr St\",\"city\":\"Tehran\","
            + "\"postal_code\":\"1234567890\",\"country\":\"IR\"}";
    static final String SURVEY_SUBJECT = "How are we doing?";

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    static Api api() {
        return BazaarApp.api(APP);
    }

    static TestBazaarApplication app() {
        return BazaarApp.app(APP);
    }

    /** Each test starts at noon UTC of a later day, so day N at noon is outside quiet hours. */
    @BeforeEach
    void noon() {
        Instant next = app().clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(12));
        app().clock.set(next);
    }

    static Api.Reply ok(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    static void advance(Duration d) {
        app().clock.advance(d);
    }

    static List<MimeMessage> mailTo(String email, String subjectStart) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(email)
                        && m.getSubject().startsWith(subjectStart);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart mp = (Multipart) content;
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/plain")) {
                return (String) p.getContent();
            }
        }
        return "";
    }

    /** The executor as {@code n} service instances running at the same moment. */
    static int runExecutors(int n) throws Exception {
        List<RunResult> results = Parallel.times(n, () -> app().crm().followUps().runDue());
        return results.stream().mapToInt(RunResult::done).sum();
    }

    /** Waits until the message outbox has sent everything queued (the sender polls every 50 ms). */
    static void awaitMessagesSent() {
        await().atMost(Duration.ofSeconds(15)).until(() -> app().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_message WHERE status = 'queued'").mapTo(Long.class).one()) == 0);
    }

    static long dueNow() {
        return app().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_follow_up_job WHERE status = 'pending' AND due_at <= :now")
                .bind("now", app().clock.instant()).mapTo(Long.class).one());
    }

    static void consent(Accounts.Session c, String purpose, boolean granted) {
        ok(api().send("PUT", "/v1/me/consents", "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"" + purpose
                + "\",\"granted\":" + granted + "}]}", "application/json", c.auth()), 200);
    }

    static String product(String title) {
        String body = "{\"title\":\"" + title + "\",\"status\":\"active\",\"variants\":[{\"sku\":\"SKU-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"weight_grams\":100,\"prices\":[{\"currency\":"
                + "\"IRR\",\"amount\":500000}],\"stock_on_hand\":50}]}";
        JsonNode p = ok(api().post("/v1/admin/products", body, STAFF.admin()), 201).json();
        return p.get("id").asText() + "|" + p.get("variants").get(0).get("id").asText();
    }

    record Delivered(String orderId, String lineId, String number) {
    }

    /** Places, pays, ships and delivers an order of one unit of each product ("productId|variantId"). */
    static Delivered deliveredOrder(Accounts.Session c, String... products) {
        for (String p : products) {
            ok(api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + p.split("\\|")[1] + "\",\"quantity\":1}",
                    c.auth()), 200);
        }
        JsonNode order = ok(api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", c.auth()), 201).json().get("order");
        String orderId = order.get("id").asText();
        ok(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, STAFF.admin()), 200);
        List<String> lines = app().jdbi().withHandle(h -> h.createQuery(
                "SELECT id::text FROM order_line WHERE order_id = CAST(:o AS uuid) ORDER BY id")
                .bind("o", orderId).mapTo(String.class).list());
        StringBuilder body = new StringBuilder();
        for (String l : lines) {
            body.append(body.isEmpty() ? "" : ",").append("{\"order_line_id\":\"").append(l)
                    .append("\",\"quantity\":1}");
        }
        JsonNode shipment = ok(api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId + "\",\"carrier\":\"Post\","
                + "\"tracking_number\":\"TRK-" + orderId.substring(0, 8) + "\",\"lines\":[" + body + "]}",
                STAFF.admin()), 201).json();
        ok(api().post("/v1/admin/shipments/" + shipment.get("id").asText() + "/delivery", null, STAFF.admin()), 200);
        return new Delivered(orderId, lines.get(0), order.get("number").asText());
    }

    static JsonNode jobs(String orderId) {
        return ok(api().get("/v1/admin/crm/follow-up-jobs?order_id=" + orderId, STAFF.support()), 200).json().get("data");
    }

    static JsonNode job(String orderId, String ruleId) {
        for (JsonNode j : jobs(orderId)) {
            if (j.get("rule_id").asText().equals(ruleId)) {
                return j;
            }
        }
        return null;
    }

    /** The delivery reaches the CRM through the outbox a moment later; then both default jobs exist. */
    static void awaitScheduled(String orderId, int jobs) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jobs(orderId).size() == jobs);
    }

    @Nested
    class DefaultRules {
        @Test
        void deliveredOnDay0_getsOneSurveyOnDay3_andOneReviewRequestOnDay10_evenWithFourExecutors() throws Exception {
            Accounts.Session ada = STAFF.customer("fu-ada");
            consent(ada, "surveys", true);
            consent(ada, "marketing", true);
            String kettle = product("Follow-up Kettle");
            Delivered d = deliveredOrder(ada, kettle);
            awaitScheduled(d.orderId(), 2);
            Instant day0 = app().clock.instant();
            JsonNode survey = job(d.orderId(), SURVEY_RULE);
            assertThat(survey.get("status").asText()).isEqualTo("pending");
            assertThat(Instant.parse(survey.get("due_at").asText())).isEqualTo(day0.plus(Duration.ofDays(3))
                    .truncatedTo(ChronoUnit.MICROS));
            assertThat(survey.get("consent_purpose").asText()).isEqualTo("surveys");

            // A minute before day 3 nothing is due.
            advance(Duration.ofDays(3).minusMinutes(1));
            assertThat(runExecutors(4)).isZero();
            advance(Duration.ofMinutes(1));
            long due = dueNow();
            assertThat(due).isGreaterThanOrEqualTo(1);
            assertThat(runExecutors(4)).as("four executors, each due job done once").isEqualTo(due);
            awaitMessagesSent();
            assertThat(mailTo(ada.email(), SURVEY_SUBJECT)).hasSize(1);
            assertThat(text(mailTo(ada.email(), SURVEY_SUBJECT).get(0))).contains("http://shop.test/v1/surveys/");
            assertThat(job(d.orderId(), SURVEY_RULE).get("status").asText()).isEqualTo("done");
            assertThat(job(d.orderId(), SURVEY_RULE).get("result_ref").asText()).startsWith("survey_invitation:");
            assertThat(job(d.orderId(), REVIEW_RULE).get("status").asText()).isEqualTo("pending");

            advance(Duration.ofDays(7));
            long dueReview = dueNow();
            assertThat(dueReview).isGreaterThanOrEqualTo(1);
            assertThat(runExecutors(4)).isEqualTo(dueReview);
            awaitMessagesSent();
            List<MimeMessage> reviews = mailTo(ada.email(), "How do you like your order");
            assertThat(reviews).hasSize(1);
            assertThat(reviews.get(0).getSubject()).contains(d.number());
            assertThat(text(reviews.get(0))).contains("Follow-up Kettle: http://shop.test/v1/products/"
                    + kettle.split("\\|")[0] + "/reviews");
            assertThat(reviews.get(0).getHeader("List-Unsubscribe")).isNotNull();

            // Later runs find nothing more to do for this order: still exactly one of each.
            advance(Duration.ofDays(30));
            runExecutors(3);
            awaitMessagesSent();
            assertThat(mailTo(ada.email(), SURVEY_SUBJECT)).hasSize(1);
            assertThat(mailTo(ada.email(), "How do you like your order")).hasSize(1);
        }

        @Test
        void theSameDeliveryFactTwice_schedulesOneJobPerRule() {
            Accounts.Session bo = STAFF.customer("fu-bo");
            Delivered d = deliveredOrder(bo, product("Follow-up Teapot"));
            awaitScheduled(d.orderId(), 2);
            app().jdbi().useTransaction(h -> app().crm().intake().orderDelivered(h, Ids.newId(),
                    new OrderDeliveredFact(UUID.fromString(d.orderId()), UUID.fromString(bo.id()),
                            app().clock.instant())));
            assertThat(jobs(d.orderId())).hasSize(2);
        }

        @Test
        void aReturnRequestedOnDay2_cancelsBoth_andNothingIsSent() throws Exception {
            Accounts.Session cy = STAFF.customer("fu-cy");
            consent(cy, "surveys", true);
            consent(cy, "marketing", true);
            Delivered d = deliveredOrder(cy, product("Follow-up Lamp"));
            awaitScheduled(d.orderId(), 2);
            advance(Duration.ofDays(2));
            ok(api().post("/v1/me/returns", "{\"order_id\":\"" + d.orderId() + "\",\"lines\":[{\"order_line_id\":\""
                    + d.lineId() + "\",\"quantity\":1}],\"reason_code\":\"damaged\"}", cy.auth()), 201);
            await().atMost(Duration.ofSeconds(15)).until(() -> "cancelled".equals(
                    job(d.orderId(), SURVEY_RULE).get("status").asText()));
            assertThat(job(d.orderId(), SURVEY_RULE).get("reason").asText()).isEqualTo("order_returned");
            assertThat(job(d.orderId(), REVIEW_RULE).get("status").asText()).isEqualTo("cancelled");
            advance(Duration.ofDays(9));
            runExecutors(2);
            awaitMessagesSent();
            assertThat(mailTo(cy.email(), SURVEY_SUBJECT)).isEmpty();
            assertThat(mailTo(cy.email(), "How do you like your order")).isEmpty();
        }
    }

    @Nested
    class Consent {
        @Test
        void withoutSurveyConsent_theSurveyIsSkipped_butTheReviewRequestGoes() throws Exception {
            Accounts.Session di = STAFF.customer("fu-di");
            consent(di, "marketing", true);
            Delivered d = deliveredOrder(di, product("Follow-up Rug"));
            awaitScheduled(d.orderId(), 2);
            advance(Duration.ofDays(3));
            runExecutors(2);
            JsonNode survey = job(d.orderId(), SURVEY_RULE);
            assertThat(survey.get("status").asText()).isEqualTo("skipped");
            assertThat(survey.get("reason").asText()).isEqualTo("no_consent:surveys");
            advance(Duration.ofDays(7));
            runExecutors(2);
            awaitMessagesSent();
            assertThat(mailTo(di.email(), SURVEY_SUBJECT)).isEmpty();
            assertThat(mailTo(di.email(), "How do you like your order")).hasSize(1);
            long invitations = app().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM crm_survey_invitation WHERE customer_id = CAST(:c AS uuid)")
                    .bind("c", di.id()).mapTo(Long.class).one());
            assertThat(invitations).as("no invitation was even created").isZero();
        }

        @Test
        void withdrawingSurveyConsent_cancelsThePendingSurvey_only() {
            Accounts.Session ed = STAFF.customer("fu-ed");
            consent(ed, "surveys", true);
            consent(ed, "marketing", true);
            Delivered d = deliveredOrder(ed, product("Follow-up Vase"));
            awaitScheduled(d.orderId(), 2);
            consent(ed, "surveys", false);
            JsonNode survey = job(d.orderId(), SURVEY_RULE);
            assertThat(survey.get("status").asText()).isEqualTo("cancelled");
            assertThat(survey.get("reason").asText()).isEqualTo("consent_withdrawn");
            assertThat(job(d.orderId(), REVIEW_RULE).get("status").asText()).isEqualTo("pending");
        }
    }

    @Nested
    class QuietHours {
        @Test
        void aJobFallingDueAt2230_isDeferredTo0900_thenSentOnce() throws Exception {
            Accounts.Session fa = STAFF.customer("fu-fa");
            consent(fa, "surveys", true);
            advance(Duration.ofHours(10).plusMinutes(30)); // 22:30 UTC on day 0
            Delivered d = deliveredOrder(fa, product("Follow-up Clock"));
            awaitScheduled(d.orderId(), 2);
            advance(Duration.ofDays(3)); // 22:30 on day 3: due, but inside 21:00-09:00
            app().crm().followUps().runDue();
            JsonNode survey = job(d.orderId(), SURVEY_RULE);
            assertThat(survey.get("status").asText()).isEqualTo("pending");
            assertThat(survey.get("reason").asText()).isEqualTo("quiet_hours");
            assertThat(survey.get("deferrals").asInt()).isEqualTo(1);
            Instant nineAm = app().clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))
                    .plus(Duration.ofHours(9));
            assertThat(Instant.parse(survey.get("due_at").asText())).isEqualTo(nineAm);
            awaitMessagesSent();
            assertThat(mailTo(fa.email(), SURVEY_SUBJECT)).isEmpty();

            app().clock.set(nineAm.minusSeconds(60));
            assertThat(runExecutors(2)).isZero();
            app().clock.set(nineAm);
            runExecutors(2);
            awaitMessagesSent();
            assertThat(job(d.orderId(), SURVEY_RULE).get("status").asText()).isEqualTo("done");
            assertThat(mailTo(fa.email(), SURVEY_SUBJECT)).hasSize(1);
        }
    }

    @Nested
    class Triggers {
        String taskRule(String name, String trigger, String extra) {
            return ok(api().post("/v1/admin/crm/follow-up-rules", "{\"name\":\"" + name + "\",\"trigger\":\"" + trigger
                    + "\"," + extra + "\"delay\":\"PT1H\",\"action\":{\"type\":\"create_staff_task\",\"title\":\""
                    + name + "\",\"assignee_role\":\"support\",\"due_in\":\"P1D\"}}", STAFF.manager()), 201)
                    .json().get("id").asText();
        }

        JsonNode jobsOfRule(String ruleId) {
            return ok(api().get("/v1/admin/crm/follow-up-jobs?rule_id=" + ruleId, STAFF.support()), 200).json().get("data");
        }

        @Test
        void firstOrder_firesOnce_andNoOrderForDays_waitsFromTheLatestOrder() throws Exception {
            String first = taskRule("Welcome call", "first_order", "");
            String winBack = taskRule("Win back", "no_order_for_days", "\"trigger_days\":30,");
            try {
                Accounts.Session hal = STAFF.customer("fu-hal");
                Instant t0 = app().clock.instant().truncatedTo(ChronoUnit.MICROS);
                UUID o1 = STAFF.order(hal, "BZ-FU-1");
                assertThat(jobsOfRule(first)).hasSize(1);
                JsonNode wait1 = jobsOfRule(winBack).get(0);
                assertThat(Instant.parse(wait1.get("due_at").asText())).isEqualTo(t0.plus(Duration.ofDays(30)).plus(Duration.ofHours(1)));
                advance(Duration.ofDays(10));
                UUID o2 = STAFF.order(hal, "BZ-FU-2");
                assertThat(jobsOfRule(first)).as("only the first order").hasSize(1);
                JsonNode waits = jobsOfRule(winBack);
                assertThat(waits).hasSize(2);
                JsonNode old = job(o1.toString(), winBack);
                assertThat(old.get("status").asText()).isEqualTo("cancelled");
                assertThat(old.get("reason").asText()).isEqualTo("ordered_again");
                assertThat(job(o2.toString(), winBack).get("status").asText()).isEqualTo("pending");
                advance(Duration.ofDays(31));
                runExecutors(2);
                assertThat(job(o2.toString(), winBack).get("status").asText()).isEqualTo("done");
                JsonNode tasks = ok(api().get("/v1/admin/crm/tasks?customer_id=" + hal.id(), STAFF.support()), 200)
                        .json().get("data");
                assertThat(tasks.findValuesAsText("title")).containsExactlyInAnyOrder("Welcome call", "Win back");
            } finally {
                ok(api().delete("/v1/admin/crm/follow-up-rules/" + first, STAFF.manager()), 204);
                ok(api().delete("/v1/admin/crm/follow-up-rules/" + winBack, STAFF.manager()), 204);
            }
            assertThat(api().get("/v1/admin/crm/follow-up-rules/" + first, STAFF.manager()).status()).isEqualTo(404);
        }

        @Test
        void ticketResolved_schedulesOncePerTicket() {
            String rule = taskRule("After the ticket", "ticket_resolved", "");
            try {
                Accounts.Session ivy = STAFF.customer("fu-ivy");
                String ticket = ok(api().post("/v1/me/tickets", "{\"type\":\"question\",\"subject\":\"Size?\","
                        + "\"message\":\"Which size fits?\"}", ivy.auth()), 201).json().get("id").asText();
                String resolve = "{\"status\":\"resolved\",\"note\":\"answered\"}";
                ok(api().post("/v1/admin/crm/tickets/" + ticket + "/status", resolve, STAFF.support()), 200);
                ok(api().post("/v1/admin/crm/tickets/" + ticket + "/status", "{\"status\":\"open\"}", STAFF.support()), 200);
                ok(api().post("/v1/admin/crm/tickets/" + ticket + "/status", resolve, STAFF.support()), 200);
                JsonNode jobs = jobsOfRule(rule);
                assertThat(jobs).hasSize(1);
                assertThat(jobs.get(0).get("ticket_id").asText()).isEqualTo(ticket);
                assertThat(jobs.get(0).get("customer_id").asText()).isEqualTo(ivy.id());
            } finally {
                ok(api().delete("/v1/admin/crm/follow-up-rules/" + rule, STAFF.manager()), 204);
            }
        }

        @Test
        void aPartialDelivery_waitsForTheRestOfTheOrder() {
            Accounts.Session jo = STAFF.customer("fu-jo");
            String[] products = {product("Follow-up Cup"), product("Follow-up Saucer")};
            for (String p : products) {
                ok(api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + p.split("\\|")[1] + "\",\"quantity\":1}",
                        jo.auth()), 200);
            }
            String orderId = ok(api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                    + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", jo.auth()), 201)
                    .json().get("order").get("id").asText();
            ok(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, STAFF.admin()), 200);
            List<String> lines = app().jdbi().withHandle(h -> h.createQuery(
                    "SELECT id::text FROM order_line WHERE order_id = CAST(:o AS uuid) ORDER BY id")
                    .bind("o", orderId).mapTo(String.class).list());
            List<String> shipments = new java.util.ArrayList<>();
            for (String l : lines) {
                shipments.add(ok(api().post("/v1/admin/shipments", "{\"order_id\":\"" + orderId + "\",\"carrier\":"
                        + "\"Post\",\"tracking_number\":\"TRK-" + l.substring(0, 8) + "\",\"lines\":[{\"order_line_id\":\""
                        + l + "\",\"quantity\":1}]}", STAFF.admin()), 201).json().get("id").asText());
            }
            ok(api().post("/v1/admin/shipments/" + shipments.get(0) + "/delivery", null, STAFF.admin()), 200);
            await().atMost(Duration.ofSeconds(15)).until(() -> app().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM crm_timeline_entry WHERE type = 'order.delivered' AND refs->>'order_id' = :o")
                    .bind("o", orderId).mapTo(Long.class).one()) == 1);
            assertThat(jobs(orderId)).as("half the order is still on its way").isEmpty();
            advance(Duration.ofDays(1));
            ok(api().post("/v1/admin/shipments/" + shipments.get(1) + "/delivery", null, STAFF.admin()), 200);
            awaitScheduled(orderId, 2);
            assertThat(Instant.parse(job(orderId, SURVEY_RULE).get("due_at").asText()))
                    .isEqualTo(app().clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Nested
    class StaffRules {
        @Test
        void managerCreatesATaskRule_withAProductFilter_andTheTaskLandsOnTheTimeline() throws Exception {
            String vip = product("Follow-up Piano");
            String other = product("Follow-up Pencil");
            String rule = "{\"name\":\"Call piano buyers\",\"trigger\":\"order_delivered\",\"delay\":\"PT2H\","
                    + "\"filter\":{\"product_ids\":[\"" + vip.split("\\|")[0] + "\"]},"
                    + "\"action\":{\"type\":\"create_staff_task\",\"title\":\"Call about {order_number}\","
                    + "\"assignee_role\":\"manager\",\"due_in\":\"P1D\",\"kind\":\"physical\"}}";
            assertThat(api().post("/v1/admin/crm/follow-up-rules", rule, STAFF.support()).status()).isEqualTo(403);
            Api.Reply created = ok(api().post("/v1/admin/crm/follow-up-rules", rule, STAFF.manager()), 201);
            String ruleId = created.json().get("id").asText();
            assertThat(created.header("Location").orElseThrow()).endsWith("/v1/admin/crm/follow-up-rules/" + ruleId);
            assertThat(created.json().get("delay").asText()).isEqualTo("PT2H");
            assertThat(created.json().get("action").get("kind").asText()).isEqualTo("physical");

            Accounts.Session gil = STAFF.customer("fu-gil");
            Delivered piano = deliveredOrder(gil, vip);
            awaitScheduled(piano.orderId(), 3);
            Delivered pencil = deliveredOrder(gil, other);
            awaitScheduled(pencil.orderId(), 2);
            assertThat(job(pencil.orderId(), ruleId)).as("the filter excludes orders without the piano").isNull();

            advance(Duration.ofHours(2));
            runExecutors(3);
            JsonNode done = job(piano.orderId(), ruleId);
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.get("result_ref").asText()).startsWith("task:");
            JsonNode tasks = ok(api().get("/v1/admin/crm/tasks?status=open&customer_id=" + gil.id(), STAFF.support()), 200)
                    .json().get("data");
            assertThat(tasks).hasSize(1);
            assertThat(tasks.get(0).get("title").asText()).isEqualTo("Call about " + piano.number());
            assertThat(tasks.get(0).get("assignee_role").asText()).isEqualTo("manager");
            assertThat(tasks.get(0).get("kind").asText()).isEqualTo("physical");
            assertThat(tasks.get(0).get("source").asText()).isEqualTo("follow_up");
            JsonNode timeline = ok(api().get("/v1/admin/crm/customers/" + gil.id() + "/timeline?type=task.created",
                    STAFF.support()), 200).json().get("data");
            assertThat(timeline).hasSize(1);
            assertThat(timeline.get(0).get("kind").asText()).isEqualTo("physical");

            // Disabling the rule cancels what it still had pending.
            Delivered again = deliveredOrder(gil, vip);
            awaitScheduled(again.orderId(), 3);
            ok(api().patch("/v1/admin/crm/follow-up-rules/" + ruleId, "{\"enabled\":false}", STAFF.manager()), 200);
            assertThat(job(again.orderId(), ruleId).get("status").asText()).isEqualTo("cancelled");
            assertThat(job(again.orderId(), ruleId).get("reason").asText()).isEqualTo("rule_disabled");
        }

        @Test
        void aCategoryFilter_matchesOrdersWithALineInThatCategory() throws Exception {
            String category = ok(api().post("/v1/admin/categories", "{\"name\":\"Pianos\",\"slug\":\"fu-pianos-"
                    + UUID.randomUUID().toString().substring(0, 6) + "\"}", STAFF.admin()), 201).json().get("id").asText();
            JsonNode grand = ok(api().post("/v1/admin/products", "{\"title\":\"Follow-up Grand\",\"status\":\"active\","
                    + "\"category_ids\":[\"" + category + "\"],\"variants\":[{\"sku\":\"SKU-"
                    + UUID.randomUUID().toString().substring(0, 8) + "\",\"weight_grams\":100,\"prices\":[{\"currency\":"
                    + "\"IRR\",\"amount\":500000}],\"stock_on_hand\":50}]}", STAFF.admin()), 201).json();
            String inCategory = grand.get("id").asText() + "|" + grand.get("variants").get(0).get("id").asText();
            String outside = product("Follow-up Stool");
            String ruleId = ok(api().post("/v1/admin/crm/follow-up-rules", "{\"name\":\"Tune the piano\","
                    + "\"trigger\":\"order_delivered\",\"delay\":\"P30D\",\"filter\":{\"category_ids\":[\""
                    + category + "\"]},\"action\":{\"type\":\"create_staff_task\",\"title\":\"Offer tuning\","
                    + "\"due_in\":\"P1D\"}}", STAFF.manager()), 201).json().get("id").asText();

            Accounts.Session hal = STAFF.customer("fu-hal");
            Delivered piano = deliveredOrder(hal, inCategory);
            awaitScheduled(piano.orderId(), 3);
            Delivered stool = deliveredOrder(hal, outside);
            awaitScheduled(stool.orderId(), 2);
            assertThat(job(piano.orderId(), ruleId).get("status").asText()).isEqualTo("pending");
            assertThat(job(stool.orderId(), ruleId)).as("no line of this order is in the category").isNull();
            ok(api().patch("/v1/admin/crm/follow-up-rules/" + ruleId, "{\"enabled\":false}", STAFF.manager()), 200);
        }

        @Test
        void aPersianCustomer_getsTheDefaultSurveyInPersian() throws Exception {
            String email = Accounts.uniqueEmail("fu-farsi");
            String id = ok(api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\""
                    + Accounts.PASSWORD + "\",\"name\":\"Test Customer\",\"locale\":\"fa\"}"), 201).json()
                    .get("id").asText();
            Accounts.Session farsi = new Accounts.Session(id, email,
                    Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    api().get("/v1/admin/crm/customers/" + id, STAFF.support()).status() == 200);
            consent(farsi, "surveys", true);
            Delivered d = deliveredOrder(farsi, product("Follow-up Samovar"));
            awaitScheduled(d.orderId(), 2);
            advance(Duration.ofDays(3));
            for (int i = 0; i < 3 && !"done".equals(job(d.orderId(), SURVEY_RULE).get("status").asText()); i++) {
                runExecutors(1);
                advance(Duration.ofHours(12)); // past quiet hours, should the clock be inside them
            }
            assertThat(job(d.orderId(), SURVEY_RULE).get("status").asText()).isEqualTo("done");
            awaitMessagesSent();
            StringBuilder mails = new StringBuilder();
            for (MimeMessage m : mailTo(email, "")) {
                mails.append(text(m));
            }
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://shop\\.test/v1/surveys/([^\\s\"<]+)")
                    .matcher(mails);
            assertThat(link.find()).as("a survey link was mailed").isTrue();
            JsonNode form = ok(api().get("/v1/surveys/" + link.group(1)), 200).json();
            assertThat(form.toString()).contains("چقدر احتمال دارد ما را به یک دوست پیشنهاد کنید؟");
        }

        @Test
        void aSegmentFilter_followsUpOnlyTheSegmentsMembers_whenTheJobRuns() throws Exception {
            String tag = "fu-seg-" + UUID.randomUUID().toString().substring(0, 6);
            String segment = ok(api().post("/v1/admin/crm/segments", "{\"name\":\"Tagged " + tag + "\",\"rules\":"
                    + "[{\"field\":\"tag\",\"value\":\"" + tag + "\"}]}", STAFF.manager()), 201).json()
                    .get("id").asText();
            String body = "{\"name\":\"Call segment members\",\"trigger\":\"order_delivered\",\"delay\":\"PT1H\","
                    + "\"filter\":{\"segment_id\":\"%s\"},\"action\":{\"type\":\"create_staff_task\","
                    + "\"title\":\"Call {order_number}\",\"due_in\":\"P1D\"}}";
            assertThat(api().post("/v1/admin/crm/follow-up-rules", body.formatted(UUID.randomUUID()), STAFF.manager())
                    .status()).as("an unknown segment").isEqualTo(400);
            String ruleId = ok(api().post("/v1/admin/crm/follow-up-rules", body.formatted(segment), STAFF.manager()), 201)
                    .json().get("id").asText();
            Accounts.Session member = STAFF.customer("fu-member");
            Accounts.Session other = STAFF.customer("fu-other");
            ok(api().patch("/v1/admin/crm/customers/" + member.id(), "{\"tags\":[\"" + tag + "\"]}", STAFF.manager()),
                    200);
            String bench = product("Follow-up Bench");
            Delivered mine = deliveredOrder(member, bench);
            Delivered theirs = deliveredOrder(other, bench);
            awaitScheduled(mine.orderId(), 3);
            awaitScheduled(theirs.orderId(), 3);
            advance(Duration.ofHours(1));
            for (int i = 0; i < 3 && "pending".equals(job(mine.orderId(), ruleId).get("status").asText()); i++) {
                runExecutors(2);
                advance(Duration.ofHours(12)); // past quiet hours, should the clock be inside them
            }
            assertThat(job(mine.orderId(), ruleId).get("status").asText()).isEqualTo("done");
            JsonNode skipped = job(theirs.orderId(), ruleId);
            assertThat(skipped.get("status").asText()).isEqualTo("skipped");
            assertThat(skipped.get("reason").asText()).isEqualTo("segment_filter");
            ok(api().patch("/v1/admin/crm/follow-up-rules/" + ruleId, "{\"enabled\":false}", STAFF.manager()), 200);
        }

        @Test
        void invalidRules_are400() {
            String[] bad = {
                "{\"name\":\"x\",\"trigger\":\"order_delivered\",\"delay\":\"3 days\",\"action\":{\"type\":\"send_message\",\"template\":\"review_request\"}}",
                "{\"name\":\"x\",\"trigger\":\"no_order_for_days\",\"delay\":\"P1D\",\"action\":{\"type\":\"send_message\",\"template\":\"review_request\"}}",
                "{\"name\":\"x\",\"trigger\":\"order_delivered\",\"delay\":\"P1D\",\"action\":{\"type\":\"send_message\",\"template\":\"welcome\"}}",
                "{\"name\":\"x\",\"trigger\":\"order_delivered\",\"delay\":\"P1D\",\"action\":{\"type\":\"send_survey\",\"survey_template_id\":\"" + UUID.randomUUID() + "\"}}",
                "{\"name\":\"x\",\"trigger\":\"sometimes\",\"delay\":\"P1D\",\"action\":{\"type\":\"send_message\",\"template\":\"review_request\"}}",
                "{\"name\":\"x\",\"trigger\":\"order_delivered\",\"delay\":\"P1D\",\"surprise\":1,\"action\":{\"type\":\"send_message\",\"template\":\"review_request\"}}",
            };
            for (String b : bad) {
                assertThat(api().post("/v1/admin/crm/follow-up-rules", b, STAFF.manager()).status()).as(b).isEqualTo(400);
            }
            JsonNode rules = ok(api().get("/v1/admin/crm/follow-up-rules", STAFF.manager()), 200).json().get("data");
            assertThat(rules.findValuesAsText("id")).contains(SURVEY_RULE, REVIEW_RULE);
        }
    }
}
