package io.bazaar.crm.consent.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Channels a person can consent to be contacted on. */
public enum ConsentChannel {
    EMAIL, SMS;

    /** The lower-case name used in the database and on the wire. */
    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentChannel fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
