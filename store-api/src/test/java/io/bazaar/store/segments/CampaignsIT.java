package io.bazaar.store.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Campaigns to segments: consent per person at send time, the frequency cap, counts that say so, exactly one
 * send when dispatchers race; survey campaigns; birthday and first-purchase anniversary greetings. Emails are
 * read from the dev mailbox.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CampaignsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("crm.campaigns.jobsEnabled", "false"));

    Api api() {
        return BazaarApp.api(APP);
    }

    String[] admin() {
        return Accounts.admin(api()).auth();
    }

    List<String> subjects(Accounts.Session s) {
        List<String> out = new ArrayList<>();
        api().get("/v1/admin/crm/dev-mailbox?to=" + s.email() + "&limit=100", admin()).json().get("data")
                .forEach(m -> out.add(m.get("subject").asText()));
        return out;
    }

    void tag(Accounts.Session s, String tag) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api().patch("/v1/admin/crm/customers/" + s.id(),
                "{\"tags\":[\"" + tag + "\"]}", admin()).status() == 200);
    }

    String tagSegment(String tag) {
        Api.Reply r = api().post("/v1/admin/crm/segments", "{\"name\":\"Tagged " + tag + "\",\"rules\":[{\"field\":"
                + "\"tag\",\"value\":\"" + tag + "\"}]}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    JsonNode counts(String campaignId) {
        Api.Reply r = api().get("/v1/admin/crm/campaigns/" + campaignId, admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("counts");
    }

    String promotion(String segmentId, String headline, Instant sendAt) {
        Api.Reply r = api().post("/v1/admin/crm/campaigns", "{\"name\":\"" + headline + "\",\"channel\":\"email\","
                + "\"template\":\"promotion\",\"params\":{\"headline\":\"" + headline + "\",\"text\":\"20% off\"},"
                + "\"target\":{\"segment_id\":\"" + segmentId + "\"}" + (sendAt == null ? "" : ",\"send_at\":\""
                + sendAt + "\"") + "}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void campaign_skipsNoConsentAndCapped_countsSaySo_optedOutNeverReceive_racingDispatchSendsOnce()
            throws Exception {
        Shopping shop = new Shopping(api());
        String tag = "spring-" + UUID.randomUUID().toString().substring(0, 6);
        Accounts.Session yes = Accounts.registerAndSignIn(api(), "camp-yes");
        Accounts.Session never = Accounts.registerAndSignIn(api(), "camp-never");
        Accounts.Session optedOut = Accounts.registerAndSignIn(api(), "camp-out");
        Accounts.Session busy = Accounts.registerAndSignIn(api(), "camp-busy");
        for (Accounts.Session s : List.of(yes, never, optedOut, busy)) {
            tag(s, tag);
        }
        shop.grantMarketing(yes, "email", true);
        shop.grantMarketing(optedOut, "email", true);
        shop.grantMarketing(optedOut, "email", false);
        shop.grantMarketing(busy, "email", true);
        // Cap: one marketing message per customer per 7 days; "busy" already had one today.
        Api.Reply settings = api().send("PUT", "/v1/admin/crm/segment-settings", "{\"rfm_currency\":\"IRR\","
                + "\"cap_max_messages\":1,\"cap_window_days\":7}", "application/json", admin());
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(api().post("/v1/admin/crm/customers/" + busy.id() + "/messages", "{\"template\":\"promotion\","
                + "\"channel\":\"email\",\"params\":{\"headline\":\"Earlier news\",\"text\":\"x\"}}", admin()).status())
                .isEqualTo(202);
        String segment = tagSegment(tag);

        // Immediate: sent while the request runs; counts are final except for delivery.
        String now = promotion(segment, "Spring sale", null);
        JsonNode c = counts(now);
        assertThat(c.get("targeted").asLong()).isEqualTo(4);
        assertThat(c.get("skipped_no_consent").asLong()).isEqualTo(2);
        assertThat(c.get("skipped_frequency_cap").asLong()).isEqualTo(1);
        assertThat(c.get("failed").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> counts(now).get("sent").asLong() == 1);
        assertThat(counts(now).get("pending").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> subjects(yes).contains("Spring sale"));
        assertThat(subjects(busy)).contains("Earlier news").doesNotContain("Spring sale");

        // "yes" opts out; a scheduled campaign a week later reaches only "busy" (the cap window has passed),
        // once, although four dispatchers race for it.
        shop.grantMarketing(yes, "email", false);
        Instant at = BazaarApp.app(APP).clock.instant().plus(Duration.ofDays(8));
        String later = promotion(segment, "Summer sale", at);
        assertThat(api().get("/v1/admin/crm/campaigns/" + later, admin()).json().get("status").asText())
                .isEqualTo("scheduled");
        assertThat(api().post("/v1/admin/crm/campaigns/dispatch", null, admin()).json().get("campaigns_sent").asInt())
                .isZero();
        BazaarApp.app(APP).clock.advance(Duration.ofDays(8).plusMinutes(1));
        String[] staff = admin();
        List<Integer> sent = Parallel.times(4, () -> api().post("/v1/admin/crm/campaigns/dispatch", null, staff)
                .json().get("campaigns_sent").asInt());
        assertThat(sent.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        JsonNode l = counts(later);
        assertThat(l.get("targeted").asLong()).isEqualTo(4);
        assertThat(l.get("skipped_no_consent").asLong()).isEqualTo(3);
        assertThat(l.get("skipped_frequency_cap").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> counts(later).get("sent").asLong() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> subjects(busy).contains("Summer sale"));
        assertThat(subjects(busy).stream().filter("Summer sale"::equals).count()).isEqualTo(1);
        assertThat(api().get("/v1/admin/crm/campaigns/" + later, admin()).json().get("status").asText())
                .isEqualTo("sent");

        // Nobody without consent or opted out ever got a marketing message.
        assertThat(subjects(never)).doesNotContain("Spring sale", "Summer sale");
        assertThat(subjects(optedOut)).doesNotContain("Spring sale", "Summer sale");
        assertThat(subjects(yes)).doesNotContain("Summer sale");
        assertThat(api().post("/v1/admin/crm/campaigns/" + later + "/cancellation", null, admin()).status())
                .isEqualTo(409);
    }

    @Test
    void badCampaigns_areRejected() {
        String segment = tagSegment("bad-" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(api().post("/v1/admin/crm/campaigns", "{\"name\":\"x\",\"channel\":\"email\",\"template\":"
                + "\"welcome\",\"target\":{\"segment_id\":\"" + segment + "\"}}", admin()).status()).isEqualTo(400);
        assertThat(api().post("/v1/admin/crm/campaigns", "{\"name\":\"x\",\"channel\":\"email\",\"template\":"
                + "\"promotion\",\"target\":{\"rfm_segment\":\"vip\"}}", admin()).status()).isEqualTo(422);
        assertThat(api().post("/v1/admin/crm/campaigns", "{\"name\":\"x\",\"channel\":\"email\",\"template\":"
                + "\"promotion\",\"target\":{}}", admin()).status()).isEqualTo(422);
        assertThat(api().post("/v1/admin/crm/campaigns", "{\"name\":\"x\",\"channel\":\"email\",\"template\":"
                + "\"promotion\",\"target\":{\"segment_id\":\"" + UUID.randomUUID() + "\"}}", admin()).status())
                .isEqualTo(404);
        Accounts.Session customer = Accounts.registerAndSignIn(api(), "camp-nosy");
        assertThat(api().get("/v1/admin/crm/campaigns", customer.auth()).status()).isEqualTo(403);
    }

    @Test
    void surveyCampaign_invitesOnlyThoseWithSurveyConsent() {
        String tag = "research-" + UUID.randomUUID().toString().substring(0, 6);
        Accounts.Session willing = Accounts.registerAndSignIn(api(), "survey-yes");
        Accounts.Session unwilling = Accounts.registerAndSignIn(api(), "survey-no");
        tag(willing, tag);
        tag(unwilling, tag);
        assertThat(api().send("PUT", "/v1/me/consents", "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"surveys\","
                + "\"granted\":true}]}", "application/json", willing.auth()).status()).isEqualTo(200);
        Api.Reply template = api().post("/v1/admin/crm/survey-templates", "{\"name\":\"Quarterly\",\"locale\":\"en\","
                + "\"questions\":[{\"key\":\"nps\",\"kind\":\"nps\",\"text\":\"Recommend us?\"}]}", admin());
        assertThat(template.status()).as(template.toString()).isEqualTo(201);
        // A clock with nanoseconds that PostgreSQL (microseconds) rounds up: the periodic campaign must still be
        // rescheduled a period ahead, not left due for ever.
        BazaarApp.app(APP).clock.set(BazaarApp.app(APP).clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusSeconds(1).plusNanos(123_456_789));
        Api.Reply r = api().post("/v1/admin/crm/campaigns", "{\"name\":\"Quarterly research\",\"kind\":\"survey\","
                + "\"channel\":\"email\",\"survey_template_id\":\"" + template.json().get("id").asText() + "\","
                + "\"target\":{\"segment_id\":\"" + tagSegment(tag) + "\"},\"repeat_every_days\":90}", admin());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("counts").get("targeted").asLong()).isEqualTo(2);
        assertThat(body.get("counts").get("skipped_no_consent").asLong()).isEqualTo(1);
        assertThat(body.get("runs").asInt()).isEqualTo(1);
        assertThat(body.get("status").asText()).isEqualTo("scheduled"); // the next quarter
        assertThat(Instant.parse(body.get("send_at").asText())).isAfter(BazaarApp.app(APP).clock.instant()
                .plus(Duration.ofDays(89)));
        assertThat(api().post("/v1/admin/crm/campaigns/dispatch", null, admin()).json().get("campaigns_sent").asInt())
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> subjects(willing).contains("How are we doing?"));
        assertThat(subjects(unwilling)).doesNotContain("How are we doing?");
    }

    @Test
    void newProducts_areAnnouncedOnce_toConsentingBuyersOfTheirCategory() {
        Shopping shop = new Shopping(api());
        String lamps = shop.category("Lamps");
        String rugs = shop.category("Rugs");
        String lamp = shop.product("Old lamp", lamps);
        String rug = shop.product("Old rug", rugs);
        Accounts.Session lampBuyer = Accounts.registerAndSignIn(api(), "np-lamp");
        Accounts.Session rugBuyer = Accounts.registerAndSignIn(api(), "np-rug");
        Accounts.Session quietLampBuyer = Accounts.registerAndSignIn(api(), "np-quiet");
        shop.paidOrder(lampBuyer, lamp, 1);
        shop.paidOrder(rugBuyer, rug, 1);
        shop.paidOrder(quietLampBuyer, lamp, 1);
        shop.grantMarketing(lampBuyer, "email", true);
        shop.grantMarketing(rugBuyer, "email", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/rfm/customers/"
                + quietLampBuyer.id(), admin()).status() == 200);
        // Earlier runs (or the first) set the high-water mark: the existing catalogue is not news.
        BazaarApp.app(APP).crm().occasions().runDue();
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(5));
        shop.product("Brass lamp", lamps);
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(5));

        assertThat(BazaarApp.app(APP).crm().occasions().runDue().newProducts()).isEqualTo(1);
        assertThat(BazaarApp.app(APP).crm().occasions().runDue().newProducts()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> subjects(lampBuyer).contains("New at Bazaar Test"));
        JsonNode mail = api().get("/v1/admin/crm/dev-mailbox?to=" + lampBuyer.email(), admin()).json().get("data")
                .get(0);
        assertThat(mail.get("text").asText()).contains("Brass lamp").doesNotContain("Old lamp");
        assertThat(subjects(rugBuyer)).doesNotContain("New at Bazaar Test");
        assertThat(subjects(quietLampBuyer)).doesNotContain("New at Bazaar Test");
    }

    @Test
    void birthdayAndFirstPurchaseAnniversary_greetedOncePerYear_onlyWithConsent() {
        Shopping shop = new Shopping(api());
        String variant = shop.product("Anniversary cake");
        Accounts.Session loyal = Accounts.registerAndSignIn(api(), "occ-loyal");
        Accounts.Session silent = Accounts.registerAndSignIn(api(), "occ-silent");
        shop.paidOrder(loyal, variant, 1);
        Instant firstOrder = BazaarApp.app(APP).clock.instant();
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/v1/admin/crm/rfm/customers/" + loyal.id(),
                admin()).status() == 200);
        // One year later to the day (UTC).
        BazaarApp.app(APP).clock.set(firstOrder.atZone(ZoneOffset.UTC).plusYears(1).withHour(12).toInstant());
        LocalDate today = LocalDate.ofInstant(BazaarApp.app(APP).clock.instant(), ZoneOffset.UTC);
        shop.grantMarketing(loyal, "email", true);
        String loyalToken = Accounts.signIn(api(), "/v1/sessions", loyal.email(), Accounts.PASSWORD);
        Api.Reply bd = api().send("PUT", "/v1/me/birth-date", "{\"birth_date\":\"" + today.withYear(1990) + "\"}",
                "application/json", "Authorization", "Bearer " + loyalToken);
        assertThat(bd.status()).as(bd.toString()).isEqualTo(200);
        assertThat(api().send("PUT", "/v1/me/birth-date", "{\"birth_date\":\"" + today.plusDays(1) + "\"}",
                "application/json", "Authorization", "Bearer " + loyalToken).status()).isEqualTo(400);
        // Staff record the silent customer's birthday, but the customer never agreed to marketing.
        assertThat(api().send("PUT", "/v1/admin/crm/customers/" + silent.id() + "/birth-date", "{\"birth_date\":\""
                + today.withYear(1985) + "\"}", "application/json", admin()).status()).isEqualTo(200);

        var first = BazaarApp.app(APP).crm().occasions().runDue();
        assertThat(first.birthdays()).isEqualTo(1);
        assertThat(first.anniversaries()).isEqualTo(1);
        var again = BazaarApp.app(APP).crm().occasions().runDue();
        assertThat(again.birthdays() + again.anniversaries()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> subjects(loyal).containsAll(List.of(
                "Happy birthday from Bazaar Test", "1 year(s) with Bazaar Test")));
        assertThat(subjects(loyal).stream().filter(s -> s.startsWith("Happy birthday")).count()).isEqualTo(1);
        assertThat(subjects(silent)).noneMatch(s -> s.startsWith("Happy birthday"));
        assertThat(api().get("/v1/me/birth-date", "Authorization", "Bearer " + loyalToken).json().get("birth_date")
                .asText()).isEqualTo(today.withYear(1990).toString());
        // Personal data: in the customer's export.
        assertThat(api().get("/v1/me/export", "Authorization", "Bearer " + loyalToken).json().at("/crm/birth_date")
                .asText()).isEqualTo(today.withYear(1990).toString());
    }
}
