package io.bazaar.store.platform;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class IdempotencyIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    Jdbi jdbi() {
        return BazaarApp.app(APP).jdbi();
    }

    long customersWithEmail(String email) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM customer WHERE email_normalized = :e")
                .bind("e", email.toLowerCase()).mapTo(Long.class).one());
    }

    static String registration(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"Idem-Potent-2026\",\"name\":\"Ida\"}";
    }

    @Test
    void sameKeyAndBody_twice_createsOneAccount_andReplaysTheIdenticalResponse() {
        String email = Accounts.uniqueEmail("idem");
        String key = UUID.randomUUID().toString();
        Api.Reply first = api().post("/v1/customers", registration(email), "Idempotency-Key", key);
        Api.Reply second = api().post("/v1/customers", registration(email), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(customersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void sameKey_withADifferentBody_is422_andChangesNothing() {
        String key = UUID.randomUUID().toString();
        String email = Accounts.uniqueEmail("first");
        String other = Accounts.uniqueEmail("other");
        assertThat(api().post("/v1/customers", registration(email), "Idempotency-Key", key).status()).isEqualTo(201);
        Api.Reply reused = api().post("/v1/customers", registration(other), "Idempotency-Key", key);
        ErrorModelIT.assertProblem(reused, 422, "idempotency_key_reused");
        assertThat(customersWithEmail(other)).isZero();
    }

    @Test
    void concurrentRequestsWithOneKey_createOneRecord() throws Exception {
        String email = Accounts.uniqueEmail("race");
        String key = UUID.randomUUID().toString();
        int parallel = 12;
        List<Api.Reply> replies = Parallel.times(parallel,
                () -> api().post("/v1/customers", registration(email), "Idempotency-Key", key));

        assertThat(customersWithEmail(email)).isEqualTo(1);
        assertThat(replies).extracting(Api.Reply::status).containsOnly(201, 409).contains(201);
        List<String> created = replies.stream().filter(r -> r.status() == 201).map(Api.Reply::body).distinct().toList();
        assertThat(created).hasSize(1);
        replies.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.json().get("code").asText()).isEqualTo("idempotency_request_in_progress"));
        // Once the first finished, a retry is a replay.
        assertThat(api().post("/v1/customers", registration(email), "Idempotency-Key", key).body())
                .isEqualTo(created.get(0));
    }

    @Test
    void keysAreScopedToTheCaller() {
        Accounts.Session a = Accounts.registerAndSignIn(api(), "scope-a");
        Accounts.Session b = Accounts.registerAndSignIn(api(), "scope-b");
        String key = "shared-key-" + UUID.randomUUID();
        Api.Reply ra = api().patch("/v1/me", "{\"name\":\"Alice\"}", "Authorization", "Bearer " + a.token(),
                "Idempotency-Key", key);
        Api.Reply rb = api().patch("/v1/me", "{\"name\":\"Bob\"}", "Authorization", "Bearer " + b.token(),
                "Idempotency-Key", key);
        assertThat(ra.status()).isEqualTo(200);
        assertThat(rb.status()).isEqualTo(200);
        assertThat(rb.json().get("name").asText()).isEqualTo("Bob");
        assertThat(rb.json().get("id").asText()).isEqualTo(b.id());
    }

    @Test
    void errorResponsesAreReplayedToo_butAKeyIsReusableAfterRetention() {
        String key = UUID.randomUUID().toString();
        Api.Reply weak = api().post("/v1/customers", "{\"email\":\"x@example.com\",\"password\":\"weak\"}",
                "Idempotency-Key", key);
        assertThat(weak.status()).isEqualTo(400);
        Api.Reply replay = api().post("/v1/customers", "{\"email\":\"x@example.com\",\"password\":\"weak\"}",
                "Idempotency-Key", key);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");

        // Records are kept at least 24 hours; after that the key may be used afresh.
        BazaarApp.app(APP).clock.advance(Duration.ofHours(23));
        ErrorModelIT.assertProblem(api().post("/v1/customers", registration(Accounts.uniqueEmail("late")),
                "Idempotency-Key", key), 422, "idempotency_key_reused");
        BazaarApp.app(APP).clock.advance(Duration.ofHours(2));
        assertThat(api().post("/v1/customers", registration(Accounts.uniqueEmail("later")), "Idempotency-Key", key)
                .status()).isEqualTo(201);
    }

    @Test
    void invalidKey_is400() {
        ErrorModelIT.assertProblem(api().post("/v1/customers", registration(Accounts.uniqueEmail("k")),
                "Idempotency-Key", "x".repeat(300)), 400, "invalid_idempotency_key");
    }

    @Test
    void signInIgnoresTheKey_soNoTokenIsEverStored() {
        Accounts.Session s = Accounts.registerAndSignIn(api(), "nostore");
        String key = UUID.randomUUID().toString();
        String body = "{\"email\":\"" + s.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}";
        Api.Reply one = api().post("/v1/sessions", body, "Idempotency-Key", key);
        Api.Reply two = api().post("/v1/sessions", body, "Idempotency-Key", key);
        assertThat(one.status()).isEqualTo(201);
        assertThat(two.status()).isEqualTo(201);
        assertThat(two.json().get("token").asText()).isNotEqualTo(one.json().get("token").asText());
        long stored = jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM idempotency_record WHERE key_digest = :k").bind("k", digest("anonymous", key))
                .mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void storedResponsesAreSealed_aRetryGetsTheSecretBack_theDatabaseShowsNeitherItNorTheKey() {
        String key = UUID.randomUUID().toString();
        Api.Reply first = api().post("/v1/carts", "{\"currency\":\"IRR\"}", "Idempotency-Key", key);
        Api.Reply retry = api().post("/v1/carts", "{\"currency\":\"IRR\"}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
        String token = first.json().get("token").asText();
        assertThat(api().get("/v1/carts/current", "X-Cart-Token", token).status()).isEqualTo(200);

        String row = jdbi().withHandle(h -> h.createQuery("""
                SELECT body_sealed || ' ' || length(response_body)
                FROM idempotency_record WHERE scope = 'anonymous' AND key_digest = :d""")
                .bind("d", digest("anonymous", key)).mapTo(String.class).one());
        assertThat(row).startsWith("true ");
        long readable = jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM idempotency_record
                WHERE key_digest = :key OR position(convert_to(:key, 'UTF8') IN response_body) > 0
                   OR position(convert_to(:token, 'UTF8') IN response_body) > 0
                   OR position(convert_to('"token"', 'UTF8') IN response_body) > 0""")
                .bind("key", key).bind("token", token).mapTo(Long.class).one());
        assertThat(readable).isZero();
    }

    /** What the table keeps of a key (IdempotencyStore.digest). */
    static String digest(String scope, String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((scope + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
