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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFM quintiles and named segments for a hand-built set of ten buyers and two leads (docs/SEGMENTS.md).
 *
 * <p>Each order is q units of 1,000,000 IRR plus 500,000 shipping. Hand computation (ntile(5) over 10 customers:
 * positions 0-1 score 1, 2-3 score 2, ... 8-9 score 5):
 * <pre>
 *      last day  counted orders  net spend     R F M  segment
 *   A     50          4          18,000,000    5 5 5  champions
 *   B     40          4          11,000,000    4 5 4  champions
 *   C     51          1           5,500,000    5 1 2  new
 *   D     30          2           8,000,000    3 3 3  potential
 *   E     20          3           6,500,000    2 3 3  at_risk
 *   F     21          1           4,500,000    2 1 2  hibernating
 *   G     10          2 (+1 fully refunded on day 60, not counted)  4,000,000  1 2 1  lost
 *   H     11          2           3,000,000    1 2 1  lost
 *   I     41          3          12,500,000 (13,500,000 - 1,000,000 refund)  4 4 5  champions
 *   J     31          3           9,500,000    3 4 4  loyal
 *   K  never bought: lead;   L  only order cancelled: lead
 * </pre>
 * Frequency ties are broken by the older last order first: count 1 = F(21), C(51); count 2 = G, H, D;
 * count 3 = E, J, I; count 4 = B, A.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RfmSegmentsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("crm.campaigns.jobsEnabled", "false"));

    Api api() {
        return BazaarApp.api(APP);
    }

    record Buy(int day, String customer, int quantity) {
    }

    @Test
    void handBuiltCustomers_getTheHandComputedScoresAndSegments() {
        Shopping shop = new Shopping(api());
        String variant = shop.product("RFM Teapot");
        Map<String, Accounts.Session> people = new LinkedHashMap<>();
        for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L")) {
            people.put(name, Accounts.registerAndSignIn(api(), "rfm-" + name.toLowerCase()));
        }
        List<Buy> buys = new ArrayList<>(List.of(
                new Buy(2, "A", 4), new Buy(4, "A", 4), new Buy(6, "A", 4), new Buy(50, "A", 4),
                new Buy(1, "B", 2), new Buy(3, "B", 2), new Buy(5, "B", 2), new Buy(40, "B", 3),
                new Buy(51, "C", 5),
                new Buy(7, "D", 3), new Buy(30, "D", 4),
                new Buy(2, "E", 1), new Buy(8, "E", 2), new Buy(20, "E", 2),
                new Buy(21, "F", 4),
                new Buy(1, "G", 1), new Buy(10, "G", 2), new Buy(60, "G", 1),
                new Buy(3, "H", 1), new Buy(11, "H", 1),
                new Buy(4, "I", 4), new Buy(6, "I", 4), new Buy(41, "I", 4),
                new Buy(5, "J", 2), new Buy(9, "J", 3), new Buy(31, "J", 3),
                new Buy(55, "L", 1)));
        buys.sort(Comparator.comparingInt(Buy::day));
        Instant start = BazaarApp.app(APP).clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, String> lastOrder = new HashMap<>();
        for (Buy b : buys) {
            BazaarApp.app(APP).clock.set(start.plus(Duration.ofDays(b.day())));
            lastOrder.put(b.customer(), shop.paidOrder(people.get(b.customer()), variant, b.quantity()));
            if (b.customer().equals("I") && b.day() == 41) {
                shop.refund(lastOrder.get("I"), 1_000_000);
            }
            if (b.customer().equals("G") && b.day() == 60) {
                shop.refund(lastOrder.get("G"), Shopping.UNIT + Shopping.SHIPPING);
            }
            if (b.customer().equals("L")) {
                shop.cancel(lastOrder.get("L"));
            }
        }
        String[] admin = shop.admin();

        // Each order/refund fact re-scores its customer at once (before any full refresh): wait until the
        // intake has seen the last facts of everyone.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(score(people.get("I"), admin).get("monetary_amount").asLong()).isEqualTo(12_500_000);
            assertThat(score(people.get("G"), admin).get("order_count").asInt()).isEqualTo(2);
            assertThat(score(people.get("C"), admin).get("order_count").asInt()).isEqualTo(1);
            assertThat(api().get("/v1/admin/crm/rfm/customers/" + people.get("L").id(), admin).status())
                    .isEqualTo(404);
        });

        Api.Reply refresh = api().post("/v1/admin/crm/rfm/refresh", null, admin);
        assertThat(refresh.status()).as(refresh.toString()).isEqualTo(200);
        assertThat(refresh.json().get("scored").asLong()).isEqualTo(10);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("A", "5 5 5 champions 18000000 4");
        expected.put("B", "4 5 4 champions 11000000 4");
        expected.put("C", "5 1 2 new 5500000 1");
        expected.put("D", "3 3 3 potential 8000000 2");
        expected.put("E", "2 3 3 at_risk 6500000 3");
        expected.put("F", "2 1 2 hibernating 4500000 1");
        expected.put("G", "1 2 1 lost 4000000 2");
        expected.put("H", "1 2 1 lost 3000000 2");
        expected.put("I", "4 4 5 champions 12500000 3");
        expected.put("J", "3 4 4 loyal 9500000 3");
        Map<String, String> actual = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            JsonNode s = score(people.get(name), admin);
            actual.put(name, s.get("recency").asInt() + " " + s.get("frequency").asInt() + " " + s.get("monetary").asInt()
                    + " " + s.get("segment").asText() + " " + s.get("monetary_amount").asLong() + " "
                    + s.get("order_count").asInt());
        }
        assertThat(actual).isEqualTo(expected);
        // The customer 360 shows the same score, and a lead as such.
        JsonNode a360 = api().get("/v1/admin/crm/customers/" + people.get("J").id(), admin).json().get("rfm");
        assertThat(a360.get("recency").asInt() + " " + a360.get("frequency").asInt() + " " + a360.get("monetary").asInt()
                + " " + a360.get("segment").asText()).isEqualTo("3 4 4 loyal");
        assertThat(api().get("/v1/admin/crm/customers/" + people.get("K").id(), admin).json().get("rfm")
                .get("segment").asText()).isEqualTo("lead");
        assertThat(score(people.get("A"), admin).get("last_order_at").asText())
                .isEqualTo(start.plus(Duration.ofDays(50)).toString());

        Map<String, Long> counts = new HashMap<>();
        api().get("/v1/admin/crm/rfm/segments", admin).json().get("segments")
                .forEach(n -> counts.put(n.get("segment").asText(), n.get("customers").asLong()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("champions", 3L, "loyal", 1L, "potential", 1L,
                "new", 1L, "at_risk", 1L, "hibernating", 1L, "lost", 2L, "lead", 2L));

        // Members, paginated two at a time: exactly A, B and I.
        List<String> champions = new ArrayList<>();
        String cursor = "";
        do {
            Api.Reply page = api().get("/v1/admin/crm/rfm/segments/champions/customers?limit=2" + cursor, admin);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(m -> champions.add(m.get("customer_id").asText()));
            cursor = page.json().get("next_cursor").isNull() ? null : "&cursor=" + page.json().get("next_cursor").asText();
        } while (cursor != null);
        assertThat(champions).containsExactlyInAnyOrder(people.get("A").id(), people.get("B").id(), people.get("I").id());
        assertThat(api().get("/v1/admin/crm/rfm/segments/lead/customers", admin).json().get("data")
                .findValuesAsText("customer_id")).containsExactlyInAnyOrder(people.get("K").id(), people.get("L").id());
        assertThat(api().get("/v1/admin/crm/rfm/segments/vip/customers", admin).status()).isEqualTo(422);

        // A customer cannot read segments.
        String k = Accounts.signIn(api(), "/v1/sessions", people.get("K").email(), Accounts.PASSWORD);
        assertThat(api().get("/v1/admin/crm/rfm/segments", "Authorization", "Bearer " + k).status()).isEqualTo(403);
    }

    JsonNode score(Accounts.Session s, String[] admin) {
        Api.Reply r = api().get("/v1/admin/crm/rfm/customers/" + s.id(), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
