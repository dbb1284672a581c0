package io.bazaar.store.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/** Shortcuts for tests that need a signed-in customer or staff member. */
public final class Accounts {
    public static final String PASSWORD = "Correct-Horse-42";

    private Accounts() {
    }

    public record Session(String id, String email, String token) {
        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static Session registerAndSignIn(Api api, String emailPrefix) {
        String email = uniqueEmail(emailPrefix);
        Api.Reply reg = api.post("/v1/customers", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"name\":\"Test Customer\"}");
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String token = signIn(api, "/v1/sessions", email, PASSWORD);
        return new Session(reg.json().get("id").asText(), email, token);
    }

    public static String signIn(Api api, String path, String email, String password) {
        Api.Reply r = api.post(path, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    private static final java.util.Map<Api, Session> ADMINS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The admin bootstrapped by test-config.yml, signed in once per application under test (sign-in is
     * rate-limited, and tests ask for an admin often).
     */
    public static Session admin(Api api) {
        Session cached = ADMINS.get(api);
        // A test that moves the clock past the staff session lifetime expires the cached token.
        if (cached == null || api.get("/v1/admin/me", cached.auth()).status() == 401) {
            cached = new Session(null, "owner@bazaar.test",
                    signIn(api, "/v1/admin/sessions", "owner@bazaar.test", "Bazaar-Boss-Test-77"));
            ADMINS.put(api, cached);
        }
        return cached;
    }
}
