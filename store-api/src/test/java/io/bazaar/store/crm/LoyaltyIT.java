package io.bazaar.store.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.store.support.Parallel;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loyalty points from the real order ledger: earned on payment, taken back on cancellation, expired, adjusted. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoyaltyIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    long balance(Accounts.Session s) {
        return api().get("/v1/me/points", s.auth()).json().get("balance").asLong();
    }

    void assertBalanceEqualsLedger(String customerId) {
        long[] both = BazaarApp.app(APP).crm().loyalty().balanceAndLedgerSum(UUID.fromString(customerId));
        assertThat(both[0]).as("balance equals ledger sum").isEqualTo(both[1]);
    }

    /** A paid order of 4,000,000 IRR plus 500,000 shipping = 4,500,000 IRR, i.e. 45 points. */
    String paidOrder(Accounts.Session s, String[] admin) {
        Api.Reply product = api().post("/v1/admin/products", "{\"title\":\"Pottery " + UUID.randomUUID()
                + "\",\"status\":\"active\",\"variants\":"
                + "[{\"sku\":\"POT-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"prices\":[{\"currency\":\"IRR\","
                + "\"amount\":4000000}],\"stock_on_hand\":5}]}", admin);
        assertThat(product.status()).as(product.toString()).isEqualTo(201);
        String variant = product.json().get("variants").get(0).get("id").asText();
        api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":1}", s.auth());
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":{\"name\":\"N\",\"line1\":\"L\","
                + "\"city\":\"Isfahan\",\"country\":\"IR\"},\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}",
                s.auth());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        assertThat(placed.json().get("order").get("totals").get("grand_total").get("amount").asLong()).isEqualTo(4_500_000);
        assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin).status()).isEqualTo(200);
        return orderId;
    }

    @Test
    void paymentEarnsPoints_cancellationTakesThemBack_andTheLedgerAlwaysAddsUp() {
        String[] admin = Accounts.admin(api()).auth();
        Accounts.Session s = Accounts.registerAndSignIn(api(), "points");
        String orderId = paidOrder(s, admin);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(s) == 45);
        assertBalanceEqualsLedger(s.id());

        assertThat(api().post("/v1/admin/orders/" + orderId + "/cancellation", "{\"reason\":\"test\"}", admin).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(s) == 0);
        assertBalanceEqualsLedger(s.id());
        assertThat(api().get("/v1/me/points", s.auth()).json().get("ledger").get("data").findValuesAsText("reason"))
                .containsExactly("reverse", "earn");
    }

    @Test
    void pointsExpireAfterAYear_once() {
        String[] admin = Accounts.admin(api()).auth();
        Accounts.Session s = Accounts.registerAndSignIn(api(), "expiry");
        paidOrder(s, admin);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(s) == 45);
        assertThat(BazaarApp.app(APP).crm().loyalty().expireDue(100)).isZero();

        BazaarApp.app(APP).clock.advance(Duration.ofDays(366));
        assertThat(BazaarApp.app(APP).crm().loyalty().expireDue(100)).isGreaterThanOrEqualTo(1);
        assertThat(BazaarApp.app(APP).crm().loyalty().expireDue(100)).isZero();
        String token = Accounts.signIn(api(), "/v1/sessions", s.email(), Accounts.PASSWORD);
        assertThat(api().get("/v1/me/points", "Authorization", "Bearer " + token).json().get("balance").asLong()).isZero();
        assertBalanceEqualsLedger(s.id());
    }

    @Test
    void staffAdjustments_needAReason_neverGoNegative_evenWhenConcurrent() throws Exception {
        String[] admin = Accounts.admin(api()).auth();
        Accounts.Session s = Accounts.registerAndSignIn(api(), "adjust");
        await().atMost(Duration.ofSeconds(10)).until(() -> api().post("/v1/admin/crm/customers/" + s.id() + "/points",
                "{\"delta\":10,\"reason\":\"welcome gift\"}", admin).status() == 200);
        assertThat(balance(s)).isEqualTo(10);
        assertThat(api().post("/v1/admin/crm/customers/" + s.id() + "/points", "{\"delta\":5}", admin).status())
                .isEqualTo(400);
        Api.Reply tooMuch = api().post("/v1/admin/crm/customers/" + s.id() + "/points",
                "{\"delta\":-11,\"reason\":\"oops\"}", admin);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().get("code").asText()).isEqualTo("insufficient_points");

        List<Integer> statuses = Parallel.times(20, () -> api().post("/v1/admin/crm/customers/" + s.id() + "/points",
                "{\"delta\":-1,\"reason\":\"spend one\"}", admin).status());
        assertThat(statuses.stream().filter(x -> x == 200).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(x -> x == 409).count()).isEqualTo(10);
        assertThat(balance(s)).isZero();
        assertBalanceEqualsLedger(s.id());

        Accounts.Session other = Accounts.registerAndSignIn(api(), "other");
        assertThat(balance(other)).isZero();
        assertThat(api().get("/v1/admin/crm/customers/" + s.id() + "/points", other.auth()).status()).isEqualTo(403);
        assertThat(api().post("/v1/admin/crm/customers/" + UUID.randomUUID() + "/points",
                "{\"delta\":1,\"reason\":\"x\"}", admin).status()).isEqualTo(404);
    }
}
