package io.bazaar.store.auth.app;

import java.time.Instant;
import java.util.UUID;

/** A freshly issued bearer token. The token itself exists only in this object and the HTTP response. */
public record IssuedSession(UUID sessionId, String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedSession[" + sessionId + ", expires " + expiresAt + "]";
    }
}
