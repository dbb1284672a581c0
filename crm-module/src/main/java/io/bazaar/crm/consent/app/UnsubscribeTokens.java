package io.bazaar.crm.consent.app;

import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed one-click unsubscribe tokens: {@code base64url(v1|subject|channel|purpose|expiry)} + "." +
 * {@code base64url(HMAC-SHA256)}. Stateless, so a link works without login and without a lookup
 * table, and cannot be forged for someone else without the secret.
 */
public final class UnsubscribeTokens {
    private static final String ALGORITHM = "HmacSHA256";

    /** What a valid token allows: withdrawing one consent of one person. */
    public record Claim(UUID subjectId, ConsentChannel channel, ConsentPurpose purpose, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration ttl;

    public UnsubscribeTokens(String secret, Clock clock, Duration ttl) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = Objects.requireNonNull(clock);
        this.ttl = Objects.requireNonNull(ttl);
    }

    public String issue(UUID subjectId, ConsentChannel channel, ConsentPurpose purpose) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String payload = "v1|" + subjectId + "|" + channel.dbValue() + "|" + purpose.dbValue() + "|" + expiry;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(bytes));
    }

    /** Empty for anything not issued by us with this secret, malformed, or expired. */
    public Optional<Claim> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] payload = b64.decode(token.substring(0, dot));
            byte[] signature = b64.decode(token.substring(dot + 1));
            // Constant-time comparison: timing must not reveal how much of a forged signature matched.
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 5 || !"v1".equals(parts[0])) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Claim(UUID.fromString(parts[1]), ConsentChannel.fromDb(parts[2]),
                    ConsentPurpose.fromDb(parts[3]), expiresAt));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
