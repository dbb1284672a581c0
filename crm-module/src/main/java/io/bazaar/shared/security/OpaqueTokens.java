package io.bazaar.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Random bearer secrets (sessions, guest carts, guest orders): a short prefix naming the kind
 * ({@code bzr_}, {@code bzc_}, {@code bzo_}, easy to spot in leaked logs or code) and 256 random
 * bits in base64url. Only their SHA-256 is ever stored; a fast hash is right for full-entropy
 * secrets and keeps every lookup a single index probe.
 */
public final class OpaqueTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    public static String newToken(String prefix) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Whether {@code token} has the shape {@link #newToken} gives for {@code prefix}. */
    public static boolean hasShape(String prefix, String token) {
        return token != null && token.length() == prefix.length() + 43 && token.startsWith(prefix)
                && SHAPE.matcher(token.substring(prefix.length())).matches();
    }

    /** SHA-256 of the text's UTF-8 bytes, with one digest per thread (getInstance looks the provider up each call). */
    public static byte[] sha256(String text) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
}
