package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Someone without an account ordered with this email: a lead with it has converted. */
public record GuestOrderPlacedFact(UUID orderId, String email, Instant placedAt) {
    public GuestOrderPlacedFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
