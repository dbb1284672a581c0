package io.bazaar.store.loyalty;

import static io.bazaar.store.loyalty.LoyaltyFixtures.ADDRESS_IR;
import static io.bazaar.store.loyalty.LoyaltyFixtures.amount;
import static io.bazaar.store.loyalty.LoyaltyFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tiers from the rolling 12-month net spend in the CRM's order ledger (issue #8), with the default tiers:
 * Silver from 20,000,000 IRR (2 %), Gold from 100,000,000 IRR (5 %, free shipping), VIP from 500,000,000 IRR
 * (10 %, free shipping, early access).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TiersIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    final LoyaltyFixtures f = new LoyaltyFixtures(APP);

    Api api() {
        return f.api();
    }

    JsonNode tierOf(Accounts.Session s) {
        return api().get("/v1/admin/crm/customers/" + s.id() + "/tier", f.admin()).json();
    }

    String tierCode(Accounts.Session s) {
        JsonNode tier = tierOf(s).get("tier");
        return tier == null || tier.isNull() ? null : tier.get("code").asText();
    }

    List<String> templates(Accounts.Session s) {
        List<String> out = new ArrayList<>();
        api().get("/v1/admin/crm/customers/" + s.id() + "/messages", f.admin()).json().get("data")
                .forEach(m -> out.add(m.get("template").asText()));
        return out;
    }

    /** Buys one unit at this price with standard shipping and pays; answers the order id. */
    String paidOrder(Accounts.Session s, long price, String method) {
        String v = f.variant("IRR", price, 5);
        f.addToMyCart(s, v, 1);
        f.shipTo(s, "IR", method);
        String orderId = f.placed(f.checkout(s, ADDRESS_IR, method, ""));
        f.pay(orderId);
        return orderId;
    }

    @Test
    void crossingTheThreshold_givesTheTier_andItsDiscountOnTheNextCheckout_announcedOnlyWithConsent() {
        Accounts.Session yes = Accounts.registerAndSignIn(api(), "tier-consent");
        Accounts.Session no = Accounts.registerAndSignIn(api(), "tier-quiet");
        assertThat(f.put("/v1/me/consents", "{\"consents\":[{\"channel\":\"email\",\"purpose\":\"marketing\","
                + "\"granted\":true}]}", yes.auth()).status()).isEqualTo(200);

        for (Accounts.Session s : List.of(yes, no)) {
            // The first order has no tier line; 25,000,000 + 500,000 shipping = 25,500,000 paid.
            String v = f.variant("IRR", 25_000_000, 5);
            f.addToMyCart(s, v, 1);
            f.shipTo(s, "IR", "standard");
            JsonNode before = api().get("/v1/me/cart", s.auth()).json();
            assertThat(line(before.get("discounts"), "tier")).isNull();
            String orderId = f.placed(f.checkout(s, ADDRESS_IR, "standard", ""));
            assertThat(tierCode(s)).isNull();
            f.pay(orderId);
            await().atMost(Duration.ofSeconds(10)).until(() -> "silver".equals(tierCode(s)));

            // The next checkout: "Silver member 2%" of 10,000,000 = 200,000 as its own line.
            String next = f.variant("IRR", 10_000_000, 5);
            f.addToMyCart(s, next, 1);
            f.shipTo(s, "IR", "standard");
            JsonNode cart = api().get("/v1/me/cart", s.auth()).json();
            JsonNode tier = line(cart.get("discounts"), "tier");
            assertThat(tier).as(cart.toString()).isNotNull();
            assertThat(tier.get("name").asText()).isEqualTo("Silver member 2%");
            assertThat(tier.get("amount").get("amount").asLong()).isEqualTo(200_000);
            assertThat(amount(cart.get("totals"), "grand_total")).isEqualTo(10_300_000);
            String second = f.placed(f.checkout(s, ADDRESS_IR, "standard", ""));
            assertThat(line(api().get("/v1/me/orders/" + second, s.auth()).json().get("discounts"), "tier")
                    .get("amount").get("amount").asLong()).isEqualTo(200_000);

            JsonNode mine = api().get("/v1/me/loyalty", s.auth()).json();
            assertThat(mine.get("tier").get("code").asText()).isEqualTo("silver");
            assertThat(mine.get("next_tier").get("code").asText()).isEqualTo("gold");
            JsonNode irr = null;
            for (JsonNode p : mine.get("progress")) {
                if ("IRR".equals(p.get("currency").asText())) {
                    irr = p;
                }
            }
            assertThat(irr.get("net_spend").get("amount").asLong()).isEqualTo(25_500_000);
            assertThat(irr.get("remaining").get("amount").asLong()).isEqualTo(100_000_000 - 25_500_000);

            JsonNode history = tierOf(s).get("history");
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("from_tier").isNull()).isTrue();
            assertThat(history.get(0).get("to_tier").asText()).isEqualTo("silver");
            assertThat(history.get(0).get("reason").asText()).isEqualTo("order paid");
            assertThat(history.get(0).get("net_spend").get("IRR").asLong()).isEqualTo(25_500_000);
        }
        assertThat(templates(yes)).contains("promotion");
        assertThat(templates(no)).doesNotContain("promotion");
    }

    @Test
    void aRefundBelowTheThreshold_dropsTheTierAtOnce_withItsReasonInTheHistory() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "tier-refund");
        // 21,000,000 + 500,000 = 21,500,000 -> silver.
        String orderId = paidOrder(s, 21_000_000, "standard");
        await().atMost(Duration.ofSeconds(10)).until(() -> "silver".equals(tierCode(s)));
        // A dynamic segment of silver members holds the customer exactly while the tier lasts.
        Api.Reply segment = api().post("/v1/admin/crm/segments", "{\"name\":\"Silver members " + s.id()
                + "\",\"rules\":[{\"field\":\"tier\",\"value\":\"silver\"}]}", f.admin());
        assertThat(segment.status()).as(segment.toString()).isEqualTo(201);
        String members = "/v1/admin/crm/segments/" + segment.json().get("id").asText() + "/customers?limit=200";
        assertThat(api().get(members, f.admin()).json().get("data").findValuesAsText("customer_id")).contains(s.id());
        // Refunding 2,000,000 leaves 19,500,000 < 20,000,000.
        Api.Reply refund = api().post("/v1/admin/refunds", "{\"order_id\":\"" + orderId
                + "\",\"amount\":2000000,\"reason\":\"late delivery\"}", f.admin());
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> tierCode(s) == null);
        JsonNode history = tierOf(s).get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("from_tier").asText()).isEqualTo("silver");
        assertThat(history.get(0).get("to_tier").isNull()).isTrue();
        assertThat(history.get(0).get("reason").asText()).isEqualTo("refund");
        assertThat(history.get(0).get("net_spend").get("IRR").asLong()).isEqualTo(19_500_000);
        assertThat(api().get(members, f.admin()).json().get("data").findValuesAsText("customer_id"))
                .doesNotContain(s.id());

        String v = f.variant("IRR", 10_000_000, 5);
        f.addToMyCart(s, v, 1);
        assertThat(line(api().get("/v1/me/cart", s.auth()).json().get("discounts"), "tier")).isNull();
    }

    @Test
    void vip_getsFreeShippingAndAnAccountManagerSuggestion_andSpendAgesOutThroughTheJob() throws Exception {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "tier-vip");
        // Express shipping is never free: 500,000,000 + 1,000,000 = 501,000,000 -> VIP.
        paidOrder(s, 500_000_000, "express");
        await().atMost(Duration.ofSeconds(10)).until(() -> "vip".equals(tierCode(s)));
        JsonNode suggestions = api().get("/v1/admin/crm/loyalty/vip-suggestions", f.admin()).json().get("data");
        assertThat(suggestions.findValuesAsText("customer_id")).contains(s.id());

        // Next cart: VIP 10 % of 10,000,000 = 1,000,000 and the 1,000,000 express shipping zeroed.
        String v = f.variant("IRR", 10_000_000, 5);
        f.addToMyCart(s, v, 1);
        f.shipTo(s, "IR", "express");
        JsonNode cart = api().get("/v1/me/cart", s.auth()).json();
        List<String> names = cart.get("discounts").findValuesAsText("name");
        assertThat(names).contains("VIP 10%", "VIP free shipping");
        assertThat(amount(cart.get("totals"), "shipping_total")).isEqualTo(1_000_000);
        assertThat(amount(cart.get("totals"), "discount_total")).isEqualTo(2_000_000);
        assertThat(amount(cart.get("totals"), "grand_total")).isEqualTo(9_000_000);
        assertThat(api().get("/v1/me/loyalty", s.auth()).json().get("tier").get("early_access").asBoolean()).isTrue();

        // 13 months later the spend is out of the window: the job (run twice at once) lowers the tier once.
        BazaarApp.app(APP).clock.advance(Duration.ofDays(400));
        List<Integer> claimed = Parallel.times(2, () -> BazaarApp.app(APP).crm().loyaltyProgram()
                .reevaluateDueTiers(1_000));
        assertThat(claimed.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
        assertThat(tierCode(s)).isNull();
        JsonNode history = tierOf(s).get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("reason").asText()).isEqualTo("periodic re-evaluation");
        assertThat(history.get(0).get("from_tier").asText()).isEqualTo("vip");
        assertThat(api().get("/v1/admin/crm/loyalty/vip-suggestions", f.admin()).json().get("data")
                .findValuesAsText("customer_id")).doesNotContain(s.id());
        // Nothing is due again until the next interval.
        assertThat(BazaarApp.app(APP).crm().loyaltyProgram().reevaluateDueTiers(1_000)).isZero();
    }

    @Test
    void staffSeeTheConfiguredTiers() {
        JsonNode tiers = api().get("/v1/admin/crm/loyalty/tiers", f.admin()).json();
        assertThat(tiers.findValuesAsText("code")).containsExactly("silver", "gold", "vip");
        assertThat(tiers.get(1).get("thresholds").get("IRR").get("amount").asLong()).isEqualTo(100_000_000);
        assertThat(tiers.get(2).get("free_shipping").asBoolean()).isTrue();
        Accounts.Session c = Accounts.registerAndSignIn(api(), "tier-peek");
        assertThat(api().get("/v1/admin/crm/loyalty/tiers", c.auth()).status()).isEqualTo(403);
    }
}
