package io.bazaar.store.fulfilment.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Carrier callbacks are signed like Stripe's webhooks: {@code X-Bazaar-Timestamp} (epoch seconds) and
 * {@code X-Bazaar-Signature: sha256=<hex HMAC-SHA256 of "timestamp.rawBody">} with the shared secret.
 * The timestamp must be within the tolerance of our clock, so a captured request cannot be replayed later.
 */
public final class CarrierSignature {
    private final byte[] secret;
    private final Duration tolerance;

    public CarrierSignature(String secret, Duration tolerance) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
    }

    /** True only for a configured secret, a fresh timestamp and a matching signature (compared in constant time). */
    public boolean verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (secret.length == 0 || timestampHeader == null || signatureHeader == null
                || !signatureHeader.startsWith("sha256=") || !timestampHeader.matches("\\d{1,12}")) {
            return false;
        }
        long ts = Long.parseLong(timestampHeader);
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, ts, body), given);
    }

    private static byte[] hmac(byte[] key, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
