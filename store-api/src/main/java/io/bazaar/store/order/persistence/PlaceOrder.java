package io.bazaar.store.order.persistence;

import io.bazaar.shared.db.MultiResults;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.order.persistence.OrderDao.NewLines;
import io.bazaar.store.order.persistence.OrderDao.NewOrder;
import io.bazaar.store.order.persistence.OrderDao.Placed;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Places an order in one round trip: two statements sent together (the PostgreSQL driver sends a multi-statement
 * string as one message), the second run after the first.
 * <ol>
 *   <li>The variants of the order's cart (for one line, its variant by id) locked in id order
 *       ({@code FOR NO KEY UPDATE}, the lock the stock update
 *       takes anyway, so foreign-key checks of other carts' lines are not blocked): checkouts of overlapping carts
 *       take their stock in one order and cannot deadlock. The caller holds the cart's lock, so its lines cannot
 *       change meanwhile; the variants are locked only from here to commit, as long as a stock update alone would
 *       hold them.</li>
 *   <li>{@link OrderDao#INSERT_ORDER}: the order, its lines, its payment, its history, the cart closed, the stock
 *       taken and held, the order.placed event.</li>
 * </ol>
 */
public final class PlaceOrder {
    /**
     * A one-line order's variant, by its id: the usual first order of a cart. PostgreSQL keeps one plan for this,
     * while it planned {@link #LOCK_CART_VARIANTS} again on three calls in four in a freshly created database (0.12 ms
     * each, until autovacuum's statistics on {@code cart_line} settle), its generic plan then estimating several
     * lines per cart.
     */
    static final String LOCK_ONE_VARIANT = """
            SELECT id FROM variant WHERE id = :lockedVariant FOR NO KEY UPDATE;
            """;

    static final String LOCK_CART_VARIANTS = """
            SELECT v.id FROM cart_line l JOIN variant v ON v.id = l.variant_id
            WHERE l.cart_id = :cartId
            ORDER BY v.id
            FOR NO KEY UPDATE OF v;
            """;

    private PlaceOrder() {
    }

    /** See {@link OrderDao#INSERT_ORDER} for the arguments. */
    public static Placed run(Handle h, NewOrder order, NewLines lines, UUID historyId, String actorType,
                             UUID paymentId, UUID[] movementIds, String stockReason, Instant now,
                             Outbox.PreparedEvent event) {
        boolean oneLine = lines.variantIds().length == 1;
        Query query = h.createQuery((oneLine ? LOCK_ONE_VARIANT : LOCK_CART_VARIANTS) + OrderDao.INSERT_ORDER);
        if (oneLine) {
            query.bind("lockedVariant", lines.variantIds()[0]);
        }
        return query.bindMethods(order).bindMethods(lines).bind("historyId", historyId).bind("actorType", actorType)
                .bind("paymentId", paymentId).bind("movementIds", movementIds).bind("stockReason", stockReason)
                .bind("now", now).bindMethods("event", event)
                // The locked variants first: nothing to read; then the order statement's one row.
                .scanResultSet((first, ctx) -> new MultiResults(first.get(), ctx).next().one(Placed.class));
    }
}
