package io.bazaar.store.auth.domain;

import java.util.Locale;

/** Who a session belongs to: a shop customer or a staff member. */
public enum SubjectType {
    CUSTOMER, STAFF;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubjectType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
