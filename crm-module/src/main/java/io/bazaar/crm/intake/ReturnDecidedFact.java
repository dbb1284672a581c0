package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Staff approved or rejected a return request. {@code message} is the staff's note to the customer
 * (may be null); it goes into the return-update email.
 */
public record ReturnDecidedFact(UUID returnId, UUID orderId, UUID customerId, boolean approved, String message,
                                Instant decidedAt) {
    public ReturnDecidedFact {
        Objects.requireNonNull(returnId, "returnId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
