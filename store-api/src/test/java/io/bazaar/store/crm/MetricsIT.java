package io.bazaar.store.crm;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metrics over a hand-built history, placed through the HTTP API at controlled clock times. Every
 * expected number is worked out by hand in the comments, not by the SQL under test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
    // The hand-computed totals are list prices: no loyalty tier discount may creep in as customers spend.
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension(
            io.dropwizard.testing.ConfigOverride.config("crm.loyalty.tiersEnabled", "false"));
    // No tax in the US and standard shipping is free from 50,000,000 IRR: grand total = price.
    static final String ADDRESS = "{\"name\":\"Test Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\","
            + "\"postal_code\":\"73301\",\"country\":\"US\"}";
    static final long RUG = 60_000_000;
    static final long TRAY = 80_000_000;

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    void setClock(String instant) {
        BazaarApp.app(APP).clock.set(Instant.parse(instant));
    }

    String[] staff() {
        return Accounts.admin(api()).auth();
    }


    record Product(String productId, String variantId) {
    }

    Product product(String title, long price) {
        Api.Reply r = api().post("/v1/admin/products", "{\"title\":\"" + title + "\",\"status\":\"active\","
                + "\"variants\":[{\"sku\":\"M-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"prices\":"
                + "[{\"currency\":\"IRR\",\"amount\":" + price + "}],\"stock_on_hand\":100}]}", staff());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Product(r.json().get("id").asText(), r.json().get("variants").get(0).get("id").asText());
    }

    String register(String prefix) {
        String email = Accounts.uniqueEmail(prefix);
        Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":\"" + prefix + "\"}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return email;
    }

    /** Customer sessions last 30 days and the history spans months: sign in for each order. */
    String[] signIn(String email) {
        return new String[] {"Authorization", "Bearer " + Accounts.signIn(api(), "/v1/sessions", email, Accounts.PASSWORD)};
    }

    String place(String email, Product p, long expectedTotal) {
        String[] auth = signIn(email);
        Api.Reply add = api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + p.variantId() + "\",\"quantity\":1}", auth);
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + ADDRESS
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", auth);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json().get("order");
        assertThat(order.get("totals").get("grand_total").get("amount").asLong()).isEqualTo(expectedTotal);
        String id = order.get("id").asText();
        awaitLedger(id, "placed");
        return id;
    }

    String paid(String email, Product p, long expectedTotal) {
        String id = place(email, p, expectedTotal);
        Api.Reply pay = api().post("/v1/admin/orders/" + id + "/manual-payment", null, staff());
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        awaitLedger(id, "paid");
        return id;
    }

    void awaitLedger(String orderId, String status) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_order_ledger WHERE order_id = CAST(:id AS uuid) AND status = :s")
                .bind("id", orderId).bind("s", status).mapTo(Long.class).one()) == 1);
    }

    JsonNode get(String path) {
        Api.Reply r = api().get(path, staff());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asDouble()));
        return out;
    }

    @Test
    @Order(1)
    void ordersHistory_givesHandComputedRetentionRepeatRateAovClvCohortsAndReturnRates() {
        setClock("2030-01-10T10:00:00Z");
        Product rug = product("Metrics rug", RUG);
        Product tray = product("Metrics tray", TRAY);
        String a = register("ana");
        String b = register("bob");
        String c = register("cyrus");
        String d = register("dina");
        String e = register("ella");

        // January 2030: A rug, B tray, C rug; D places a rug and cancels it (never counts).
        paid(a, rug, RUG);
        paid(b, tray, TRAY);
        paid(c, rug, RUG);
        String cancelled = place(d, rug, RUG);
        assertThat(api().post("/v1/me/orders/" + cancelled + "/cancellation", "{}", signIn(d)).status()).isEqualTo(200);
        awaitLedger(cancelled, "cancelled");

        // February 2030: A tray, partly refunded (20,000,000 back: net 60,000,000); E's first purchase, a rug.
        setClock("2030-02-10T10:00:00Z");
        String refundedOrder = paid(a, tray, TRAY);
        Api.Reply refund = api().post("/v1/admin/refunds", "{\"order_id\":\"" + refundedOrder
                + "\",\"amount\":20000000,\"reason\":\"scratched tray\"}", staff());
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT refunded_amount FROM crm_order_ledger WHERE order_id = CAST(:id AS uuid)")
                .bind("id", refundedOrder).mapTo(Long.class).one()) == 20_000_000L);
        paid(e, rug, RUG);

        // March 2030: A rug, C tray.
        setClock("2030-03-10T10:00:00Z");
        String aMarch = paid(a, rug, RUG);
        paid(c, tray, TRAY);

        // Purchases (net): A 60M (Jan) 60M (Feb) 60M (Mar); B 80M (Jan); C 60M (Jan) 80M (Mar); E 60M (Feb).

        // Retention: Feb = Jan buyers {A,B,C} who bought in Feb {A,E} -> 1/3; Mar = Feb {A,E} again in Mar {A,C} -> 1/2.
        JsonNode retention = get("/v1/admin/crm/metrics/retention?period=month&from=2030-01-01&to=2030-04-01");
        JsonNode periods = retention.get("periods");
        assertThat(periods).hasSize(3);
        assertThat(periods.get(0).get("period_start").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(periods.get(0).get("previous_customers").asLong()).isZero();
        assertThat(periods.get(0).get("active_customers").asLong()).isEqualTo(3);
        assertThat(periods.get(0).get("retention_percent").isNull()).isTrue();
        assertThat(periods.get(1).get("previous_customers").asLong()).isEqualTo(3);
        assertThat(periods.get(1).get("retained_customers").asLong()).isEqualTo(1);
        assertThat(periods.get(1).get("retention_percent").asDouble()).isEqualTo(33.3);
        assertThat(periods.get(1).get("churn_percent").asDouble()).isEqualTo(66.7);
        assertThat(periods.get(2).get("previous_customers").asLong()).isEqualTo(2);
        assertThat(periods.get(2).get("retained_customers").asLong()).isEqualTo(1);
        assertThat(periods.get(2).get("retention_percent").asDouble()).isEqualTo(50.0);
        // Quarterly: Q1 2030 has no buyers in Q4 2029.
        JsonNode quarter = get("/v1/admin/crm/metrics/retention?period=quarter&from=2030-01-01&to=2030-04-01");
        assertThat(quarter.get("periods").get(0).get("active_customers").asLong()).isEqualTo(4);

        // Repeat purchase, Jan-Mar: customers with >= 1 purchase {A,B,C,E} = 4, with >= 2 {A,C} = 2 -> 50.0 %.
        JsonNode repeat = get("/v1/admin/crm/metrics/repeat-purchase?from=2030-01-01&to=2030-04-01");
        assertThat(repeat.get("customers").asLong()).isEqualTo(4);
        assertThat(repeat.get("repeat_customers").asLong()).isEqualTo(2);
        assertThat(repeat.get("orders").asLong()).isEqualTo(7);
        assertThat(repeat.get("repeat_purchase_percent").asDouble()).isEqualTo(50.0);

        // AOV: 7 purchases, net 60+60+60+80+60+80+60 = 460,000,000 -> 65,714,285.71 -> 65,714,286 (half-up).
        JsonNode aov = get("/v1/admin/crm/metrics/order-value?currency=IRR&from=2030-01-01&to=2030-04-01");
        assertThat(aov.get("orders").asLong()).isEqualTo(7);
        assertThat(aov.get("gross_revenue").get("amount").asLong()).isEqualTo(480_000_000L);
        assertThat(aov.get("refunded").get("amount").asLong()).isEqualTo(20_000_000L);
        assertThat(aov.get("net_revenue").get("amount").asLong()).isEqualTo(460_000_000L);
        assertThat(aov.get("average_order_value").get("amount").asLong()).isEqualTo(65_714_286L);
        assertThat(aov.get("average_order_value").get("currency").asText()).isEqualTo("IRR");
        // Nothing in another currency.
        assertThat(get("/v1/admin/crm/metrics/order-value?currency=EUR&from=2030-01-01&to=2030-04-01")
                .get("average_order_value").isNull()).isTrue();

        // Historic CLV: A 180M + B 80M + C 140M + E 60M = 460M over 4 customers = 115,000,000.
        JsonNode clv = get("/v1/admin/crm/metrics/lifetime-value?currency=IRR");
        assertThat(clv.get("customers").asLong()).isEqualTo(4);
        assertThat(clv.get("historic").get("amount").asLong()).isEqualTo(115_000_000L);
        // No previous year to measure churn against yet: no prediction.
        assertThat(clv.get("predicted").get("lifetime_value").isNull()).isTrue();
        // At 2031-02-15: year [2030-02-15, 2031-02-15) has A 60M (Mar) and C 80M (Mar): AOV 70M, 1 order per
        // customer; previous year [2029-02-15, 2030-02-15) had {A,B,C,E}, of whom {A,C} bought again: retention
        // 50 %, churn 0.5, lifespan 2 years. Predicted = 70,000,000 x 1 x 2 = 140,000,000.
        JsonNode predicted = get("/v1/admin/crm/metrics/lifetime-value?currency=IRR&at=2031-02-15T00:00:00Z")
                .get("predicted");
        assertThat(predicted.get("average_order_value").get("amount").asLong()).isEqualTo(70_000_000L);
        assertThat(predicted.get("purchase_frequency").asDouble()).isEqualTo(1.0);
        assertThat(predicted.get("annual_retention_percent").asDouble()).isEqualTo(50.0);
        assertThat(predicted.get("expected_lifespan_years").asDouble()).isEqualTo(2.0);
        assertThat(predicted.get("lifetime_value").get("amount").asLong()).isEqualTo(140_000_000L);

        // Cohorts (now is March 2030): Jan {A,B,C}: Jan 3/3, Feb {A} 1/3, Mar {A,C} 2/3; Feb {E}: 1/1, Mar 0/1;
        // Mar: nobody's first purchase.
        JsonNode cohorts = get("/v1/admin/crm/metrics/cohorts?from=2030-01-01&to=2030-04-01&months=6").get("cohorts");
        assertThat(cohorts).hasSize(3);
        assertThat(cohorts.get(0).get("cohort").asText()).isEqualTo("2030-01");
        assertThat(cohorts.get(0).get("customers").asLong()).isEqualTo(3);
        assertThat(doubles(cohorts.get(0).get("retention_percent"))).containsExactly(100.0, 33.3, 66.7);
        assertThat(cohorts.get(1).get("cohort").asText()).isEqualTo("2030-02");
        assertThat(cohorts.get(1).get("customers").asLong()).isEqualTo(1);
        assertThat(doubles(cohorts.get(1).get("retention_percent"))).containsExactly(100.0, 0.0);
        assertThat(cohorts.get(2).get("customers").asLong()).isZero();
        assertThat(doubles(cohorts.get(2).get("retention_percent"))).containsExactly((Double) null);

        // Churn by inactivity (30 days) now (2030-03-10): last purchases A Mar 10, B Jan 10, C Mar 10, E Feb 10
        // (28 days ago) -> only B is inactive: 1/4 = 25.0 %.
        JsonNode churn = get("/v1/admin/crm/metrics/churn?inactive_days=30");
        assertThat(churn.get("customers").asLong()).isEqualTo(4);
        assertThat(churn.get("inactive_customers").asLong()).isEqualTo(1);
        assertThat(churn.get("churn_percent").asDouble()).isEqualTo(25.0);

        // Return rate: A returns the March rug. Rugs sold (paid, not cancelled): A Jan, C Jan, E Feb, A Mar = 4,
        // 1 returned -> 25.0 %; trays: B, A, C = 3, none returned -> 0.0 %.
        String line = jdbi().withHandle(h -> h.createQuery(
                "SELECT id::text FROM order_line WHERE order_id = CAST(:o AS uuid)").bind("o", aMarch)
                .mapTo(String.class).one());
        Api.Reply ship = api().post("/v1/admin/shipments", "{\"order_id\":\"" + aMarch + "\",\"carrier\":\"Post\","
                + "\"tracking_number\":\"TRK-M1\",\"lines\":[{\"order_line_id\":\"" + line + "\",\"quantity\":1}]}", staff());
        assertThat(ship.status()).as(ship.toString()).isEqualTo(201);
        assertThat(api().post("/v1/admin/shipments/" + ship.json().get("id").asText() + "/delivery", null, staff())
                .status()).isEqualTo(200);
        Api.Reply ret = api().post("/v1/me/returns", "{\"order_id\":\"" + aMarch + "\",\"lines\":[{\"order_line_id\":\""
                + line + "\",\"quantity\":1}],\"reason_code\":\"damaged\"}", signIn(a));
        assertThat(ret.status()).as(ret.toString()).isEqualTo(201);
        String returnId = ret.json().get("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_return_line_ledger WHERE return_id = CAST(:id AS uuid)")
                .bind("id", returnId).mapTo(Long.class).one()) == 1);
        JsonNode rates = get("/v1/admin/crm/metrics/return-rates?from=2030-01-01&to=2030-04-01").get("products");
        assertThat(rates).hasSize(2);
        assertThat(rates.get(0).get("product_id").asText()).isEqualTo(rug.productId());
        assertThat(rates.get(0).get("units_sold").asLong()).isEqualTo(4);
        assertThat(rates.get(0).get("units_returned").asLong()).isEqualTo(1);
        assertThat(rates.get(0).get("return_rate_percent").asDouble()).isEqualTo(25.0);
        assertThat(rates.get(1).get("product_id").asText()).isEqualTo(tray.productId());
        assertThat(rates.get(1).get("units_sold").asLong()).isEqualTo(3);
        assertThat(rates.get(1).get("return_rate_percent").asDouble()).isEqualTo(0.0);
    }

    @Test
    @Order(2)
    void leadsAndTimeline_giveHandComputedConversionAndCommunicationMix() {
        // Nothing from the first test may still be waiting to be sent (it would land in this month).
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_message WHERE status = 'queued'").mapTo(Long.class).one()) == 0);
        setClock("2031-06-10T09:00:00Z");
        String e1 = Accounts.uniqueEmail("lead1");
        String e2 = Accounts.uniqueEmail("lead2");
        String e3 = Accounts.uniqueEmail("lead3");
        String e4 = Accounts.uniqueEmail("lead4");
        for (String email : List.of(e1, e2, e3)) {
            assertThat(api().post("/v1/newsletter", "{\"email\":\"" + email + "\",\"locale\":\"en\",\"consent\":true}")
                    .status()).isBetween(200, 204);
        }
        assertThat(api().post("/v1/leads/questions", "{\"email\":\"" + e4 + "\",\"question\":\"Is it wool?\","
                + "\"marketing_consent\":false}").status()).isBetween(200, 204);

        // Lead 1 registers 2 hours later, lead 2 after 6 hours; leads 3 and 4 never do.
        BazaarApp.app(APP).clock.advance(Duration.ofHours(2));
        String c1 = registerWith(e1);
        BazaarApp.app(APP).clock.advance(Duration.ofHours(4));
        String c2 = registerWith(e2);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_lead WHERE converted_at IS NOT NULL").mapTo(Long.class).one()) == 2);

        // 4 leads, 2 converted -> 50.0 %; median of 7,200 s and 21,600 s = 14,400 s.
        // Newsletter: 3 leads, 2 converted -> 66.7 %; question: 1 lead, none converted -> 0.0 %.
        JsonNode leads = get("/v1/admin/crm/metrics/lead-conversion?from=2031-06-01&to=2031-07-01");
        assertThat(leads.get("total").get("leads").asLong()).isEqualTo(4);
        assertThat(leads.get("total").get("converted").asLong()).isEqualTo(2);
        assertThat(leads.get("total").get("conversion_percent").asDouble()).isEqualTo(50.0);
        assertThat(leads.get("total").get("median_seconds_to_convert").asLong()).isEqualTo(14_400);
        JsonNode bySource = leads.get("by_source");
        assertThat(bySource).hasSize(2);
        assertThat(bySource.get(0).get("source").asText()).isEqualTo("newsletter");
        assertThat(bySource.get(0).get("conversion_percent").asDouble()).isEqualTo(66.7);
        assertThat(bySource.get(1).get("source").asText()).isEqualTo("question");
        assertThat(bySource.get(1).get("conversion_percent").asDouble()).isEqualTo(0.0);
        assertThat(bySource.get(1).get("median_seconds_to_convert").isNull()).isTrue();

        // June 2031 timeline: per customer customer.registered, lead.converted and the welcome message.sent
        // (transactional) = 6; staff log a phone call and a visit (physical) and an email (interactive).
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM crm_timeline_entry WHERE type = 'message.sent' AND occurred_at >= '2031-06-01'")
                .mapTo(Long.class).one()) == 2);
        logEntry(c1, "call", "physical", "phone");
        logEntry(c1, "visit", "physical", "in_person");
        logEntry(c2, "email", "interactive", "email");
        // 9 entries: 6/9 = 66.7 %, 1/9 = 11.1 %, 2/9 = 22.2 %; July has none.
        JsonNode mix = get("/v1/admin/crm/metrics/communication-mix?period=month&from=2031-06-01&to=2031-08-01")
                .get("periods");
        assertThat(mix).hasSize(2);
        JsonNode june = mix.get(0);
        assertThat(june.get("period_start").asText()).isEqualTo("2031-06-01T00:00:00Z");
        assertThat(june.get("total").asLong()).isEqualTo(9);
        assertThat(june.get("transactional").asLong()).isEqualTo(6);
        assertThat(june.get("interactive").asLong()).isEqualTo(1);
        assertThat(june.get("physical").asLong()).isEqualTo(2);
        assertThat(june.get("transactional_percent").asDouble()).isEqualTo(66.7);
        assertThat(june.get("interactive_percent").asDouble()).isEqualTo(11.1);
        assertThat(june.get("physical_percent").asDouble()).isEqualTo(22.2);
        assertThat(mix.get(1).get("total").asLong()).isZero();
        assertThat(mix.get(1).get("transactional_percent").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void metricsAreForManagers_andBadParametersAre400() {
        Accounts.Session customer = Accounts.registerAndSignIn(api(), "nosy");
        assertThat(api().get("/v1/admin/crm/metrics/churn", customer.auth()).status()).isEqualTo(403);
        assertThat(api().get("/v1/admin/crm/metrics/churn").status()).isEqualTo(401);
        assertThat(api().get("/v1/admin/crm/metrics/order-value?from=2030-01-01&to=2030-02-01", staff()).status())
                .isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/metrics/order-value?currency=XYZ&from=2030-01-01&to=2030-02-01", staff())
                .status()).isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/metrics/retention?period=week&from=2030-01-01&to=2030-02-01", staff())
                .status()).isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/metrics/retention?from=2030-01-15&to=2030-01-20", staff()).status())
                .isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/metrics/retention?from=2000-01-01&to=2030-01-01", staff()).status())
                .isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/metrics/repeat-purchase?from=yesterday&to=2030-01-01", staff()).status())
                .isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/metrics/satisfaction?from=2030-01-01&to=2030-03-01", staff()).json()
                .get("periods")).hasSize(2);
        assertThat(api().get("/v1/admin/crm/metrics/ticket-sla?from=2030-01-01&to=2030-03-01", staff()).json()
                .get("periods")).hasSize(2);
    }

    String registerWith(String email) {
        Api.Reply reg = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD
                + "\",\"name\":\"Lead Person\"}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return reg.json().get("id").asText();
    }

    void logEntry(String customerId, String type, String kind, String channel) {
        await().atMost(Duration.ofSeconds(15)).until(() -> api().get("/v1/admin/crm/customers/" + customerId, staff())
                .status() == 200);
        Api.Reply r = api().post("/v1/admin/crm/customers/" + customerId + "/timeline", "{\"type\":\"" + type
                + "\",\"kind\":\"" + kind + "\",\"channel\":\"" + channel + "\",\"summary\":\"Talked\"}", staff());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
}
