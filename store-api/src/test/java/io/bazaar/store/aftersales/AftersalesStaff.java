package io.bazaar.store.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bazaar.crm.intake.OrderPlacedFact;
import io.bazaar.shared.id.Ids;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Staff sessions for after-sales tests that move the clock by hours: staff sessions last 12 h, so
 * everyone signs in again after a big jump (the sign-in rate limit has refilled by then).
 */
final class AftersalesStaff {
    private final DropwizardAppExtension<BazaarConfiguration> app;
    private Instant signedInAt;
    private String admin;
    private String manager;
    private String support;
    private String managerEmail;
    private String supportEmail;
    String managerId;
    String supportId;

    AftersalesStaff(DropwizardAppExtension<BazaarConfiguration> app) {
        this.app = app;
    }

    Api api() {
        return BazaarApp.api(app);
    }

    private synchronized void ensure() {
        Instant now = BazaarApp.app(app).clock.instant();
        if (signedInAt != null && Duration.between(signedInAt, now).compareTo(Duration.ofHours(10)) < 0) {
            return;
        }
        admin = Accounts.signIn(api(), "/v1/admin/sessions", "owner@bazaar.test", "Bazaar-Boss-Test-77");
        if (managerEmail == null) {
            managerEmail = Accounts.uniqueEmail("manager");
            supportEmail = Accounts.uniqueEmail("support");
            managerId = create(managerEmail, "manager");
            supportId = create(supportEmail, "support");
        }
        manager = Accounts.signIn(api(), "/v1/admin/sessions", managerEmail, "Manager-Desk-2026");
        support = Accounts.signIn(api(), "/v1/admin/sessions", supportEmail, "Manager-Desk-2026");
        signedInAt = now;
    }

    private String create(String email, String role) {
        Api.Reply r = api().post("/v1/admin/staff", "{\"email\":\"" + email + "\",\"name\":\"" + role
                + "\",\"role\":\"" + role + "\",\"password\":\"Manager-Desk-2026\"}", "Authorization", Api.bearer(admin));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String[] admin() {
        ensure();
        return new String[] {"Authorization", Api.bearer(admin)};
    }

    String[] manager() {
        ensure();
        return new String[] {"Authorization", Api.bearer(manager)};
    }

    String[] support() {
        ensure();
        return new String[] {"Authorization", Api.bearer(support)};
    }

    /** A registered, signed-in customer whose CRM contact exists (the intake ran). */
    Accounts.Session customer(String prefix) {
        Accounts.Session s = Accounts.registerAndSignIn(api(), prefix);
        String[] staff = support();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/v1/admin/crm/customers/" + s.id(), staff).status() == 200);
        return s;
    }

    /** An order of this customer as the CRM knows it (fed through the intake, as the store does). */
    UUID order(Accounts.Session customer, String number) {
        UUID order = Ids.newId();
        BazaarApp.app(app).jdbi().useTransaction(h -> BazaarApp.app(app).crm().intake().orderPlaced(h, Ids.newId(),
                new OrderPlacedFact(order, number, UUID.fromString(customer.id()), 120_000, "IRR", "web",
                        BazaarApp.app(app).clock.instant())));
        return order;
    }
}
