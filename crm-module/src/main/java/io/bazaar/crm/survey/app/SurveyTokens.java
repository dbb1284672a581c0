package io.bazaar.crm.survey.app;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed survey links, after {@code UnsubscribeTokens}: {@code base64url(s1|invitation|expiry)} + "."
 * + {@code base64url(HMAC-SHA256)} with the CRM secret. The link answers without login and cannot be
 * made for another invitation without the secret; "once" is enforced by the invitation row.
 */
public final class SurveyTokens {
    private static final String ALGORITHM = "HmacSHA256";

    public record Claim(UUID invitationId, Instant expiresAt) {
    }

    private final SecretKeySpec key;

    public SurveyTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the CRM secret must be at least 16 characters");
        }
        // A distinct key derivation label keeps survey and unsubscribe tokens from being swapped.
        this.key = new SecretKeySpec(("survey|" + secret).getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String issue(UUID invitationId, Instant expiresAt) {
        byte[] payload = ("s1|" + invitationId + "|" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(mac(payload));
    }

    /** Empty for a forged or malformed token; expiry is returned for the caller to judge against its clock. */
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
            if (!MessageDigest.isEqual(mac(payload), b64.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !"s1".equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Claim(UUID.fromString(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2]))));
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
