package io.bazaar.store.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** FAQ through the HTTP API: Persian-aware search, helpful votes, ticket suggestions and deflection. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FaqIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static final AftersalesStaff STAFF = new AftersalesStaff(APP);
    static String shipping;
    static String returns;
    static String tracking;
    static String draft;

    static Api api() {
        return BazaarApp.api(APP);
    }

    static Api.Reply ok(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String entry(String category, String question, String answer, boolean published) {
        return ok(api().post("/v1/admin/crm/faq/entries", "{\"category_id\":\"" + category + "\",\"question\":\""
                + question + "\",\"answer\":\"" + answer + "\",\"published\":" + published + "}", STAFF.support()), 201)
                .json().get("id").asText();
    }

    @BeforeAll
    static void faq() {
        String fa = ok(api().post("/v1/admin/crm/faq/categories", "{\"locale\":\"fa\",\"name\":\"ارسال و مرجوعی\"}",
                STAFF.support()), 201).json().get("id").asText();
        String en = ok(api().post("/v1/admin/crm/faq/categories", "{\"locale\":\"en\",\"name\":\"Orders\"}",
                STAFF.support()), 201).json().get("id").asText();
        // Persian letters and Persian digits, with a zero-width non-joiner in سفارش‌ها.
        shipping = entry(fa, "زمان ارسال سفارش چقدر است؟", "سفارش\u200Cها معمولاً ۲ تا ۳ روز کاری ارسال می‌شوند.", true);
        // Written with Arabic yeh and kaf (ي ك), as some keyboards do.
        returns = entry(fa, "آيا امكان مرجوعي كالا وجود دارد؟", "بله، تا ٧ روز پس از تحويل.", true);
        tracking = entry(en, "How do I track my order?", "Use the tracking number from the shipping email.", true);
        draft = entry(fa, "ارسال رایگان", "پیش‌نویس", false);
    }

    static List<String> search(String query, String locale) {
        JsonNode data = ok(api().get("/v1/faq/search?q=" + q(query) + (locale == null ? "" : "&locale=" + locale)), 200)
                .json().get("data");
        return data.findValuesAsText("id");
    }

    @Nested
    class Search {
        @Test
        void persianWord_findsPublishedEntriesOnly() {
            assertThat(search("ارسال", null)).containsExactly(shipping);
        }

        @Test
        void arabicAndPersianYehAndKaf_matchEitherWay() {
            assertThat(search("مرجوعی", "fa")).containsExactly(returns);
            assertThat(search("كالا", "fa")).containsExactly(returns);
            assertThat(search("امکان کالا", "fa")).containsExactly(returns);
            assertThat(search("تحویل", "fa")).containsExactly(returns);
        }

        @Test
        void digitVariants_andTheZeroWidthJoiner_compareEqual() {
            assertThat(search("3 روز", "fa")).containsExactly(shipping);
            assertThat(search("٢ روز", "fa")).containsExactly(shipping);
            assertThat(search("۷ روز", "fa")).containsExactly(returns);
            assertThat(search("7", "fa")).containsExactly(returns);
            assertThat(search("سفارشها", "fa")).containsExactly(shipping);
            assertThat(search("سفارش\u200Cها", "fa")).containsExactly(shipping);
        }

        @Test
        void everyWordMustMatch_caseDoesNot_andLocaleFilters() {
            assertThat(search("TRACK Order", "en")).containsExactly(tracking);
            assertThat(search("track refund", "en")).isEmpty();
            assertThat(search("track", "fa")).isEmpty();
            assertThat(api().get("/v1/faq/search?q=" + q("؟!")).status()).isEqualTo(400);
            assertThat(api().get("/v1/faq/search?q=x&locale=de").status()).isEqualTo(400);
        }

        @Test
        void publicFaq_listsCategoriesWithPublishedEntries() {
            JsonNode fa = ok(api().get("/v1/faq?locale=fa"), 200).json();
            assertThat(fa).hasSize(1);
            assertThat(fa.get(0).get("entries").findValuesAsText("id")).containsExactlyInAnyOrder(shipping, returns);
            assertThat(api().get("/v1/faq/entries/" + draft).status()).isEqualTo(404);
        }
    }

    @Nested
    class Helpful {
        @Test
        void oneVotePerVoter_changingAVoteMovesIt() {
            String e = tracking;
            String url = "/v1/faq/entries/" + e + "/feedback";
            ok(api().post(url, "{\"helpful\":true}"), 200);
            JsonNode again = ok(api().post(url, "{\"helpful\":true}"), 200).json();
            assertThat(again.get("helpful_yes").asLong()).as("the same client twice is one vote").isEqualTo(1);
            JsonNode changed = ok(api().post(url, "{\"helpful\":false}"), 200).json();
            assertThat(changed.get("helpful_yes").asLong()).isZero();
            assertThat(changed.get("helpful_no").asLong()).isEqualTo(1);
            Accounts.Session a = STAFF.customer("faq-a");
            Accounts.Session b = STAFF.customer("faq-b");
            ok(api().post("/v1/me/faq/entries/" + e + "/feedback", "{\"helpful\":true}", a.auth()), 200);
            ok(api().post("/v1/me/faq/entries/" + e + "/feedback", "{\"helpful\":true}", b.auth()), 200);
            JsonNode last = ok(api().post("/v1/me/faq/entries/" + e + "/feedback", "{\"helpful\":true}", b.auth()), 200)
                    .json();
            assertThat(last.get("helpful_yes").asLong()).isEqualTo(2);
            assertThat(last.get("helpful_no").asLong()).isEqualTo(1);
            JsonNode staffView = ok(api().get("/v1/admin/crm/faq/entries/" + e, STAFF.support()), 200).json();
            assertThat(staffView.get("helpful_yes").asLong()).isEqualTo(2);
            assertThat(api().post("/v1/faq/entries/" + draft + "/feedback", "{\"helpful\":true}").status())
                    .as("unpublished entries take no votes").isEqualTo(404);
            assertThat(api().post(url, "{\"helpful\":\"yes\"}").status()).isEqualTo(400);
        }
    }

    @Nested
    class SuggestionsAndDeflection {
        Api.Reply ticket(Accounts.Session c, String subject) {
            return ok(api().post("/v1/me/tickets", "{\"type\":\"question\",\"subject\":\"" + subject
                    + "\",\"message\":\"Please help\"}", c.auth()), 201);
        }

        JsonNode suggest(Accounts.Session c, String subject) {
            return ok(api().get("/v1/me/faq/suggestions?q=" + q(subject) + "&locale=fa", c.auth()), 200).json();
        }

        @Test
        void fourViews_oneFollowedByATicketWithinTheWindow_is75PercentDeflected() {
            Accounts.Session c1 = STAFF.customer("faq-c1");
            Accounts.Session c2 = STAFF.customer("faq-c2");
            Accounts.Session c3 = STAFF.customer("faq-c3");
            Accounts.Session c4 = STAFF.customer("faq-c4");
            Accounts.Session c5 = STAFF.customer("faq-c5");
            Instant t0 = BazaarApp.app(APP).clock.instant().truncatedTo(ChronoUnit.MILLIS);

            JsonNode s1 = suggest(c1, "ارسال سفارش من دير شد");
            assertThat(s1.get("entries").findValuesAsText("id")).containsExactly(shipping);
            assertThat(s1.get("view_id").isNull()).isFalse();
            JsonNode s2 = suggest(c2, "كالا را مرجوع كنم");
            assertThat(s2.get("entries").findValuesAsText("id")).containsExactly(returns);
            JsonNode s3 = suggest(c3, "زمان ارسال");
            JsonNode s4 = suggest(c4, "سفارش کی می‌رسد؟");
            JsonNode none = suggest(c5, "xyzzy");
            assertThat(none.get("entries")).isEmpty();
            assertThat(none.get("view_id").isNull()).as("nothing shown, nothing recorded").isTrue();

            // c3 says the entry solved it; solving with an entry not shown is 400, twice is 409.
            String v3 = s3.get("view_id").asText();
            assertThat(api().post("/v1/me/faq/suggestions/" + v3 + "/solved", "{\"entry_id\":\"" + tracking + "\"}",
                    c3.auth()).status()).isEqualTo(400);
            assertThat(api().post("/v1/me/faq/suggestions/" + v3 + "/solved", "{\"entry_id\":\"" + shipping + "\"}",
                    c4.auth()).status()).as("another customer's view").isEqualTo(404);
            ok(api().post("/v1/me/faq/suggestions/" + v3 + "/solved", "{\"entry_id\":\"" + shipping + "\"}", c3.auth()), 204);
            assertThat(api().post("/v1/me/faq/suggestions/" + v3 + "/solved", "{\"entry_id\":\"" + shipping + "\"}",
                    c3.auth()).status()).isEqualTo(409);

            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(10));
            ticket(c2, "Return please");
            String range = "?from=" + t0 + "&to=" + t0.plus(Duration.ofHours(1)) + "&window_minutes=30";
            JsonNode early = ok(api().get("/v1/admin/crm/faq/deflection" + range, STAFF.manager()), 200).json();
            assertThat(early.get("pending").asLong()).isEqualTo(4);
            assertThat(early.get("views").asLong()).isZero();
            assertThat(early.get("deflection_rate_percent").isNull()).isTrue();

            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(35)); // 45 min: outside c4's 30-minute window
            ticket(c4, "Where is my order");
            BazaarApp.app(APP).clock.advance(Duration.ofHours(1));
            JsonNode d = ok(api().get("/v1/admin/crm/faq/deflection" + range, STAFF.manager()), 200).json();
            assertThat(d.get("views").asLong()).isEqualTo(4);
            assertThat(d.get("followed_by_ticket").asLong()).isEqualTo(1);
            assertThat(d.get("deflected").asLong()).isEqualTo(3);
            assertThat(d.get("marked_solved").asLong()).isEqualTo(1);
            assertThat(d.get("pending").asLong()).isZero();
            assertThat(d.get("deflection_rate_percent").asDouble()).isEqualTo(75.0);
            // With a 60-minute window c4's ticket counts as following the suggestions: 2 of 4 deflected.
            JsonNode wide = ok(api().get("/v1/admin/crm/faq/deflection?from=" + t0 + "&to=" + t0.plus(Duration.ofHours(1))
                    + "&window_minutes=60", STAFF.manager()), 200).json();
            assertThat(wide.get("deflection_rate_percent").asDouble()).isEqualTo(50.0);
        }

        @Test
        void rolesAreEnforced() {
            assertThat(api().get("/v1/me/faq/suggestions?q=x").status()).isEqualTo(401);
            assertThat(api().get("/v1/admin/crm/faq/deflection?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                    STAFF.support()).status()).isEqualTo(403);
            Accounts.Session c = STAFF.customer("faq-role");
            assertThat(api().post("/v1/admin/crm/faq/categories", "{\"locale\":\"fa\",\"name\":\"x\"}", c.auth()).status())
                    .isEqualTo(403);
        }
    }
}
