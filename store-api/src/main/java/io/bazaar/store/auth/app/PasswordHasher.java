package io.bazaar.store.auth.app;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.text.Normalizer;

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first recommended setting: 19 MiB of
 * memory, 2 iterations, parallelism 1, 16-byte random salt, 32-byte hash; stored in the standard
 * PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$...}) so parameters can be raised later
 * and old hashes still verify.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

    /** A hash of a random password, verified against for unknown emails so both paths cost the same. */
    private final String decoy;

    public PasswordHasher() {
        this.decoy = hash("decoy-" + System.nanoTime());
    }

    public String hash(String password) {
        return Password.hash(normalize(password)).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        if (!storedHash.startsWith("$argon2")) {
            // An erased account's placeholder: never matches, and takes the usual time.
            verifyDecoy(password);
            return false;
        }
        return Password.check(normalize(password), storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    /** Burns the same time as a real verification; used when the email is unknown. */
    public void verifyDecoy(String password) {
        verify(password == null ? "" : password, decoy);
    }

    private static String normalize(String password) {
        // The same password typed on two keyboards can arrive in different Unicode forms.
        return Normalizer.normalize(password, Normalizer.Form.NFC);
    }
}
