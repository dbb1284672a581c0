package io.bazaar.store.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rule-based segments: rules give exactly the expected members, the CSV lists exactly them, bad rules are 422. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DynamicSegmentsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("crm.campaigns.jobsEnabled", "false"));

    Api api() {
        return BazaarApp.api(APP);
    }

    Accounts.Session register(String prefix, String nameJson) {
        String email = Accounts.uniqueEmail(prefix);
        Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":" + nameJson + "}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return new Accounts.Session(reg.json().get("id").asText(), email,
                Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD));
    }

    void patch(Accounts.Session s, String json, String[] admin) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api().patch("/v1/admin/crm/customers/" + s.id(), json, admin)
                .status() == 200);
    }

    String segment(String name, String rules, String[] admin) {
        Api.Reply r = api().post("/v1/admin/crm/segments", "{\"name\":\"" + name + "\",\"rules\":" + rules + "}", admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location").orElseThrow()).endsWith("/v1/admin/crm/segments/" + r.json().get("id").asText());
        return r.json().get("id").asText();
    }

    List<String> members(String segmentId, String[] admin) {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            Api.Reply page = api().get("/v1/admin/crm/segments/" + segmentId + "/customers?limit=1" + cursor, admin);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(m -> ids.add(m.get("customer_id").asText()));
            cursor = page.json().get("next_cursor").isNull() ? null : "&cursor=" + page.json().get("next_cursor").asText();
        } while (cursor != null);
        long count = api().get("/v1/admin/crm/segments/" + segmentId + "/count", admin).json().get("customers").asLong();
        assertThat(count).as("count agrees with the list").isEqualTo(ids.size());
        return ids;
    }

    @Test
    void rules_selectExactlyTheirMembers_andTheCsvListsExactlyThem() {
        Shopping shop = new Shopping(api());
        String tea = shop.category("Tea");
        String coffee = shop.category("Coffee");
        String teapot = shop.product("Teapot", tea);
        String grinder = shop.product("Grinder", coffee);

        // p1: a business with a formula-like, comma-and-quote name; two tea orders (5,000,000 IRR), vip, consents.
        Accounts.Session p1 = register("dyn-p1", "\"=Karimi, \\\"Ali\\\"\"");
        // p3: one tea order 40 days ago (1,500,000), vip.
        Accounts.Session p3 = register("dyn-p3", "\"Sara\"");
        shop.paidOrder(p3, teapot, 1);
        BazaarApp.app(APP).clock.advance(Duration.ofDays(40));
        shop.paidOrder(p1, teapot, 1);
        shop.paidOrder(p1, teapot, 2);
        // p2: one coffee order (1,500,000), individual, no consent.
        Accounts.Session p2 = register("dyn-p2", "\"Reza\"");
        shop.paidOrder(p2, grinder, 1);
        // p4: never bought, vip, consent.
        Accounts.Session p4 = register("dyn-p4", "\"Mina\"");
        String[] admin = shop.admin(); // after the clock moved past the first staff session's lifetime
        patch(p1, "{\"customer_type\":\"business\",\"company_name\":\"Karimi Trading\",\"tags\":[\"vip\"]}", admin);
        patch(p3, "{\"tags\":[\"vip\"]}", admin);
        patch(p4, "{\"tags\":[\"vip\"]}", admin);
        shop.grantMarketing(p1, "email", true);
        shop.grantMarketing(p4, "email", true);
        // Paid orders reach the CRM through the outbox; each re-scores its customer's RFM.
        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/v1/admin/crm/rfm/customers/" + p2.id(), admin)
                .json().path("order_count").asLong() == 1 && api().get("/v1/admin/crm/rfm/customers/" + p1.id(), admin)
                .json().path("order_count").asLong() == 2);

        String teaVip = segment("Tea-loving VIPs", "[{\"field\":\"category\",\"value\":[\"" + tea + "\"]},"
                + "{\"field\":\"tag\",\"value\":\"vip\"}]", admin);
        assertThat(members(teaVip, admin)).containsExactlyInAnyOrder(p1.id(), p3.id());

        assertThat(members(segment("Big spenders", "[{\"field\":\"net_spend\",\"op\":\"gte\",\"value\":3000000,"
                + "\"currency\":\"IRR\"}]", admin), admin)).containsExactly(p1.id());
        assertThat(members(segment("Small spenders", "[{\"field\":\"net_spend\",\"op\":\"lte\",\"value\":1500000,"
                + "\"currency\":\"IRR\"}]", admin), admin)).containsExactlyInAnyOrder(p2.id(), p3.id(), p4.id());
        assertThat(members(segment("Quiet for a month", "[{\"field\":\"last_order_days\",\"op\":\"gte\",\"value\":30}]",
                admin), admin)).containsExactly(p3.id());
        assertThat(members(segment("Recent", "[{\"field\":\"last_order_days\",\"op\":\"lte\",\"value\":1}]",
                admin), admin)).containsExactlyInAnyOrder(p1.id(), p2.id());
        assertThat(members(segment("VIP without orders", "[{\"field\":\"order_count\",\"op\":\"eq\",\"value\":0},"
                + "{\"field\":\"tag\",\"value\":\"vip\"}]", admin), admin)).containsExactly(p4.id());
        assertThat(members(segment("Reachable businesses", "[{\"field\":\"consent\",\"channel\":\"email\","
                + "\"purpose\":\"marketing\"},{\"field\":\"customer_type\",\"value\":\"business\"}]", admin), admin))
                .containsExactly(p1.id());
        assertThat(members(segment("Coffee people", "[{\"field\":\"category\",\"value\":[\"" + coffee + "\"]}]",
                admin), admin)).containsExactly(p2.id());
        assertThat(members(segment("Leads", "[{\"field\":\"rfm_segment\",\"value\":\"lead\"}]", admin), admin))
                .containsExactly(p4.id());

        // CSV: header plus exactly the members, with RFC 4180 quoting and the formula guard.
        Api.Reply csv = api().get("/v1/admin/crm/segments/" + teaVip + "/export", admin);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("customer_id,email,name,phone,locale,customer_type");
        assertThat(lines).hasSize(3);
        List<String> rows = List.of(lines[1], lines[2]);
        assertThat(rows.stream().map(l -> l.substring(0, l.indexOf(',')))).containsExactlyInAnyOrder(p1.id(), p3.id());
        assertThat(rows).contains(p1.id() + "," + p1.email() + ",\"'=Karimi, \"\"Ali\"\"\",,en,business",
                p3.id() + "," + p3.email() + ",Sara,,en,individual");

        // Editing the rules changes the members.
        Api.Reply edited = api().patch("/v1/admin/crm/segments/" + teaVip, "{\"rules\":[{\"field\":\"category\","
                + "\"value\":[\"" + tea + "\"]},{\"field\":\"customer_type\",\"value\":\"individual\"}]}", admin);
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(members(teaVip, admin)).containsExactly(p3.id());
        assertThat(api().get("/v1/admin/crm/segments?limit=50", admin).json().get("data").findValuesAsText("id"))
                .contains(teaVip);
        assertThat(api().delete("/v1/admin/crm/segments/" + teaVip, admin).status()).isEqualTo(204);
        assertThat(api().get("/v1/admin/crm/segments/" + teaVip, admin).status()).isEqualTo(404);
    }

    @Test
    void invalidRules_are422_withTheOffendingField() {
        String[] admin = Accounts.admin(api()).auth();
        record Case(String rules, String field) {
        }
        for (Case c : List.of(
                new Case("[]", "rules"),
                new Case("{\"field\":\"tag\"}", "rules"),
                new Case("[{\"field\":\"shoe_size\",\"value\":42}]", "rules[0].field"),
                new Case("[{\"field\":\"tier\",\"value\":\"Gold!\"}]", "rules[0].value"),
                new Case("[{\"field\":\"net_spend\",\"op\":\"gt\",\"value\":1,\"currency\":\"IRR\"}]", "rules[0].op"),
                new Case("[{\"field\":\"net_spend\",\"op\":\"gte\",\"value\":1}]", "rules[0].currency"),
                new Case("[{\"field\":\"net_spend\",\"op\":\"gte\",\"value\":1,\"currency\":\"irr\"}]", "rules[0].currency"),
                new Case("[{\"field\":\"order_count\",\"op\":\"gte\",\"value\":-1}]", "rules[0].value"),
                new Case("[{\"field\":\"order_count\",\"op\":\"gte\",\"value\":\"3\"}]", "rules[0].value"),
                new Case("[{\"field\":\"tag\",\"value\":\"vip\"},{\"field\":\"tag\",\"value\":\"x\",\"op\":\"eq\"}]",
                        "rules[1].op"),
                new Case("[{\"field\":\"category\",\"value\":[\"not-a-uuid\"]}]", "rules[0].value"),
                new Case("[{\"field\":\"consent\",\"channel\":\"pigeon\",\"purpose\":\"marketing\"}]", "rules[0].channel"),
                new Case("[{\"field\":\"customer_type\",\"value\":\"robot\"}]", "rules[0].value"),
                new Case("[{\"field\":\"rfm_segment\",\"value\":\"vip\"}]", "rules[0].value"),
                new Case("[{\"field\":\"tag\",\"value\":\"x'); DROP TABLE crm_contact; --\"}]", null))) {
            Api.Reply r = api().post("/v1/admin/crm/segments", "{\"name\":\"S " + UUID.randomUUID() + "\",\"rules\":"
                    + c.rules() + "}", admin);
            if (c.field() == null) {
                // Values are bound, never spliced into SQL: the odd tag is just a tag no one has.
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                assertThat(members(r.json().get("id").asText(), admin)).isEmpty();
                continue;
            }
            assertThat(r.status()).as(c.rules() + " -> " + r).isEqualTo(422);
            JsonNode body = r.json();
            assertThat(body.get("code").asText()).isEqualTo("invalid_segment_rule");
            assertThat(body.get("errors").findValuesAsText("field")).as(c.rules()).contains(c.field());
        }
        assertThat(api().post("/v1/admin/crm/segments", "{\"name\":\"x\",\"rules\":[],\"extra\":1}", admin).status())
                .isEqualTo(400);
    }
}
