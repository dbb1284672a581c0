package io.bazaar.store.loyalty;

import static io.bazaar.store.loyalty.LoyaltyFixtures.ADDRESS_DE;
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
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redeeming loyalty points at checkout (issue #8): a discount line of its own in the cart and the order,
 * the minimum and maximum share with clear codes, points given back on cancellation, earn on the net paid
 * amount, and one balance spent once by 20 simultaneous checkouts. Default rules: 1 point = 1,000 IRR =
 * 0.01 EUR, at least 100 points, at most 50 % of the goods after discounts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoyaltyRedemptionIT {
    // The reservation expiry job runs often here, so an unpaid order expires soon after the clock moves.
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            ConfigOverride.config("checkout.expiryInterval", "200ms"));
    final LoyaltyFixtures f = new LoyaltyFixtures(APP);

    Api api() {
        return f.api();
    }

    @Test
    void redeemedPoints_areTheirOwnLine_inTheCartAndTheOrder_andEarnIsOnTheNetPaidAmount() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "redeem");
        f.givePoints(s, 3_000);
        String v = f.variant("IRR", 4_000_000, 5);
        f.addToMyCart(s, v, 1);
        f.shipTo(s, "IR", "standard");

        // 500 points = 500,000 IRR off 4,000,000; shipping 500,000 stays.
        Api.Reply cart = f.put("/v1/me/cart/points", "{\"points\":500}", s.auth());
        assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
        JsonNode points = line(cart.json().get("discounts"), "points");
        assertThat(points).as(cart.toString()).isNotNull();
        assertThat(points.get("points").asLong()).isEqualTo(500);
        assertThat(points.get("amount").get("amount").asLong()).isEqualTo(500_000);
        assertThat(points.get("kind").asText()).isEqualTo("points");
        assertThat(amount(cart.json().get("totals"), "discount_total")).isEqualTo(500_000);
        assertThat(amount(cart.json().get("totals"), "grand_total")).isEqualTo(4_000_000);
        assertThat(cart.json().get("points_redemption").get("balance").asLong()).isEqualTo(3_000);
        assertThat(cart.json().get("lines").get(0).get("discount").get("amount").asLong()).isEqualTo(500_000);

        // "max": half of 4,000,000 = 2,000,000 IRR = 2,000 points (the balance of 3,000 is more).
        cart = f.put("/v1/me/cart/points", "{\"max\":true}", s.auth());
        assertThat(cart.status()).isEqualTo(200);
        assertThat(line(cart.json().get("discounts"), "points").get("points").asLong()).isEqualTo(2_000);
        assertThat(amount(cart.json().get("totals"), "grand_total")).isEqualTo(2_500_000);

        Api.Reply placed = f.checkout(s, ADDRESS_IR, "standard", "");
        String orderId = f.placed(placed);
        JsonNode order = api().get("/v1/me/orders/" + orderId, s.auth()).json();
        // Checkout answers from what it wrote (points line included); a later read shows exactly that.
        assertThat(order).isEqualTo(placed.json().get("order"));
        JsonNode orderPoints = line(order.get("discounts"), "points");
        assertThat(orderPoints.get("points").asLong()).isEqualTo(2_000);
        assertThat(orderPoints.get("amount").get("amount").asLong()).isEqualTo(2_000_000);
        assertThat(orderPoints.get("promotion_id").isNull()).isTrue();
        assertThat(amount(order.get("totals"), "grand_total")).isEqualTo(2_500_000);
        assertThat(f.balance(s)).isEqualTo(1_000);
        assertThat(f.ledgerReasons(s)).containsExactly("redeem", "adjust");
        f.assertBalanceEqualsLedger(s);

        // Earned on what was paid: 2,500,000 IRR / 100,000 = 25 points (not 45 for the undiscounted 4,500,000).
        f.pay(orderId);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(s) == 1_025);
        f.assertBalanceEqualsLedger(s);
    }

    @Test
    void minimumAndMaximumShare_areEnforced_withClearCodes_andTheCartKeepsItsRequest() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "limits");
        f.givePoints(s, 5_000);
        String v = f.variant("IRR", 4_000_000, 5);
        f.addToMyCart(s, v, 1);

        Api.Reply tooMany = f.put("/v1/me/cart/points", "{\"points\":2001}", s.auth());
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("code").asText()).isEqualTo("points_above_maximum_share");
        Api.Reply tooFew = f.put("/v1/me/cart/points", "{\"points\":99}", s.auth());
        assertThat(tooFew.status()).isEqualTo(422);
        assertThat(tooFew.json().get("code").asText()).isEqualTo("points_below_minimum");
        Api.Reply more = f.put("/v1/me/cart/points", "{\"points\":5001}", s.auth());
        assertThat(more.status()).isEqualTo(409);
        assertThat(more.json().get("code").asText()).isEqualTo("insufficient_points");
        assertThat(f.put("/v1/me/cart/points", "{\"points\":1,\"max\":true}", s.auth()).status()).isEqualTo(400);
        assertThat(f.put("/v1/me/cart/points", "{\"amount\":100}", s.auth()).status()).isEqualTo(400);

        // The exact maximum is fine; then the cart shrinks below it: the line goes, a problem says why.
        assertThat(f.put("/v1/me/cart/points", "{\"points\":2000}", s.auth()).status()).isEqualTo(200);
        String cheap = f.variant("IRR", 1_000_000, 5);
        f.addToMyCart(s, cheap, 1);
        api().delete("/v1/me/cart/lines/" + v, s.auth());
        JsonNode cart = api().get("/v1/me/cart", s.auth()).json();
        assertThat(line(cart.get("discounts"), "points")).isNull();
        assertThat(cart.get("problems").findValuesAsText("code")).contains("points_above_maximum_share");
        f.shipTo(s, "IR", "standard");
        Api.Reply refused = f.checkout(s, ADDRESS_IR, "standard", "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("points_above_maximum_share");
        // The checkout body can ask for another amount: 500 points of at most 500.
        String orderId = f.placed(f.checkout(s, ADDRESS_IR, "standard", ",\"redeem_points\":500"));
        assertThat(line(api().get("/v1/me/orders/" + orderId, s.auth()).json().get("discounts"), "points")
                .get("amount").get("amount").asLong()).isEqualTo(500_000);
        assertThat(f.balance(s)).isEqualTo(4_500);
        f.assertBalanceEqualsLedger(s);

        // Guests have no points.
        String token = api().post("/v1/carts", "{\"currency\":\"IRR\"}").json().get("token").asText();
        api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + cheap + "\",\"quantity\":1}", "X-Cart-Token", token);
        Api.Reply guest = api().post("/v1/checkout", "{\"email\":\"g@example.com\",\"shipping_address\":" + ADDRESS_IR
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\",\"redeem_points\":100}",
                "X-Cart-Token", token);
        assertThat(guest.status()).isEqualTo(422);
        assertThat(guest.json().get("code").asText()).isEqualTo("points_not_redeemable");
    }

    @Test
    void eur_pointsAreCents_andTheMaximumIsHalfTheDiscountedGoods() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "euro");
        f.givePoints(s, 5_000);
        // Cart in EUR: a customer cart is in the default currency, so check out a guest cart as this customer.
        String v = f.variant("EUR", 1_999, 5);
        String token = api().post("/v1/carts", "{\"currency\":\"EUR\"}").json().get("token").asText();
        api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":1}", "X-Cart-Token", token);
        // 50 % of 19.99 EUR = 9.995 -> 9.99 EUR = 999 points; shipping 4.95 EUR to DE stays.
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS_DE
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\",\"redeem_max_points\":true}",
                "X-Cart-Token", token, "Authorization", "Bearer " + s.token());
        String orderId = f.placed(placed);
        JsonNode order = api().get("/v1/me/orders/" + orderId, s.auth()).json();
        assertThat(order.get("customer_id").asText()).isEqualTo(s.id());
        assertThat(line(order.get("discounts"), "points").get("points").asLong()).isEqualTo(999);
        assertThat(amount(order.get("totals"), "discount_total")).isEqualTo(999);
        assertThat(amount(order.get("totals"), "grand_total")).isEqualTo(1_999 - 999 + 495);
        assertThat(f.balance(s)).isEqualTo(4_001);
    }

    @Test
    void cancellingTheOrder_givesTheRedeemedPointsBack_once() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "cancel");
        f.givePoints(s, 3_000);
        String v = f.variant("IRR", 4_000_000, 5);
        f.addToMyCart(s, v, 1);
        f.shipTo(s, "IR", "standard");
        String orderId = f.placed(f.checkout(s, ADDRESS_IR, "standard", ",\"redeem_points\":1200"));
        assertThat(f.balance(s)).isEqualTo(1_800);

        Api.Reply cancelled = api().post("/v1/me/orders/" + orderId + "/cancellation", "{\"reason\":\"changed my mind\"}",
                s.auth());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(f.balance(s)).isEqualTo(3_000);
        assertThat(f.ledgerReasons(s)).containsExactly("redeem_return", "redeem", "adjust");
        assertThat(api().post("/v1/me/orders/" + orderId + "/cancellation", "{}", s.auth()).status()).isEqualTo(409);
        assertThat(f.balance(s)).isEqualTo(3_000);
        f.assertBalanceEqualsLedger(s);
    }

    @Test
    void anOrderThatExpiresUnpaid_givesTheRedeemedPointsBack() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "expire");
        f.givePoints(s, 2_000);
        String v = f.variant("IRR", 4_000_000, 5);
        f.addToMyCart(s, v, 1);
        f.shipTo(s, "IR", "standard");
        String orderId = f.placed(f.checkout(s, ADDRESS_IR, "standard", ",\"redeem_points\":700"));
        assertThat(f.balance(s)).isEqualTo(1_300);
        // Past the 30-minute reservation: the expiry job cancels the order (payment_timeout).
        BazaarApp.app(APP).clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(api().get("/v1/admin/orders/" + orderId,
                f.admin()).json().get("status").asText()));
        assertThat(f.balance(s)).isEqualTo(2_000);
        assertThat(f.stock(v)).isEqualTo(5);
        f.assertBalanceEqualsLedger(s);
    }

    /**
     * The customer gets 1,000 points, buys one 4,000,000 IRR item (+500,000 shipping) redeeming them all and
     * pays: 4,500,000 - 1,000,000 = 3,500,000 paid, so 35 points are earned. Answers the order id.
     */
    String paidOrderRedeemingAll(Accounts.Session s) {
        f.givePoints(s, 1_000);
        String v = f.variant("IRR", 4_000_000, 5);
        f.addToMyCart(s, v, 1);
        f.shipTo(s, "IR", "standard");
        String orderId = f.placed(f.checkout(s, ADDRESS_IR, "standard", ",\"redeem_points\":1000"));
        f.pay(orderId);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(s) == 35);
        return orderId;
    }

    @Test
    void aPaidOrderCancelledByStaff_givesRedeemedPointsBack_andTakesTheEarnedOnesBack() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "paidcancel");
        String orderId = paidOrderRedeemingAll(s);
        assertThat(api().post("/v1/admin/orders/" + orderId + "/cancellation", "{\"reason\":\"out of stock\"}",
                f.admin()).status()).isEqualTo(200);
        // 1,000 redeemed come back at once; the 35 earned go when the CRM hears of the cancellation.
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(s) == 1_000);
        f.assertBalanceEqualsLedger(s);
    }

    @Test
    void refunds_giveRedeemedPointsBackInProportion() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "refund");
        String orderId = paidOrderRedeemingAll(s);
        // Paid 3,500,000; refunding 1,750,000 (half) gives back 500 of the 1,000 redeemed points and takes
        // back 18 of the 35 earned (the earn reversal rounds up): 35 + 500 - 18 = 517.
        Api.Reply refund = api().post("/v1/admin/refunds", "{\"order_id\":\"" + orderId
                + "\",\"amount\":1750000,\"reason\":\"scratched\"}", f.admin());
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.balance(s) == 517);
        f.assertBalanceEqualsLedger(s);
        assertThat(f.ledgerReasons(s)).contains("redeem_return");
    }

    @Test
    void twentySimultaneousCheckouts_redeemingTheWholeBalance_spendItOnce() throws Exception {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "race");
        f.givePoints(s, 1_000);
        String v = f.variant("IRR", 4_000_000, 20);
        // Twenty carts of the same customer (guest carts it checks out as itself), each redeeming all 1,000.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = api().post("/v1/carts", "{\"currency\":\"IRR\"}").json().get("token").asText();
            assertThat(api().post("/v1/carts/current/lines", "{\"variant_id\":\"" + v + "\",\"quantity\":1}",
                    "X-Cart-Token", token).status()).isEqualTo(200);
            tokens.add(token);
        }
        List<Callable<Api.Reply>> tasks = tokens.stream().<Callable<Api.Reply>>map(t -> () -> api().post(
                "/v1/me/checkout", "{\"shipping_address\":" + ADDRESS_IR + ",\"shipping_method\":\"standard\","
                        + "\"payment_provider\":\"manual\",\"redeem_points\":1000}",
                "X-Cart-Token", t, "Authorization", "Bearer " + s.token())).toList();
        List<Api.Reply> replies = Parallel.all(20, tasks);

        Map<Integer, Long> byStatus = replies.stream().collect(Collectors.groupingBy(Api.Reply::status,
                Collectors.counting()));
        assertThat(byStatus).as(replies.toString()).isEqualTo(Map.of(201, 1L, 409, 19L));
        assertThat(replies.stream().filter(r -> r.status() == 409).map(r -> r.json().get("code").asText()).distinct()
                .toList()).containsExactly("insufficient_points");
        assertThat(f.balance(s)).isZero();
        f.assertBalanceEqualsLedger(s);
        assertThat(f.ledgerReasons(s)).containsExactly("redeem", "adjust");
        // Stock and orders: exactly one order took exactly one unit.
        assertThat(f.stock(v)).isEqualTo(19);
        assertThat(f.count("SELECT count(*) FROM customer_order WHERE customer_id = CAST(:id AS uuid)", s.id()))
                .isEqualTo(1);
    }
}
