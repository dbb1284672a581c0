package io.bazaar.store.crmintegration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.crm.intake.CustomerRegisteredFact;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.bazaar.crm.CrmModule;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The path from a store fact to the CRM timeline, through the outbox, proven over HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrmIntakeIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    @Test
    void registration_landsOnTheCustomerTimeline_asItsFirstEntry() {
        Accounts.Session customer = Accounts.registerAndSignIn(api(), "timeline");
        Accounts.Session admin = Accounts.admin(api());
        String path = "/v1/admin/crm/customers/" + customer.id() + "/timeline";

        JsonNode entries = await().atMost(Duration.ofSeconds(10)).until(
                () -> api().get(path, admin.auth()).json().get("data"),
                d -> d != null && d.findValuesAsText("type").contains("customer.registered"));
        // The oldest entry is the registration (the welcome email follows it).
        JsonNode entry = entries.get(entries.size() - 1);
        assertThat(entry.get("type").asText()).isEqualTo("customer.registered");
        assertThat(entry.get("kind").asText()).isEqualTo("transactional");
        assertThat(entry.get("channel").asText()).isEqualTo("web");
        assertThat(entry.get("customer_id").asText()).isEqualTo(customer.id());

        // Customers cannot read the CRM.
        assertThat(api().get(path, customer.auth()).status()).isEqualTo(403);
        // Filters and validation.
        assertThat(api().get(path + "?kind=physical", admin.auth()).json().get("data").size()).isZero();
        assertThat(api().get(path + "?kind=nonsense", admin.auth()).status()).isEqualTo(400);
        assertThat(api().get(path + "?from=yesterday", admin.auth()).status()).isEqualTo(400);
    }

    @Test
    void mobileRegistration_isRecordedWithTheMobileChannel() {
        String email = Accounts.uniqueEmail("mobile");
        Api.Reply r = api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"Pocket-Phone-88\"}",
                "X-Bazaar-Channel", "mobile");
        String id = r.json().get("id").asText();
        Accounts.Session admin = Accounts.admin(api());
        JsonNode entries = await().atMost(Duration.ofSeconds(10)).until(
                () -> api().get("/v1/admin/crm/customers/" + id + "/timeline?type=customer.registered", admin.auth())
                        .json().get("data"),
                d -> d != null && d.size() == 1);
        assertThat(entries.get(0).get("channel").asText()).isEqualTo("mobile");
    }

    @Test
    void sameEventDeliveredTwice_leavesOneEntry() {
        CrmModule crm = BazaarApp.app(APP).crm();
        UUID customerId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        CustomerRegisteredFact fact = new CustomerRegisteredFact(customerId, "twice@example.com", "Twice", null, "en",
                "web", Instant.now());
        for (int i = 0; i < 2; i++) {
            BazaarApp.app(APP).jdbi().useTransaction(h -> crm.intake().customerRegistered(h, eventId, fact));
        }
        Accounts.Session admin = Accounts.admin(api());
        // Only the registration counts here: the welcome email it queues lands on the timeline too, when sent.
        assertThat(api().get("/v1/admin/crm/customers/" + customerId + "/timeline?type=customer.registered",
                admin.auth()).json().get("data").size()).isEqualTo(1);
    }

    @Test
    void aCustomersOrder_placedPaidAndCancelled_landsOnTheTimeline_andIn360() {
        String[] admin = Accounts.admin(api()).auth();
        Api.Reply product = api().post("/v1/admin/products", "{\"title\":\"Tea\",\"status\":\"active\",\"variants\":"
                + "[{\"sku\":\"TEA-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"prices\":[{\"currency\":\"IRR\","
                + "\"amount\":2000000}],\"stock_on_hand\":10}]}", admin);
        String variant = product.json().get("variants").get(0).get("id").asText();
        Accounts.Session buyer = Accounts.registerAndSignIn(api(), "crm-buyer");
        api().post("/v1/me/cart/lines", "{\"variant_id\":\"" + variant + "\",\"quantity\":2}", buyer.auth());
        String address = "{\"name\":\"Buyer\",\"line1\":\"1 Main St\",\"city\":\"Shiraz\",\"country\":\"IR\"}";
        Api.Reply placed = api().post("/v1/me/checkout", "{\"shipping_address\":" + address
                + ",\"shipping_method\":\"standard\",\"payment_provider\":\"manual\"}", buyer.auth());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("order").get("id").asText();
        long grandTotal = placed.json().get("order").get("totals").get("grand_total").get("amount").asLong();
        assertThat(api().post("/v1/admin/orders/" + orderId + "/manual-payment", null, admin).status()).isEqualTo(200);

        String timeline = "/v1/admin/crm/customers/" + buyer.id() + "/timeline";
        JsonNode entries = await().atMost(Duration.ofSeconds(10)).until(() -> api().get(timeline, admin).json().get("data"),
                d -> d != null && d.findValuesAsText("type").containsAll(java.util.List.of("order.placed", "order.paid")));
        assertThat(entries.findValuesAsText("type")).containsSubsequence("order.paid", "order.placed", "customer.registered");

        JsonNode c360 = api().get("/v1/admin/crm/customers/" + buyer.id(), admin).json();
        assertThat(c360.toString()).contains(Long.toString(grandTotal));
    }
}
