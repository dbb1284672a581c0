package io.bazaar.store.customer.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Event: a person created a customer account. Written to the outbox with the account row.
 * {@code phone} and {@code locale} were added later; events stored before that carry null.
 */
public record CustomerRegistered(UUID customerId, String email, String name, String phone, String locale,
                                 String channel, Instant registeredAt) {
    public static final String TYPE = "customer.registered";
}
