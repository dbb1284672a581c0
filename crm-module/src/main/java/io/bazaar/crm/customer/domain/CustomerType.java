package io.bazaar.crm.customer.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Individuals and households buy for themselves; businesses have a company name and tax id. */
public enum CustomerType {
    INDIVIDUAL, BUSINESS;

    /** The lower-case name used in the database and on the wire. */
    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CustomerType fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
