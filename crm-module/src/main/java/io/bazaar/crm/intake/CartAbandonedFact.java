package io.bazaar.crm.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A guest left a cart with an email unbought; {@code items} is the number of units in it. Sent once per cart. */
public record CartAbandonedFact(UUID cartId, String email, int items, Instant abandonedAt) {
    public CartAbandonedFact {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(abandonedAt, "abandonedAt");
    }
}
