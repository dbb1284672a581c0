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
                () -> api().get(path, admin.auth()).json().get("data"), d -> d != null && d.size() == 1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("type").asText()).isEqualTo("customer.registered");
        assertThat(entry.get("kind").asText()).isEqualTo("TRANSACTIONAL");
        assertThat(entry.get("channel").asText()).isEqualTo("WEB");
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
                () -> api().get("/v1/admin/crm/customers/" + id + "/timeline", admin.auth()).json().get("data"),
                d -> d != null && d.size() == 1);
        assertThat(entries.get(0).get("channel").asText()).isEqualTo("MOBILE");
    }

    @Test
    void sameEventDeliveredTwice_leavesOneEntry() {
        CrmModule crm = new CrmModule(BazaarApp.app(APP).jdbi(), APP.getObjectMapper(), BazaarApp.app(APP).clock);
        UUID customerId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        CustomerRegisteredFact fact = new CustomerRegisteredFact(customerId, "twice@example.com", "Twice", "web",
                Instant.now());
        for (int i = 0; i < 2; i++) {
            BazaarApp.app(APP).jdbi().useTransaction(h -> crm.intake().customerRegistered(h, eventId, fact));
        }
        Accounts.Session admin = Accounts.admin(api());
        assertThat(api().get("/v1/admin/crm/customers/" + customerId + "/timeline", admin.auth()).json().get("data").size())
                .isEqualTo(1);
    }
}
