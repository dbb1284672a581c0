package io.bazaar.store.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class AccountsIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    @Nested
    class Lifecycle {
        @Test
        void register_signIn_readMe_signOut_thenOldTokenIs401() {
            String email = Accounts.uniqueEmail("ada");
            Api.Reply reg = api().post("/v1/customers",
                    "{\"email\":\"" + email + "\",\"password\":\"Analytical-Engine-1843\",\"name\":\"Ada\"}");
            assertThat(reg.status()).isEqualTo(201);
            assertThat(reg.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/v1/me"));
            assertThat(reg.json().get("email").asText()).isEqualTo(email);
            assertThat(reg.json().has("password")).isFalse();
            assertThat(reg.json().has("password_hash")).isFalse();

            Api.Reply signIn = api().post("/v1/sessions",
                    "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"Analytical-Engine-1843\"}");
            assertThat(signIn.status()).isEqualTo(201);
            String token = signIn.json().get("token").asText();
            assertThat(token).startsWith("bzr_").hasSizeGreaterThanOrEqualTo(4 + 22); // >= 128 bits
            assertThat(signIn.json().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(signIn.header("Cache-Control")).contains("no-store");

            Api.Reply me = api().get("/v1/me", "Authorization", Api.bearer(token));
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("id").asText()).isEqualTo(reg.json().get("id").asText());
            assertThat(me.json().get("name").asText()).isEqualTo("Ada");
            assertThat(me.header("Cache-Control")).contains("no-store");

            assertThat(api().delete("/v1/sessions/current", "Authorization", Api.bearer(token)).status()).isEqualTo(204);
            Api.Reply after = api().get("/v1/me", "Authorization", Api.bearer(token));
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.contentType()).startsWith("application/problem+json");
            assertThat(after.json().get("code").asText()).isEqualTo("unauthenticated");
        }

        @Test
        void tokenIsStoredOnlyAsHash() {
            Accounts.Session s = Accounts.registerAndSignIn(api(), "hash");
            List<String> stored = jdbi().withHandle(h -> h.createQuery(
                    "SELECT encode(token_hash, 'escape') FROM auth_session").mapTo(String.class).list());
            assertThat(stored).noneMatch(v -> v.contains(s.token().substring(4)));
            String hash = jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM customer WHERE id = CAST(:id AS uuid)")
                    .bind("id", s.id()).mapTo(String.class).one());
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        }

        @Test
        void updateProfile_changesOnlyGivenFields() {
            Accounts.Session s = Accounts.registerAndSignIn(api(), "profile");
            Api.Reply r = api().patch("/v1/me", "{\"phone\":\"+98 912 345 6789\",\"locale\":\"fa\"}", s.auth());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("phone").asText()).isEqualTo("+98 912 345 6789");
            assertThat(r.json().get("locale").asText()).isEqualTo("fa");
            assertThat(r.json().get("name").asText()).isEqualTo("Test Customer");

            Api.Reply bad = api().patch("/v1/me", "{\"locale\":\"Persian\"}", s.auth());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("locale");
        }

        @Test
        void changePassword_revokesOtherSessions_keepsCurrent() {
            Accounts.Session s = Accounts.registerAndSignIn(api(), "pw");
            String other = Accounts.signIn(api(), "/v1/sessions", s.email(), Accounts.PASSWORD);

            Api.Reply wrongCurrent = api().post("/v1/me/password",
                    "{\"current_password\":\"nope-nope-1\",\"new_password\":\"Brand-New-Secret-9\"}", s.auth());
            assertThat(wrongCurrent.status()).isEqualTo(400);

            Api.Reply ok = api().post("/v1/me/password",
                    "{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"Brand-New-Secret-9\"}", s.auth());
            assertThat(ok.status()).as(ok.toString()).isEqualTo(204);
            assertThat(api().get("/v1/me", s.auth()).status()).isEqualTo(200);
            assertThat(api().get("/v1/me", "Authorization", Api.bearer(other)).status()).isEqualTo(401);
            assertThat(api().post("/v1/sessions", "{\"email\":\"" + s.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                    .status()).isEqualTo(401);
            Accounts.signIn(api(), "/v1/sessions", s.email(), "Brand-New-Secret-9");
        }

        @Test
        void duplicateEmail_isConflict_caseInsensitive() {
            String email = Accounts.uniqueEmail("dup");
            assertThat(api().post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"Dup-Account-77\"}").status())
                    .isEqualTo(201);
            Api.Reply again = api().post("/v1/customers",
                    "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"Dup-Account-77\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("email_taken");
        }
    }

    @Nested
    class PasswordPolicy {
        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "short, Ab1, must be at least 8 characters long",
                "no digit, OnlyLettersHere, must contain at least one digit",
                "no letter, 1234567890123, must contain at least one letter",
                "common, password1, is too common; choose one that is not on lists of popular passwords",
                "common with case, Qwerty123, is too common; choose one that is not on lists of popular passwords",
                "contains email name, xsarah-smith99x, must not contain your email name"})
        void weakPasswords_are400_withFieldErrors(String label, String password, String expectedMessage) {
            Api.Reply r = api().post("/v1/customers",
                    "{\"email\":\"sarah-smith@example.com\",\"password\":\"" + password + "\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("weak_password");
            List<String> messages = new ArrayList<>();
            r.json().get("errors").forEach(e -> {
                assertThat(e.get("field").asText()).isEqualTo("password");
                messages.add(e.get("message").asText());
            });
            assertThat(messages).contains(expectedMessage);
            long stored = jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM customer WHERE email_normalized = 'sarah-smith@example.com'").mapTo(Long.class).one());
            assertThat(stored).isZero();
        }

        @Test
        void persianLettersAndDigits_areAccepted() {
            Api.Reply r = api().post("/v1/customers",
                    "{\"email\":\"" + Accounts.uniqueEmail("fa") + "\",\"password\":\"گلابی‌شیرین۱۴۰۳\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    @Nested
    class RateLimiting {
        @Test
        void tenWrongPasswords_areRateLimited_thenAccountWorksAfterTheWindow() {
            Accounts.Session s = Accounts.registerAndSignIn(api(), "limited"); // 1 attempt used
            List<Integer> statuses = new ArrayList<>();
            Api.Reply last = null;
            for (int i = 0; i < 10; i++) {
                last = api().post("/v1/sessions", "{\"email\":\"" + s.email() + "\",\"password\":\"Wrong-Guess-" + i + "\"}");
                statuses.add(last.status());
            }
            assertThat(statuses).startsWith(401, 401, 401, 401).contains(429);
            assertThat(statuses.subList(statuses.indexOf(429), statuses.size())).containsOnly(429);
            assertThat(last.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(last.header("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Long.parseLong(v)).isBetween(1L, 15 * 60L));

            // Even the right password is refused inside the window...
            assertThat(api().post("/v1/sessions", "{\"email\":\"" + s.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                    .status()).isEqualTo(429);
            // ...and accepted once it has passed.
            BazaarApp.app(APP).clock.advance(Duration.ofMinutes(16));
            Accounts.signIn(api(), "/v1/sessions", s.email(), Accounts.PASSWORD);
        }

        @Test
        void unknownEmail_andWrongPassword_answerTheSame() {
            Accounts.Session s = Accounts.registerAndSignIn(api(), "same");
            Api.Reply wrong = api().post("/v1/sessions", "{\"email\":\"" + s.email() + "\",\"password\":\"Not-It-123\"}");
            Api.Reply unknown = api().post("/v1/sessions",
                    "{\"email\":\"" + Accounts.uniqueEmail("ghost") + "\",\"password\":\"Not-It-123\"}");
            assertThat(wrong.status()).isEqualTo(401).isEqualTo(unknown.status());
            assertThat(wrong.json().get("code")).isEqualTo(unknown.json().get("code"));
            assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        }
    }

    @Nested
    class Staff {
        @Test
        void adminCreatesStaff_roleChecks_401_and_403() {
            Accounts.Session admin = Accounts.admin(api());
            String email = Accounts.uniqueEmail("support");
            Api.Reply created = api().post("/v1/admin/staff", "{\"email\":\"" + email
                    + "\",\"name\":\"Sam Support\",\"role\":\"support\",\"password\":\"Support-Desk-2026\"}", admin.auth());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().get("role").asText()).isEqualTo("support");

            String support = Accounts.signIn(api(), "/v1/admin/sessions", email, "Support-Desk-2026");
            Accounts.Session customer = Accounts.registerAndSignIn(api(), "cust");

            assertThat(api().get("/v1/admin/staff").status()).isEqualTo(401);
            Api.Reply asCustomer = api().get("/v1/admin/staff", customer.auth());
            assertThat(asCustomer.status()).isEqualTo(403);
            assertThat(asCustomer.json().get("code").asText()).isEqualTo("forbidden");
            assertThat(api().get("/v1/admin/staff", "Authorization", Api.bearer(support)).status()).isEqualTo(403);
            assertThat(api().get("/v1/admin/me", "Authorization", Api.bearer(support)).status()).isEqualTo(200);
            assertThat(api().get("/v1/admin/staff", admin.auth()).json().get("data").size()).isGreaterThanOrEqualTo(2);
            // A staff token is not a customer: /v1/me is for customers only.
            assertThat(api().get("/v1/me", "Authorization", Api.bearer(support)).status()).isEqualTo(403);
        }

        @Test
        void createStaff_validatesRole() {
            Accounts.Session admin = Accounts.admin(api());
            Api.Reply r = api().post("/v1/admin/staff", "{\"email\":\"" + Accounts.uniqueEmail("x")
                    + "\",\"name\":\"X\",\"role\":\"owner\",\"password\":\"Support-Desk-2026\"}", admin.auth());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("role");
        }
    }
}
