package io.bazaar.crm.message.domain;

import java.util.Locale;

/** Transactional messages follow from something the customer did; marketing and surveys need consent. */
public enum MessageCategory {
    TRANSACTIONAL, MARKETING, SURVEY;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
