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
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Referrals (issue #8): every customer has a code; a new customer who uses it gets 10 % off their first
 * order, and the referrer 500 points when that order is paid - once, never for oneself, never twice.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReferralIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    final LoyaltyFixtures f = new LoyaltyFixtures(APP);

    Api api() {
        return f.api();
    }

    String code(Accounts.Session s) {
        Api.Reply r = api().get("/v1/me/referral", s.auth());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("code").asText();
    }

    Api.Reply claim(Accounts.Session s, String code) {
        return api().post("/v1/me/referral/claim", "{\"code\":\"" + code + "\"}", s.auth());
    }

    @Test
    void aReferredCustomersFirstOrder_isDiscounted_andItsPaymentRewardsTheReferrerOnce() {
        Accounts.Session ana = Accounts.registerAndSignIn(api(), "referrer");
        Accounts.Session ben = Accounts.registerAndSignIn(api(), "referred");
        String code = code(ana);
        assertThat(code).matches("R[A-Z2-9]{8}");
        assertThat(code(ana)).as("stable").isEqualTo(code);
        assertThat(api().get("/v1/me/loyalty", ana.auth()).json().get("referral_code").asText()).isEqualTo(code);

        Api.Reply claimed = claim(ben, code.toLowerCase());
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        assertThat(claimed.header("Location").orElseThrow()).endsWith("/v1/me/referral");
        assertThat(claimed.json().get("referred_by").get("first_order_discount_available").asBoolean()).isTrue();

        // 10 % of 4,000,000 = 400,000 IRR, its own line; shipping 500,000.
        String v = f.variant("IRR", 4_000_000, 10);
        f.addToMyCart(ben, v, 1);
        f.shipTo(ben, "IR", "standard");
        JsonNode cart = api().get("/v1/me/cart", ben.auth()).json();
        JsonNode referral = line(cart.get("discounts"), "referral");
        assertThat(referral).as(cart.toString()).isNotNull();
        assertThat(referral.get("amount").get("amount").asLong()).isEqualTo(400_000);
        assertThat(amount(cart.get("totals"), "grand_total")).isEqualTo(4_100_000);
        String orderId = f.placed(f.checkout(ben, ADDRESS_IR, "standard", ""));
        assertThat(line(api().get("/v1/me/orders/" + orderId, ben.auth()).json().get("discounts"), "referral"))
                .isNotNull();

        // The second order gets no referral discount.
        f.addToMyCart(ben, v, 1);
        assertThat(line(api().get("/v1/me/cart", ben.auth()).json().get("discounts"), "referral")).isNull();

        // Paid: Ana gets 500 points, once (a second paid order of Ben's changes nothing).
        f.pay(orderId);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(ana) == 500);
        f.shipTo(ben, "IR", "standard");
        String second = f.placed(f.checkout(ben, ADDRESS_IR, "standard", ""));
        f.pay(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(ben) > 0);
        assertThat(f.balance(ana)).isEqualTo(500);
        assertThat(f.ledgerReasons(ana)).containsExactly("referral");
        f.assertBalanceEqualsLedger(ana);
        JsonNode mine = api().get("/v1/me/referral", ana.auth()).json();
        assertThat(mine.get("referred_customers").asLong()).isEqualTo(1);
        assertThat(mine.get("rewarded_referrals").asLong()).isEqualTo(1);

        // Ben cannot be referred again, by anyone.
        Accounts.Session cleo = Accounts.registerAndSignIn(api(), "other-referrer");
        Api.Reply again = claim(ben, code(cleo));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("referral_not_allowed");
    }

    @Test
    void ownCode_unknownCode_andCustomersWhoAlreadyOrdered_areRefused() {
        Accounts.Session ana = Accounts.registerAndSignIn(api(), "self");
        Api.Reply self = claim(ana, code(ana));
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("code").asText()).isEqualTo("referral_not_allowed");
        Api.Reply unknown = claim(ana, "RNOSUCH99");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("referral_code_invalid");
        assertThat(api().post("/v1/me/referral/claim", "{\"code\":\"X\",\"points\":5}", ana.auth()).status())
                .isEqualTo(400);

        Accounts.Session old = Accounts.registerAndSignIn(api(), "veteran");
        String v = f.variant("IRR", 1_000_000, 10);
        f.addToMyCart(old, v, 1);
        f.shipTo(old, "IR", "standard");
        String orderId = f.placed(f.checkout(old, ADDRESS_IR, "standard", ""));
        // Once the CRM has the order, the customer is no longer new.
        await().atMost(Duration.ofSeconds(10)).until(() -> f.count(
                "SELECT count(*) FROM crm_order_ledger WHERE order_id = CAST(:id AS uuid)", orderId) == 1);
        Api.Reply late = claim(old, code(ana));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asText()).isEqualTo("referral_not_allowed");
    }

    @Test
    void aFirstOrderCancelledUnpaid_freesTheDiscount_andRewardsNobody() {
        Accounts.Session ana = Accounts.registerAndSignIn(api(), "ref-a");
        Accounts.Session dan = Accounts.registerAndSignIn(api(), "ref-d");
        assertThat(claim(dan, code(ana)).status()).isEqualTo(201);
        String v = f.variant("IRR", 2_000_000, 10);
        f.addToMyCart(dan, v, 1);
        f.shipTo(dan, "IR", "standard");
        String first = f.placed(f.checkout(dan, ADDRESS_IR, "standard", ""));
        assertThat(api().post("/v1/me/orders/" + first + "/cancellation", "{}", dan.auth()).status()).isEqualTo(200);

        f.addToMyCart(dan, v, 1);
        JsonNode cart = api().get("/v1/me/cart", dan.auth()).json();
        assertThat(line(cart.get("discounts"), "referral").get("amount").get("amount").asLong()).isEqualTo(200_000);
        f.shipTo(dan, "IR", "standard");
        String second = f.placed(f.checkout(dan, ADDRESS_IR, "standard", ""));
        f.pay(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(ana) == 500);
        f.assertBalanceEqualsLedger(ana);
    }
}
