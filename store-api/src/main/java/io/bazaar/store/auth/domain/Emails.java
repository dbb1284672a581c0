package io.bazaar.store.auth.domain;

import java.text.Normalizer;
import java.util.Locale;

/** The identity form of an email address: trimmed, NFC, lower-cased. Used for sign-in and uniqueness. */
public final class Emails {
    private Emails() {
    }

    public static String normalize(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
