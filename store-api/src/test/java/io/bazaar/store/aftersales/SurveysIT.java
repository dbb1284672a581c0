package io.bazaar.store.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Surveys over HTTP: signed links answered once, consent at send time, NPS/CSAT results, detractor tickets. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SurveysIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static final AftersalesStaff STAFF = new AftersalesStaff(APP);
    static final Pattern LINK = Pattern.compile("http://shop\\.test/v1/surveys/([A-Za-z0-9_.-]+)");

    Api api() {
        return BazaarApp.api(APP);
    }

    static Api.Reply ok(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    String template(String questionsJson) {
        return ok(api().post("/v1/admin/crm/survey-templates", "{\"name\":\"After delivery\",\"locale\":\"en\","
                + "\"questions\":" + questionsJson + "}", STAFF.manager()), 201).json().get("id").asText();
    }

    String fullTemplate() {
        return template("[{\"key\":\"recommend\",\"kind\":\"nps\",\"text\":\"Would you recommend us?\"},"
                + "{\"key\":\"delivery\",\"kind\":\"csat\",\"text\":\"How was delivery?\"},"
                + "{\"key\":\"found_us\",\"kind\":\"single_choice\",\"text\":\"How did you find us?\","
                + "\"options\":[\"search\",\"friend\",\"ad\"],\"required\":false},"
                + "{\"key\":\"liked\",\"kind\":\"multiple_choice\",\"text\":\"What did you like?\","
                + "\"options\":[\"price\",\"quality\",\"speed\"],\"required\":false},"
                + "{\"key\":\"comment\",\"kind\":\"free_text\",\"text\":\"Anything else?\",\"required\":false}]");
    }

    Accounts.Session consentingCustomer(String prefix) {
        Accounts.Session c = STAFF.customer(prefix);
        ok(api().send("PUT", "/v1/me/consents", "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"surveys\","
                + "\"granted\":true}]}", "application/json", c.auth()), 200);
        return c;
    }

    JsonNode send(String template, Accounts.Session c, String extra) {
        return ok(api().post("/v1/admin/crm/surveys", "{\"template_id\":\"" + template + "\",\"customer_id\":\""
                + c.id() + "\"" + extra + "}", STAFF.support()), 201).json();
    }

    String linkToken(Accounts.Session c) {
        String[] auth = STAFF.admin();
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/dev-mailbox?to="
                + URLEncoder.encode(c.email(), StandardCharsets.UTF_8), auth).json().get("data").findValuesAsText("subject")
                .contains("How are we doing?"));
        for (JsonNode m : api().get("/v1/admin/crm/dev-mailbox?to=" + URLEncoder.encode(c.email(), StandardCharsets.UTF_8),
                auth).json().get("data")) {
            Matcher matcher = LINK.matcher(m.get("text").asText());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no survey link mailed to " + c.email());
    }

    @Nested
    class SignedLinks {
        @Test
        void customerAnswersThroughTheMailedLink_once_theSecondAnswerIs409() {
            String t = fullTemplate();
            Accounts.Session c = consentingCustomer("answerer");
            send(t, c, "");
            String token = linkToken(c);

            JsonNode form = ok(api().get("/v1/surveys/" + token), 200).json();
            assertThat(form.get("questions")).hasSize(5);
            assertThat(form.get("answered").asBoolean()).isFalse();

            String answers = "{\"answers\":[{\"key\":\"recommend\",\"score\":9},{\"key\":\"delivery\",\"score\":5},"
                    + "{\"key\":\"found_us\",\"choices\":[\"friend\"]},{\"key\":\"liked\",\"choices\":[\"price\",\"speed\"]},"
                    + "{\"key\":\"comment\",\"text\":\"Lovely packaging\"}]}";
            JsonNode answered = ok(api().post("/v1/surveys/" + token + "/answers", answers), 201).json();
            assertThat(answered.get("ticket_id").isNull()).isTrue();
            Api.Reply again = api().post("/v1/surveys/" + token + "/answers", answers);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("already_answered");
            assertThat(api().get("/v1/surveys/" + token).json().get("answered").asBoolean()).isTrue();

            JsonNode results = ok(api().get("/v1/admin/crm/survey-templates/" + t + "/results?from=2020-01-01T00:00:00Z"
                    + "&to=2100-01-01T00:00:00Z", STAFF.support()), 200).json();
            assertThat(results.get("nps").get("promoters").asLong()).isEqualTo(1);
            assertThat(results.get("csat").get("average").asDouble()).isEqualTo(5.0);
            assertThat(results.get("free_text").get(0).get("text").asText()).isEqualTo("Lovely packaging");
            assertThat(results.get("questions").findValuesAsText("key")).contains("liked", "found_us");
            assertThat(ok(api().get("/v1/admin/crm/customers/" + c.id() + "/timeline?type=survey.answered",
                    STAFF.support()), 200).json().get("data")).hasSize(1);
        }

        @Test
        void forgedMalformedAndExpiredLinks_areA400_andInvalidAnswersChangeNothing() {
            String t = fullTemplate();
            Accounts.Session c = consentingCustomer("forger");
            send(t, c, "");
            String token = linkToken(c);
            String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            Api.Reply r = api().get("/v1/surveys/" + forged);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("invalid_survey_link");
            assertThat(api().get("/v1/surveys/not-a-token").status()).isEqualTo(400);
            assertThat(api().post("/v1/surveys/" + forged + "/answers", "{\"answers\":[{\"key\":\"recommend\","
                    + "\"score\":1}]}").status()).isEqualTo(400);

            // Wrong shapes: a score out of range, an unknown key, a missing required answer.
            assertThat(api().post("/v1/surveys/" + token + "/answers", "{\"answers\":[{\"key\":\"recommend\","
                    + "\"score\":11},{\"key\":\"delivery\",\"score\":3}]}").status()).isEqualTo(400);
            assertThat(api().post("/v1/surveys/" + token + "/answers", "{\"answers\":[{\"key\":\"nope\",\"score\":1}]}")
                    .status()).isEqualTo(400);
            assertThat(api().post("/v1/surveys/" + token + "/answers", "{\"answers\":[{\"key\":\"recommend\","
                    + "\"score\":8}]}").status()).isEqualTo(400);
            assertThat(api().post("/v1/surveys/" + token + "/answers", "{\"answers\":[{\"key\":\"found_us\","
                    + "\"choices\":[\"search\",\"ad\"]},{\"key\":\"recommend\",\"score\":8},{\"key\":\"delivery\","
                    + "\"score\":4}]}").status()).isEqualTo(400);
            assertThat(api().get("/v1/surveys/" + token).json().get("answered").asBoolean()).isFalse();

            BazaarApp.app(APP).clock.advance(Duration.ofDays(31));
            Api.Reply expired = api().get("/v1/surveys/" + token);
            assertThat(expired.status()).isEqualTo(400);
            assertThat(expired.json().get("code").asText()).isEqualTo("invalid_survey_link");
        }

        @Test
        void aCustomerWithoutSurveyConsent_getsNoEmail() {
            String t = fullTemplate();
            Accounts.Session c = STAFF.customer("noconsent");
            send(t, c, "");
            String[] auth = STAFF.support();
            await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/customers/" + c.id()
                    + "/messages", auth).json().get("data").findValuesAsText("status").contains("suppressed"));
            assertThat(api().get("/v1/admin/crm/dev-mailbox?to=" + URLEncoder.encode(c.email(), StandardCharsets.UTF_8),
                    STAFF.admin()).json().get("data").findValuesAsText("subject")).doesNotContain("How are we doing?");
        }
    }

    @Nested
    class InAppAndResults {
        @Test
        void npsOverAKnownSetOfAnswers_equalsTheHandComputedValue() {
            String t = template("[{\"key\":\"recommend\",\"kind\":\"nps\",\"text\":\"Recommend us?\"}]");
            Accounts.Session c = STAFF.customer("npser");
            Instant from = BazaarApp.app(APP).clock.instant().minusSeconds(1);
            // 5 promoters (10, 10, 9, 9, 10), 2 passives (8, 7), 3 detractors (6, 5, 0):
            // NPS = 5/10*100 - 3/10*100 = 50 - 30 = 20.0
            for (int score : List.of(10, 10, 9, 9, 8, 7, 6, 5, 0, 10)) {
                String invitation = send(t, c, "").get("invitation_id").asText();
                ok(api().post("/v1/me/surveys/" + invitation + "/answers", "{\"answers\":[{\"key\":\"recommend\","
                        + "\"score\":" + score + "}]}", c.auth()), 201);
            }
            Instant to = BazaarApp.app(APP).clock.instant().plusSeconds(1);
            JsonNode r = ok(api().get("/v1/admin/crm/survey-templates/" + t + "/results?from=" + from + "&to=" + to,
                    STAFF.support()), 200).json();
            assertThat(r.get("nps").get("promoters").asLong()).isEqualTo(5);
            assertThat(r.get("nps").get("passives").asLong()).isEqualTo(2);
            assertThat(r.get("nps").get("detractors").asLong()).isEqualTo(3);
            assertThat(r.get("nps").get("score").asDouble()).isEqualTo(20.0);
            assertThat(r.get("by_month").get(0).get("nps").get("score").asDouble()).isEqualTo(20.0);
            JsonNode dist = r.get("questions").get(0).get("distribution");
            assertThat(dist.findValuesAsText("value")).contains("10", "0");
            assertThat(ok(api().get("/v1/me/tickets", c.auth()), 200).json().get("data")).hasSize(3);
        }

        @Test
        void aDetractorAnswer_opensAComplaintTicketLinkedToTheOrder() {
            String t = template("[{\"key\":\"delivery\",\"kind\":\"csat\",\"text\":\"Delivery?\"},"
                    + "{\"key\":\"comment\",\"kind\":\"free_text\",\"text\":\"Why?\",\"required\":false}]");
            Accounts.Session c = STAFF.customer("detractor");
            UUID order = STAFF.order(c, "BZ-9009");
            String invitation = send(t, c, ",\"order_id\":\"" + order + "\",\"product_ref\":\"SKU-9\"")
                    .get("invitation_id").asText();
            JsonNode answered = ok(api().post("/v1/me/surveys/" + invitation + "/answers", "{\"answers\":["
                    + "{\"key\":\"delivery\",\"score\":2},{\"key\":\"comment\",\"text\":\"Two weeks late\"}]}",
                    c.auth()), 201).json();
            String ticket = answered.get("ticket_id").asText();
            JsonNode t2 = ok(api().get("/v1/admin/crm/tickets/" + ticket, STAFF.support()), 200).json();
            assertThat(t2.get("type").asText()).isEqualTo("complaint");
            assertThat(t2.get("order_id").asText()).isEqualTo(order.toString());
            assertThat(t2.get("order_number").asText()).isEqualTo("BZ-9009");
            assertThat(t2.get("product_ref").asText()).isEqualTo("SKU-9");
            assertThat(t2.get("messages").get(0).get("body").asText()).contains("Two weeks late");

            JsonNode perProduct = ok(api().get("/v1/admin/crm/survey-templates/" + t + "/results?product_ref=SKU-9"
                    + "&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", STAFF.support()), 200).json();
            assertThat(perProduct.get("csat").get("answers").asLong()).isEqualTo(1);
            assertThat(perProduct.get("csat").get("satisfied_percent").asDouble()).isEqualTo(0.0);
        }

        @Test
        void anotherCustomersSurvey_is404_andStaffRolesAreEnforced() {
            String t = template("[{\"key\":\"recommend\",\"kind\":\"nps\",\"text\":\"Recommend us?\"}]");
            Accounts.Session owner = STAFF.customer("sowner");
            Accounts.Session other = STAFF.customer("sother");
            String invitation = send(t, owner, "").get("invitation_id").asText();
            assertThat(api().get("/v1/me/surveys/" + invitation, other.auth()).status()).isEqualTo(404);
            assertThat(api().post("/v1/me/surveys/" + invitation + "/answers", "{\"answers\":[{\"key\":\"recommend\","
                    + "\"score\":0}]}", other.auth()).status()).isEqualTo(404);
            assertThat(api().get("/v1/me/surveys/" + invitation, owner.auth()).status()).isEqualTo(200);
            assertThat(api().post("/v1/admin/crm/survey-templates", "{\"name\":\"x\",\"locale\":\"en\",\"questions\":"
                    + "[{\"key\":\"a\",\"kind\":\"nps\",\"text\":\"?\"}]}", STAFF.support()).status()).isEqualTo(403);
            assertThat(api().post("/v1/admin/crm/surveys", "{\"template_id\":\"" + t + "\",\"customer_id\":\""
                    + owner.id() + "\"}", owner.auth()).status()).isEqualTo(403);
            assertThat(api().post("/v1/admin/crm/survey-templates", "{\"name\":\"x\",\"locale\":\"de\",\"questions\":"
                    + "[{\"key\":\"a\",\"kind\":\"nps\",\"text\":\"?\"}]}", STAFF.manager()).status()).isEqualTo(400);
            assertThat(api().post("/v1/admin/crm/survey-templates", "{\"name\":\"x\",\"locale\":\"fa\",\"questions\":"
                    + "[{\"key\":\"a\",\"kind\":\"single_choice\",\"text\":\"?\",\"options\":[\"only\"]}]}",
                    STAFF.manager()).status()).isEqualTo(400);
        }
    }
}
