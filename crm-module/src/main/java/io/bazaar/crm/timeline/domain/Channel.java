package io.bazaar.crm.timeline.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an interaction happened. */
public enum Channel {
    WEB, MOBILE, EMAIL, SMS, PHONE, IN_PERSON, SYSTEM;

    /** Lenient parse of a channel reported by the store; anything unknown is {@link #WEB}. */
    public static Channel fromReported(String reported) {
        if (reported == null) {
            return WEB;
        }
        try {
            return valueOf(reported.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return WEB;
        }
    }

    /** Lower-case on the wire, as the filters accept it. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
