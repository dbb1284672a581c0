package io.bazaar.store.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotency records in PostgreSQL. The primary key on {@code (scope, key digest)} decides which of two
 * concurrent requests owns a key; the loser sees the record "in flight" and answers 409.
 *
 * <p>Neither the key nor a readable response is stored: the key as the SHA-256 of scope, newline and key (hex),
 * and the response body sealed with AES-GCM under a key derived from the Idempotency-Key itself, which only the
 * client holds. A response can carry a secret (a guest checkout's order access token, a new cart's token; tokens
 * are otherwise stored only hashed), and a retry with the key must get it back byte for byte: sealing gives both.
 */
public final class IdempotencyStore {

    public sealed interface Outcome permits Started, Replay, InFlight, Mismatch {
    }

    public record Started() implements Outcome {
    }

    public record Replay(int status, String contentType, String location, byte[] body) implements Outcome {
    }

    public record InFlight() implements Outcome {
    }

    public record Mismatch() implements Outcome {
    }

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;
    private final Duration inFlightTimeout;

    public IdempotencyStore(Jdbi jdbi, Clock clock, Duration retention, Duration inFlightTimeout) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("idempotency records must be kept at least 24 hours");
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
        this.inFlightTimeout = inFlightTimeout;
    }

    public Outcome begin(String scope, String idempotencyKey, String requestHash, String method, String path) {
        Instant now = clock.instant();
        String key = digest(scope, idempotencyKey);
        return jdbi.inTransaction(h -> {
            IdempotencyDao dao = h.attach(IdempotencyDao.class);
            if (dao.tryInsert(scope, key, requestHash, method, path, now) == 1) {
                return new Started();
            }
            Optional<IdempotencyDao.StoredRecord> found = dao.findForUpdate(scope, key);
            if (found.isEmpty()) {
                // Deleted between our insert attempt and the read (released after a 5xx): try once more.
                return dao.tryInsert(scope, key, requestHash, method, path, now) == 1 ? new Started() : new InFlight();
            }
            IdempotencyDao.StoredRecord r = found.get();
            if (r.createdAt().isBefore(now.minus(retention))) {
                dao.restart(scope, key, requestHash, method, path, now);
                return new Started();
            }
            if (!r.requestHash().equals(requestHash)) {
                return new Mismatch();
            }
            if ("in_flight".equals(r.state())) {
                if (r.createdAt().isBefore(now.minus(inFlightTimeout))) {
                    // The instance that took the key died mid-request; this retry may proceed.
                    dao.restart(scope, key, requestHash, method, path, now);
                    return new Started();
                }
                return new InFlight();
            }
            byte[] body = r.responseBody() == null ? new byte[0]
                    : r.bodySealed() ? unseal(scope, idempotencyKey, r.responseBody()) : r.responseBody();
            return new Replay(r.responseStatus(), r.responseType(), r.responseLocation(), body);
        });
    }

    public void complete(String scope, String idempotencyKey, int status, String contentType, String location,
                         byte[] body) {
        Instant now = clock.instant();
        String key = digest(scope, idempotencyKey);
        byte[] sealed = seal(scope, idempotencyKey, body);
        jdbi.useExtension(IdempotencyDao.class, dao -> dao.complete(scope, key, status, contentType, location, sealed,
                now));
    }

    /** Forgets an in-flight key whose request failed on our side, so the client may retry it. */
    public void release(String scope, String idempotencyKey) {
        String key = digest(scope, idempotencyKey);
        jdbi.useExtension(IdempotencyDao.class, dao -> dao.release(scope, key));
    }

    /** What the table keeps of a key: hex SHA-256 of scope, a newline and the key (migration V101 does the same). */
    static String digest(String scope, String idempotencyKey) {
        return HexFormat.of().formatHex(sha256(scope + "\n" + idempotencyKey));
    }

    /** Nonce (12 bytes) then AES-GCM ciphertext and tag; the scope is authenticated with it. */
    static byte[] seal(String scope, String idempotencyKey, byte[] body) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, scope, idempotencyKey, nonce, body);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    static byte[] unseal(String scope, String idempotencyKey, byte[] stored) {
        return aesGcm(Cipher.DECRYPT_MODE, scope, idempotencyKey, Arrays.copyOf(stored, NONCE_BYTES),
                Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private static byte[] aesGcm(int mode, String scope, String idempotencyKey, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            // A key of its own for the body, so the stored digest says nothing about it.
            byte[] aesKey = sha256("bazaar idempotent response\n" + scope + "\n" + idempotencyKey);
            cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal or open a stored idempotent response", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        return jdbi.withExtension(IdempotencyDao.class, dao -> dao.purgeOlderThan(cutoff));
    }
}
