package io.bazaar.store.customer.domain;

import java.time.Instant;
import java.util.UUID;

/** Event: a person created a customer account. Written to the outbox with the account row. */
public record CustomerRegistered(UUID customerId, String email, String name, String channel, Instant registeredAt) {
    public static final String TYPE = "customer.registered";
}
