package io.bazaar.store.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.crm.intake.RefundedFact;
import io.bazaar.shared.id.Ids;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Staff-facing CRM over HTTP with the embedded default (dev mailbox): 360, timeline, managers, leads, privacy. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrmStaffIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static Accounts.Session admin;
    static String supportToken;
    static String supportId;

    Api api() {
        return BazaarApp.api(APP);
    }

    Accounts.Session admin() {
        if (admin == null) {
            admin = Accounts.admin(api());
        }
        return admin;
    }

    String[] support() {
        if (supportToken == null) {
            String email = Accounts.uniqueEmail("support");
            Api.Reply created = api().post("/v1/admin/staff", "{\"email\":\"" + email
                    + "\",\"name\":\"Sam Support\",\"role\":\"support\",\"password\":\"Support-Desk-2026\"}", admin().auth());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            supportId = created.json().get("id").asText();
            supportToken = Accounts.signIn(api(), "/v1/admin/sessions", email, "Support-Desk-2026");
        }
        return new String[] {"Authorization", Api.bearer(supportToken)};
    }

    Accounts.Session customer(String prefix, String json) {
        String email = Accounts.uniqueEmail(prefix);
        Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\"," + json + "}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String token = Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD);
        Accounts.Session s = new Accounts.Session(reg.json().get("id").asText(), email, token);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/v1/admin/crm/customers/" + s.id(), admin().auth()).status() == 200);
        return s;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Nested
    class Customer360 {
        @Test
        void supportReadsThe360_withFiguresFromTheLedger_andLatestTimeline() {
            Accounts.Session s = customer("c360", "\"name\":\"Parvin\",\"phone\":\"+98 912 345 6789\",\"locale\":\"fa\"");
            UUID id = UUID.fromString(s.id());
            // Orders do not exist yet: feed the intake as the store will, in a transaction.
            UUID order = Ids.newId();
            BazaarApp.app(APP).jdbi().useTransaction(h -> {
                BazaarApp.app(APP).crm().intake().orderPlaced(h, Ids.newId(),
                        new OrderPlacedFact(order, "BZ-77", id, 250_000, "IRR", "web", BazaarApp.app(APP).clock.instant()));
                BazaarApp.app(APP).crm().intake().refunded(h, Ids.newId(), new RefundedFact(Ids.newId(), order, null, id,
                        50_000, "IRR", BazaarApp.app(APP).clock.instant()));
            });

            Api.Reply granted = api().send("PUT", "/v1/me/consents",
                    "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":true}]}",
                    "application/json", s.auth());
            assertThat(granted.status()).as(granted.toString()).isEqualTo(200);

            // The 360 reads its timeline page and consents as JSON built in SQL: they must equal what the timeline
            // endpoint and the customer's own consent view say, field for field (timestamps to the microsecond).
            // Order and refund emails land on the timeline asynchronously, so compare once it is the same before and
            // after the 360 is read.
            String timelinePath = "/v1/admin/crm/customers/" + s.id() + "/timeline?limit=10";
            JsonNode before;
            JsonNode after;
            JsonNode v;
            int tries = 0;
            do {
                before = api().get(timelinePath, support()).json().get("data");
                Api.Reply r = api().get("/v1/admin/crm/customers/" + s.id(), support());
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                v = r.json();
                after = api().get(timelinePath, support()).json().get("data");
            } while (!before.equals(after) && ++tries < 50 && pause(100));
            assertThat(after.size()).isGreaterThanOrEqualTo(3);
            assertThat(v.get("latest_timeline")).isEqualTo(after);
            JsonNode marketing = null;
            for (JsonNode k : v.get("consents")) {
                if (k.get("channel").asText().equals("email") && k.get("purpose").asText().equals("marketing")) {
                    marketing = k;
                }
            }
            assertThat(marketing).isNotNull();
            assertThat(marketing.get("granted").asBoolean()).isTrue();
            JsonNode own = null;
            for (JsonNode k : granted.json().get("consents")) {
                if (k.get("channel").asText().equals("email") && k.get("purpose").asText().equals("marketing")) {
                    own = k;
                }
            }
            assertThat(own).isNotNull();
            assertThat(marketing.get("updated_at")).isEqualTo(own.get("updated_at"));
            assertThat(v.get("profile").get("name").asText()).isEqualTo("Parvin");
            assertThat(v.get("profile").get("locale").asText()).isEqualTo("fa");
            assertThat(v.get("customer_type").get("type").asText()).isEqualTo("individual");
            assertThat(v.get("orders").get("count").asLong()).isEqualTo(1);
            assertThat(v.get("orders").get("lifetime_net_spend").get(0).get("amount").asLong()).isEqualTo(200_000);
            assertThat(v.get("orders").get("average_order_value").get(0).get("currency").asText()).isEqualTo("IRR");
            assertThat(v.get("open_returns").asLong()).isZero();
            assertThat(v.get("consents")).hasSize(6);
            assertThat(v.get("latest_timeline").get(0).get("type").asText()).isIn("consent.granted", "order.refunded", "order.placed",
                    "message.sent");
            assertThat(v.get("account_manager").isNull()).isTrue();
        }

        @Test
        void staffMakeACustomerABusiness_andTagIt_andSearchFindsThemByNameEmailPhoneTagAndOrderNumber() {
            Accounts.Session s = customer("biz", "\"name\":\"علی كريمي\",\"phone\":\"+98 912 000 4455\"");
            Api.Reply noCompany = api().patch("/v1/admin/crm/customers/" + s.id(), "{\"customer_type\":\"business\"}", support());
            assertThat(noCompany.status()).isEqualTo(400);
            assertThat(noCompany.json().get("errors").get(0).get("field").asText()).isEqualTo("company_name");

            Api.Reply r = api().patch("/v1/admin/crm/customers/" + s.id(), "{\"customer_type\":\"business\","
                    + "\"company_name\":\"Karimi Trading\",\"tax_id\":\"IR-123\",\"tags\":[\"vip\",\"wholesale\",\"vip\"]}",
                    support());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("customer_type").get("company_name").asText()).isEqualTo("Karimi Trading");
            assertThat(r.json().get("tags")).hasSize(2);

            // Arabic kaf/yeh typed as Persian ک/ی still finds the name.
            assertThat(ids(api().get("/v1/admin/crm/customers?q=" + q("کریمی"), support()))).contains(s.id());
            assertThat(ids(api().get("/v1/admin/crm/customers?q=" + q(s.email().toUpperCase()), support()))).contains(s.id());
            assertThat(ids(api().get("/v1/admin/crm/customers?q=" + q("۹۱۲ ۰۰۰ ۴۴۵۵"), support()))).contains(s.id());
            assertThat(ids(api().get("/v1/admin/crm/customers?tag=wholesale", support()))).containsExactly(s.id());
            assertThat(ids(api().get("/v1/admin/crm/customers?q=nobody-like-this", support()))).isEmpty();
        }

        @Test
        void unknownOrMalformedIds_are404_andCustomers_are403() {
            Accounts.Session s = customer("x360", "\"name\":\"X\"");
            assertThat(api().get("/v1/admin/crm/customers/" + UUID.randomUUID(), support()).status()).isEqualTo(404);
            assertThat(api().get("/v1/admin/crm/customers/not-an-id", support()).status()).isEqualTo(404);
            assertThat(api().get("/v1/admin/crm/customers/" + s.id(), s.auth()).status()).isEqualTo(403);
        }

        JsonNode data(Api.Reply r) {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json().get("data");
        }

        java.util.List<String> ids(Api.Reply r) {
            java.util.List<String> out = new java.util.ArrayList<>();
            data(r).forEach(n -> out.add(n.get("customer_id").asText()));
            return out;
        }
    }

    @Nested
    class StaffLoggedTimeline {
        @Test
        void supportLogsACall_itIsPhysical_andFiltersFindIt() {
            Accounts.Session s = customer("call", "\"name\":\"Callie\"");
            Api.Reply logged = api().post("/v1/admin/crm/customers/" + s.id() + "/timeline",
                    "{\"type\":\"call\",\"kind\":\"physical\",\"channel\":\"phone\",\"summary\":\"Asked about delivery times\"}",
                    support());
            assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
            assertThat(logged.header("Location")).isPresent();
            assertThat(logged.json().get("type").asText()).isEqualTo("staff.call");

            JsonNode physical = api().get("/v1/admin/crm/customers/" + s.id() + "/timeline?kind=physical&channel=phone",
                    support()).json().get("data");
            assertThat(physical).hasSize(1);
            assertThat(physical.get(0).get("summary").asText()).isEqualTo("Asked about delivery times");

            Api.Reply page1 = api().get("/v1/admin/crm/customers/" + s.id() + "/timeline?limit=1", support());
            assertThat(page1.json().get("data")).hasSize(1);
            assertThat(page1.json().get("next_cursor").isNull()).isFalse();
        }

        @Test
        void invalidEntries_are400_andUnknownCustomers_404() {
            Accounts.Session s = customer("badcall", "\"name\":\"B\"");
            assertThat(api().post("/v1/admin/crm/customers/" + s.id() + "/timeline",
                    "{\"type\":\"call\",\"kind\":\"transactional\",\"channel\":\"phone\",\"summary\":\"x\"}", support())
                    .status()).isEqualTo(400);
            assertThat(api().post("/v1/admin/crm/customers/" + UUID.randomUUID() + "/timeline",
                    "{\"type\":\"note\",\"kind\":\"interactive\",\"channel\":\"email\",\"summary\":\"x\"}", support())
                    .status()).isEqualTo(404);
        }
    }

    @Nested
    class AccountManagers {
        @Test
        void managerAssigns_staffSeesTheirCustomersWithRecentActivity_andUnassigns() {
            support();
            Accounts.Session s = customer("managed", "\"name\":\"Mina\"");
            Api.Reply bySupport = api().send("PUT", "/v1/admin/crm/customers/" + s.id() + "/account-manager",
                    "{\"staff_id\":\"" + supportId + "\"}", "application/json", support());
            assertThat(bySupport.status()).isEqualTo(403);
            Api.Reply unknownStaff = api().send("PUT", "/v1/admin/crm/customers/" + s.id() + "/account-manager",
                    "{\"staff_id\":\"" + UUID.randomUUID() + "\"}", "application/json", admin().auth());
            assertThat(unknownStaff.status()).isEqualTo(400);

            Api.Reply assigned = api().send("PUT", "/v1/admin/crm/customers/" + s.id() + "/account-manager",
                    "{\"staff_id\":\"" + supportId + "\"}", "application/json", admin().auth());
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            assertThat(assigned.json().get("account_manager").get("staff_id").asText()).isEqualTo(supportId);

            JsonNode mine = api().get("/v1/admin/crm/account-managers/" + supportId + "/customers", support())
                    .json().get("data");
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).get("customer_id").asText()).isEqualTo(s.id());
            assertThat(mine.get(0).get("last_activity").get("type").asText()).isNotBlank();
            assertThat(mine.get(0).get("activity_in_last_thirty_days").asLong()).isPositive();

            assertThat(api().delete("/v1/admin/crm/customers/" + s.id() + "/account-manager", admin().auth()).status())
                    .isEqualTo(200);
            assertThat(api().get("/v1/admin/crm/account-managers/" + supportId + "/customers", support())
                    .json().get("data")).isEmpty();
        }
    }

    @Nested
    class DevMailbox {
        @Test
        void withoutSmtp_theWelcomeEmailIsInTheDevMailbox_forStaffOnly() {
            Accounts.Session s = customer("devmail", "\"name\":\"Dev\",\"locale\":\"fa\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/dev-mailbox?to=" + q(s.email()),
                    support()).json().get("data").size() == 1);
            JsonNode mail = api().get("/v1/admin/crm/dev-mailbox?to=" + q(s.email()), support()).json().get("data").get(0);
            assertThat(mail.get("subject").asText()).isEqualTo("به Bazaar Test خوش آمدید");
            assertThat(mail.get("html").asText()).contains("dir=\"rtl\"");
            assertThat(api().get("/v1/admin/crm/dev-mailbox", s.auth()).status()).isEqualTo(403);
            assertThat(api().get("/v1/admin/crm/dev-mailbox").status()).isEqualTo(401);
        }
    }

    @Nested
    class Leads {
        @Test
        void newsletterSignup_makesALead_withConsent_andRegistrationConvertsIt() {
            String email = Accounts.uniqueEmail("lead");
            assertThat(api().post("/v1/newsletter", "{\"email\":\"" + email + "\",\"consent\":false}").status()).isEqualTo(400);
            Api.Reply signup = api().post("/v1/newsletter", "{\"email\":\"" + email.toUpperCase() + "\",\"consent\":true}");
            assertThat(signup.status()).as(signup.toString()).isEqualTo(202);
            assertThat(api().post("/v1/leads/questions", "{\"email\":\"" + email + "\",\"question\":\"Is it waterproof?\"}")
                    .status()).isEqualTo(202);

            Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
            assertThat(reg.status()).isEqualTo(201);
            String customerId = reg.json().get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (JsonNode l : api().get("/v1/admin/crm/leads?converted=true", support()).json().get("data")) {
                    if (customerId.equals(l.path("converted_customer_id").asText())) {
                        return true;
                    }
                }
                return false;
            });
            String token = Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD);
            JsonNode consents = api().get("/v1/me/consents", "Authorization", Api.bearer(token)).json();
            assertThat(consents.get("history")).anySatisfy(h -> assertThat(h.get("source").asText()).isEqualTo("newsletter_form"));
        }
    }

    @Nested
    class Privacy {
        @Test
        void legalTexts_areServedPerLocale() {
            assertThat(api().get("/v1/legal/privacy?locale=fa").json().get("text").asText()).isEqualTo("سیاست حریم خصوصی آزمایشی.");
            assertThat(api().get("/v1/legal/privacy").json().get("text").asText()).isEqualTo("Test privacy policy.");
            assertThat(api().get("/v1/legal/terms?locale=en").status()).isEqualTo(200);
            assertThat(api().get("/v1/legal/privacy?locale=de").status()).isEqualTo(400);
        }

        @Test
        void export_containsAccountConsentsAndTimeline_onlyForTheSignedInCustomer() {
            Accounts.Session s = customer("export", "\"name\":\"Exporter\"");
            Api.Reply r = api().get("/v1/me/export", s.auth());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("account").get("email").asText()).isEqualTo(s.email());
            assertThat(r.json().get("crm").get("contact").get("name").asText()).isEqualTo("Exporter");
            assertThat(r.json().get("crm").get("timeline")).isNotEmpty();
            assertThat(r.json().get("crm").get("consents")).hasSize(6);
            assertThat(api().get("/v1/me/export", support()).status()).isEqualTo(403);
        }

        @Test
        void onlyAdminsErase_afterwardsNoSearchFindsThePerson_andASecondErasureIsANoOp() {
            Accounts.Session s = customer("erase", "\"name\":\"Zed Erasable\",\"phone\":\"+98 912 999 1234\"");
            api().post("/v1/admin/crm/customers/" + s.id() + "/timeline",
                    "{\"type\":\"note\",\"kind\":\"interactive\",\"channel\":\"email\",\"summary\":\"Zed lives at 5 Main St\"}",
                    support());
            assertThat(api().post("/v1/admin/crm/customers/" + s.id() + "/erasure", "", support()).status()).isEqualTo(403);

            Api.Reply first = api().post("/v1/admin/crm/customers/" + s.id() + "/erasure", "", admin().auth());
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().get("erased_now").asBoolean()).isTrue();
            Api.Reply second = api().post("/v1/admin/crm/customers/" + s.id() + "/erasure", "", admin().auth());
            assertThat(second.json().get("erased_now").asBoolean()).isFalse();

            assertThat(api().get("/v1/admin/crm/customers?q=" + q(s.email()), support()).json().get("data")).isEmpty();
            assertThat(api().get("/v1/admin/crm/customers?q=Erasable", support()).json().get("data")).isEmpty();
            JsonNode v = api().get("/v1/admin/crm/customers/" + s.id(), support()).json();
            assertThat(v.get("profile").get("name").isNull()).isTrue();
            assertThat(v.get("profile").get("email").asText()).doesNotContain(s.email());
            assertThat(v.toString()).doesNotContain("Main St");
            // The account is gone too: the old password and token no longer work.
            assertThat(api().get("/v1/me", s.auth()).status()).isEqualTo(401);
            assertThat(api().post("/v1/sessions", "{\"email\":\"" + s.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                    .status()).isEqualTo(401);
            assertThat(api().post("/v1/admin/crm/customers/" + UUID.randomUUID() + "/erasure", "", admin().auth()).status())
                    .isEqualTo(404);
        }

        @Test
        void customerErasesThemselves() {
            Accounts.Session s = customer("self-erase", "\"name\":\"Self\"");
            Api.Reply r = api().post("/v1/me/erasure", "", s.auth());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("erased_now").asBoolean()).isTrue();
            assertThat(api().get("/v1/me/export", s.auth()).status()).isEqualTo(401);
        }
    }

    @Nested
    class Documentation {
        @Test
        void openApiDocument_listsTheCrmEndpoints() {
            Api.Reply r = api().get("/v1/openapi.json");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode paths = r.json().get("paths");
            assertThat(paths.has("/v1/me/consents")).isTrue();
            assertThat(paths.has("/v1/unsubscribe")).isTrue();
            assertThat(paths.has("/v1/admin/crm/customers/{id}")).isTrue();
            assertThat(paths.has("/v1/admin/crm/dev-mailbox")).isTrue();
            assertThat(paths.has("/v1/newsletter")).isTrue();
            assertThat(paths.has("/v1/me/export")).isTrue();
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
