package io.bazaar.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless signed tokens for links that work without a login (unsubscribe, survey answers):
 * {@code base64url(fields joined by '|')} + "." + {@code base64url(HMAC-SHA256)}. The first field is
 * a version tag; each use has its own key label, so a token of one kind never verifies as another.
 * Fields must not contain '|'.
 */
public final class SignedTokens {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /**
     * @param label  what the tokens are for (part of the key, e.g. "survey")
     * @param secret at least 16 characters; never logged
     */
    public SignedTokens(String label, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the signing secret must be at least 16 characters");
        }
        String material = label.isEmpty() ? secret : label + "|" + secret;
        this.key = new SecretKeySpec(material.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(List<String> fields) {
        if (fields.stream().anyMatch(f -> f.indexOf('|') >= 0)) {
            throw new IllegalArgumentException("token fields must not contain '|'");
        }
        byte[] payload = String.join("|", fields).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /**
     * The fields of a token this key signed, or empty for anything forged, altered or malformed. The
     * signature is compared in constant time and must be in canonical base64 (the last character of
     * a base64 string also carries padding bits; a variant that decodes to the same bytes is refused).
     */
    public Optional<List<String>> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] payload = b64.decode(token.substring(0, dot));
            String signaturePart = token.substring(dot + 1);
            byte[] expected = mac(payload);
            if (!MessageDigest.isEqual(expected, b64.decode(signaturePart))
                    || !B64.encodeToString(expected).equals(signaturePart)) {
                return Optional.empty();
            }
            return Optional.of(Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("\\|", -1)));
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
