package io.bazaar.crm.consent.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a message is for. Marketing and surveys are opt-in (no record means no consent); order
 * updates are part of buying and default to granted until the customer withdraws them.
 */
public enum ConsentPurpose {
    MARKETING(false), SURVEYS(false), ORDER_UPDATES(true);

    private final boolean grantedByDefault;

    ConsentPurpose(boolean grantedByDefault) {
        this.grantedByDefault = grantedByDefault;
    }

    public boolean grantedByDefault() {
        return grantedByDefault;
    }

    /** The lower-case name used in the database and on the wire. */
    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentPurpose fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
