package io.bazaar.store.customer.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A shop customer's account profile. */
public record Customer(UUID id, String email, String name, String phone, String locale, int version,
                       Instant createdAt, Instant updatedAt) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(locale, "locale");
    }
}
