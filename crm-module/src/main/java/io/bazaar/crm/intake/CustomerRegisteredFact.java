package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The store tells the CRM that a person created a customer account. {@code phone} may be null;
 * {@code locale} null means "en".
 */
public record CustomerRegisteredFact(UUID customerId, String email, String name, String phone, String locale,
                                     String channel, Instant registeredAt) {
    public CustomerRegisteredFact {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(registeredAt, "registeredAt");
        locale = locale == null || locale.isBlank() ? "en" : locale;
    }

    public CustomerRegisteredFact(UUID customerId, String email, String name, String channel, Instant registeredAt) {
        this(customerId, email, name, null, null, channel, registeredAt);
    }
}
