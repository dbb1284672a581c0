package io.bazaar.crm.timeline.domain;

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
}
