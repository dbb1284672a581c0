package io.bazaar.crm.customer.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity form of an email address (trimmed, NFC, lower-cased), the same rule the store uses
 * for sign-in; the CRM matches leads to customers with it.
 */
public final class EmailAddresses {
    private EmailAddresses() {
    }

    public static String normalize(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
