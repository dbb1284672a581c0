package io.bazaar.crm.consent.domain;

import java.util.Locale;

/** Channels a person can consent to be contacted on. */
public enum ConsentChannel {
    EMAIL, SMS;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentChannel fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
