package io.bazaar.store.cart.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events the cart feature writes to the outbox. */
public final class CartEvents {
    public static final String ABANDONED = "cart.abandoned";

    private CartEvents() {
    }

    public record Line(UUID variantId, UUID productId, String sku, String title, int quantity) {
    }

    /** A guest cart with an email was left open longer than the configured time; sent once per cart. */
    public record CartAbandoned(UUID cartId, String email, String currency, List<Line> lines, Instant lastActivityAt,
                                Instant abandonedAt) {
    }
}
