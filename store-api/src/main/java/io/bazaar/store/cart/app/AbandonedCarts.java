package io.bazaar.store.cart.app;

import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.cart.domain.CartEvents;
import io.bazaar.store.cart.persistence.AbandonedCartDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Finds guest carts with an email that nobody checked out within {@code abandonAfter} of their last
 * change and announces each one once ({@code cart.abandoned}), in the transaction that marks it.
 * Cluster-safe: carts are claimed with {@code FOR UPDATE SKIP LOCKED} and marked conditionally.
 */
public final class AbandonedCarts {
    private final org.jdbi.v3.core.Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final Duration abandonAfter;

    public AbandonedCarts(org.jdbi.v3.core.Jdbi jdbi, Clock clock, Outbox outbox, Duration abandonAfter) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.outbox = Objects.requireNonNull(outbox);
        if (abandonAfter.isNegative() || abandonAfter.isZero()) {
            throw new IllegalArgumentException("abandonAfter must be positive");
        }
        this.abandonAfter = abandonAfter;
    }

    /** Marks and announces at most {@code batch} carts; returns how many. */
    public int detect(int batch) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            AbandonedCartDao dao = h.attach(AbandonedCartDao.class);
            var due = dao.claimAbandoned(now.minus(abandonAfter), now, batch);
            for (AbandonedCartDao.AbandonedRow c : due) {
                var lines = dao.lines(c.id()).stream().map(l -> new CartEvents.Line(l.variantId(), l.productId(),
                        l.sku(), l.title(), l.quantity())).toList();
                outbox.append(h, CartEvents.ABANDONED, "cart", c.id().toString(), new CartEvents.CartAbandoned(c.id(),
                        c.email(), c.currency(), lines, c.updatedAt(), now));
            }
            return due.size();
        });
    }
}
