package io.bazaar.crm.customer.domain;

import java.util.Locale;

/** Individuals and households buy for themselves; businesses have a company name and tax id. */
public enum CustomerType {
    INDIVIDUAL, BUSINESS;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CustomerType fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
