package io.bazaar.store.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ConsentIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    /** Signed in once per class: admin sign-ins are rate-limited per account like everyone's. */
    static Accounts.Session admin;

    Api api() {
        return BazaarApp.api(APP);
    }

    Accounts.Session admin() {
        if (admin == null) {
            admin = Accounts.admin(api());
        }
        return admin;
    }

    static JsonNode consent(JsonNode body, String channel, String purpose) {
        for (JsonNode c : body.get("consents")) {
            if (c.get("channel").asText().equals(channel) && c.get("purpose").asText().equals(purpose)) {
                return c;
            }
        }
        throw new AssertionError("no " + channel + "/" + purpose + " in " + body);
    }

    /** Registered, signed in, and known to the CRM (the intake ran). */
    Accounts.Session customer(String prefix) {
        Accounts.Session s = Accounts.registerAndSignIn(api(), prefix);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/v1/admin/crm/customers/" + s.id(), admin().auth()).status() == 200);
        return s;
    }

    String unsubscribeToken(String customerId, ConsentPurpose purpose) {
        String url = BazaarApp.app(APP).crm().messages().unsubscribeUrl(UUID.fromString(customerId),
                ConsentChannel.EMAIL, purpose);
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    @Nested
    class MyConsents {
        @Test
        void defaults_areOptInForMarketingAndSurveys_andOnForOrderUpdates() {
            Accounts.Session s = customer("defaults");
            Api.Reply r = api().get("/v1/me/consents", s.auth());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("consents")).hasSize(6);
            assertThat(consent(r.json(), "email", "marketing").get("granted").asBoolean()).isFalse();
            assertThat(consent(r.json(), "sms", "surveys").get("granted").asBoolean()).isFalse();
            assertThat(consent(r.json(), "email", "order_updates").get("granted").asBoolean()).isTrue();
            assertThat(r.json().get("history")).isEmpty();
            assertThat(r.json().get("policy_version").asText()).isEqualTo("test-1");
        }

        @Test
        void grantAndWithdraw_areRecordedInTheLedger_withTimeSourceAndPolicyVersion_andOnTheTimeline() {
            Accounts.Session s = customer("ledger");
            Api.Reply granted = api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":true}]}",
                    "application/json", s.auth());
            assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
            JsonNode marketing = consent(granted.json(), "email", "marketing");
            assertThat(marketing.get("granted").asBoolean()).isTrue();
            assertThat(marketing.get("source").asText()).isEqualTo("me_api");
            assertThat(marketing.get("policy_version").asText()).isEqualTo("test-1");
            assertThat(marketing.get("updated_at").asText()).isNotBlank();

            // The same value again adds nothing to the ledger.
            api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":true}]}",
                    "application/json", s.auth());
            Api.Reply withdrawn = api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":false},"
                            + "{\"channel\":\"sms\",\"purpose\":\"order_updates\",\"granted\":false}]}",
                    "application/json", s.auth());
            assertThat(consent(withdrawn.json(), "email", "marketing").get("granted").asBoolean()).isFalse();
            assertThat(consent(withdrawn.json(), "sms", "order_updates").get("granted").asBoolean()).isFalse();
            assertThat(withdrawn.json().get("history")).hasSize(3);
            assertThat(withdrawn.json().get("history").get(2).get("granted").asBoolean()).isTrue();

                        Api.Reply timeline = api().get("/v1/admin/crm/customers/" + s.id() + "/timeline?type=consent.withdrawn",
                    admin().auth());
            assertThat(timeline.json().get("data")).hasSize(2);
            assertThat(timeline.json().get("data").get(0).get("kind").asText()).isEqualTo("interactive");
        }

        @Test
        void invalidBodies_are400_neverStored() {
            Accounts.Session s = customer("invalid");
            Api.Reply badChannel = api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"pigeon\",\"purpose\":\"marketing\",\"granted\":true}]}",
                    "application/json", s.auth());
            assertThat(badChannel.status()).isEqualTo(400);
            assertThat(badChannel.contentType()).startsWith("application/problem+json");
            assertThat(badChannel.json().get("errors").get(0).get("field").asText()).contains("channel");

            Api.Reply unknown = api().send("PUT", "/v1/me/consents", "{\"consents\":[],\"everything\":true}",
                    "application/json", s.auth());
            assertThat(unknown.status()).isEqualTo(400);
            Api.Reply missingGranted = api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"sms\",\"purpose\":\"marketing\"}]}", "application/json", s.auth());
            assertThat(missingGranted.status()).isEqualTo(400);
            assertThat(api().get("/v1/me/consents", s.auth()).json().get("history")).isEmpty();
        }

        @Test
        void onlyTheSignedInCustomer_canReadThem() {
            assertThat(api().get("/v1/me/consents").status()).isEqualTo(401);
                        assertThat(api().get("/v1/me/consents", admin().auth()).status()).isEqualTo(403);
        }
    }

    @Nested
    class Unsubscribe {
        @Test
        void signedLink_withdrawsWithoutLogin_andRepeatingIsHarmless() {
            Accounts.Session s = customer("unsub");
            api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":true}]}",
                    "application/json", s.auth());
            String token = unsubscribeToken(s.id(), ConsentPurpose.MARKETING);

            Api.Reply r = api().get("/v1/unsubscribe?token=" + token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("unsubscribed").asBoolean()).isTrue();
            assertThat(r.json().get("purpose").asText()).isEqualTo("marketing");
            Api.Reply oneClick = api().send("POST", "/v1/unsubscribe?token=" + token, "List-Unsubscribe=One-Click",
                    "application/x-www-form-urlencoded");
            assertThat(oneClick.status()).as(oneClick.toString()).isEqualTo(200);

            JsonNode mine = api().get("/v1/me/consents", s.auth()).json();
            JsonNode marketing = consent(mine, "email", "marketing");
            assertThat(marketing.get("granted").asBoolean()).isFalse();
            assertThat(marketing.get("source").asText()).isEqualTo("unsubscribe_link");
            assertThat(mine.get("history")).hasSize(2);
            // Only the named purpose is touched.
            assertThat(consent(mine, "email", "order_updates").get("granted").asBoolean()).isTrue();
        }

        @Test
        void forgedMalformedOrMissingToken_is400ProblemJson() {
            Accounts.Session s = customer("forged");
            String token = unsubscribeToken(s.id(), ConsentPurpose.MARKETING);
            String payload = token.substring(0, token.indexOf('.'));
            String forgedForOther = unsubscribeToken(UUID.randomUUID().toString(), ConsentPurpose.MARKETING);
            String swapped = payload + forgedForOther.substring(forgedForOther.indexOf('.'));
            // Flip the first signature character: all six of its bits are data (the last character of
            // base64 also carries padding bits, so changing it may decode to the very same signature).
            int sig = token.indexOf('.') + 1;
            char first = token.charAt(sig);
            String flipped = token.substring(0, sig) + (first == 'A' ? 'B' : 'A') + token.substring(sig + 1);

            for (String bad : new String[] {swapped, flipped, "garbage", "a.b", ""}) {
                Api.Reply r = api().get("/v1/unsubscribe?token=" + bad);
                assertThat(r.status()).as(bad + " -> " + r).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("code").asText()).isEqualTo("invalid_unsubscribe_token");
            }
            assertThat(api().get("/v1/unsubscribe").status()).isEqualTo(400);
        }

        @Test
        void expiredToken_is400() {
            Accounts.Session s = customer("expired");
            String token = unsubscribeToken(s.id(), ConsentPurpose.SURVEYS);
            BazaarApp.app(APP).clock.advance(Duration.ofDays(366));
            try {
                Api.Reply r = api().post("/v1/unsubscribe?token=" + token, "");
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.json().get("code").asText()).isEqualTo("invalid_unsubscribe_token");
            } finally {
                BazaarApp.app(APP).clock.advance(Duration.ofDays(-366));
            }
        }
    }
}
