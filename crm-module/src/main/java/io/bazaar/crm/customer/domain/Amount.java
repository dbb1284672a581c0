package io.bazaar.crm.customer.domain;

import java.util.Objects;

/** Money as the API shows it: integer minor units and an ISO 4217 code. */
public record Amount(long amount, String currency) {
    public Amount {
        Objects.requireNonNull(currency, "currency");
    }
}
