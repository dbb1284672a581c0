package io.bazaar.crm.consent.app;

import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.shared.security.SignedTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed one-click unsubscribe tokens: {@code base64url(v1|subject|channel|purpose|expiry)} + "." +
 * {@code base64url(HMAC-SHA256)}. Stateless, so a link works without login and without a lookup
 * table, and cannot be forged for someone else without the secret.
 */
public final class UnsubscribeTokens {

    /** What a valid token allows: withdrawing one consent of one person. */
    public record Claim(UUID subjectId, ConsentChannel channel, ConsentPurpose purpose, Instant expiresAt) {
    }

    private final SignedTokens tokens;
    private final Clock clock;
    private final Duration ttl;

    public UnsubscribeTokens(String secret, Clock clock, Duration ttl) {
        this.tokens = new SignedTokens("", secret);
        this.clock = Objects.requireNonNull(clock);
        this.ttl = Objects.requireNonNull(ttl);
    }

    public String issue(UUID subjectId, ConsentChannel channel, ConsentPurpose purpose) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        return tokens.sign(List.of("v1", subjectId.toString(), channel.dbValue(), purpose.dbValue(),
                Long.toString(expiry)));
    }

    /** Empty for anything not issued by us with this secret, malformed, or expired. */
    public Optional<Claim> verify(String token) {
        return tokens.verify(token).flatMap(parts -> {
            if (parts.size() != 5 || !"v1".equals(parts.get(0))) {
                return Optional.empty();
            }
            try {
                Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts.get(4)));
                if (!clock.instant().isBefore(expiresAt)) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(UUID.fromString(parts.get(1)), ConsentChannel.fromDb(parts.get(2)),
                        ConsentPurpose.fromDb(parts.get(3)), expiresAt));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
