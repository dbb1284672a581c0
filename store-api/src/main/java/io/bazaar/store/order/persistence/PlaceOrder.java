package io.bazaar.store.order.persistence;

import io.bazaar.shared.db.JdbcReads;
import io.bazaar.shared.db.NamedSql;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.order.persistence.OrderDao.NewLines;
import io.bazaar.store.order.persistence.OrderDao.NewOrder;
import io.bazaar.store.order.persistence.OrderDao.Placed;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Places an order in one round trip. A cart of several lines sends two statements together (the PostgreSQL driver
 * sends a multi-statement string as one message), the second run after the first:
 * <ol>
 *   <li>The variants of the order's cart locked in id order ({@code FOR NO KEY UPDATE}, the lock the stock update
 *       takes anyway, so foreign-key checks of other carts' lines are not blocked): checkouts of overlapping carts
 *       take their stock in one order and cannot deadlock. The caller holds the cart's lock, so its lines cannot
 *       change meanwhile; the variants are locked only from here to commit, as long as a stock update alone would
 *       hold them.</li>
 *   <li>{@link OrderDao#INSERT_ORDER}: the order, its lines, its payment, its history, the cart closed, the stock
 *       taken and held, the order.placed event.</li>
 * </ol>
 * A one-line order, the usual first order of a cart, sends the order statement alone: with one variant there is no
 * order to keep, and its stock update takes the variant's lock itself. If another checkout updated the variant
 * while this one waited for the lock, PostgreSQL checks the update's condition ({@code stock_on_hand >= quantity})
 * again against the row that checkout left (READ COMMITTED's re-check of an updated row), so a shortfall is still
 * seen and the order refused ({@code CheckoutIT}: 200 concurrent one-line checkouts of 5 in stock make 5 orders, 40 of
 * two units each, of 7 in stock, make 3).
 */
public final class PlaceOrder {
    static final String LOCK_CART_VARIANTS = """
            SELECT v.id FROM cart_line l JOIN variant v ON v.id = l.variant_id
            WHERE l.cart_id = :cartId
            ORDER BY v.id
            FOR NO KEY UPDATE OF v;
            """;

    private static final NamedSql ONE_LINE = NamedSql.parse(OrderDao.INSERT_ORDER);
    private static final NamedSql LINES = NamedSql.parse(LOCK_CART_VARIANTS + OrderDao.INSERT_ORDER);

    private PlaceOrder() {
    }

    /**
     * See {@link OrderDao#INSERT_ORDER} for the arguments. Run on the handle's JDBC connection (inside its
     * transaction), not through Jdbi: its per-statement set-up and the reflective binding of about fifty arguments
     * cost the store more CPU than sending them (see {@code JdbcReads}).
     */
    public static Placed run(Handle h, NewOrder order, NewLines lines, UUID historyId, String actorType,
                             UUID paymentId, UUID[] movementIds, String stockReason, Instant now,
                             Outbox.PreparedEvent event) {
        boolean oneLine = lines.variantIds().length == 1;
        Map<String, Object> args = new HashMap<>(96);
        args.put("id", order.id());
        args.put("customerId", order.customerId());
        args.put("email", order.email());
        args.put("accessTokenHash", order.accessTokenHash());
        args.put("currency", order.currency());
        args.put("subtotal", order.subtotal());
        args.put("discountTotal", order.discountTotal());
        args.put("shippingTotal", order.shippingTotal());
        args.put("taxTotal", order.taxTotal());
        args.put("grandTotal", order.grandTotal());
        args.put("pricesIncludeTax", order.pricesIncludeTax());
        args.put("shippingMethod", order.shippingMethod());
        args.put("deliveryMinDays", order.deliveryMinDays());
        args.put("deliveryMaxDays", order.deliveryMaxDays());
        args.put("shippingAddress", order.shippingAddress());
        args.put("billingAddress", order.billingAddress());
        args.put("paymentProvider", order.paymentProvider());
        args.put("channel", order.channel());
        args.put("reservationExpiresAt", order.reservationExpiresAt());
        args.put("cartId", order.cartId());
        args.put("lineIds", lines.lineIds());
        args.put("positions", lines.positions());
        args.put("variantIds", lines.variantIds());
        args.put("productIds", lines.productIds());
        args.put("skus", lines.skus());
        args.put("titles", lines.titles());
        args.put("options", lines.options());
        args.put("quantities", lines.quantities());
        args.put("unitPrices", lines.unitPrices());
        args.put("lineTotals", lines.lineTotals());
        args.put("taxAmounts", lines.taxAmounts());
        args.put("historyId", historyId);
        args.put("actorType", actorType);
        args.put("paymentId", paymentId);
        args.put("movementIds", movementIds);
        args.put("stockReason", stockReason);
        args.put("now", now);
        args.put("event.id", event.id());
        args.put("event.type", event.type());
        args.put("event.aggregateType", event.aggregateType());
        args.put("event.aggregateId", event.aggregateId());
        args.put("event.payload", event.payload());
        args.put("event.occurredAt", event.occurredAt());
        args.put("event.consumers", event.consumers());
        try (PreparedStatement ps = (oneLine ? ONE_LINE : LINES).prepare(h.getConnection(), args)) {
            ps.execute();
            // Several lines: the locked variants first, nothing to read; then the order statement's one row.
            if (!oneLine && !ps.getMoreResults()) {
                throw new SQLException("the order statement answered no result");
            }
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    throw new SQLException("the order statement answered no row");
                }
                Array held = rs.getArray("held_variants");
                try {
                    return new Placed(rs.getString("number"), rs.getBoolean("cart_closed"), (UUID[]) held.getArray());
                } finally {
                    held.free();
                }
            }
        } catch (SQLException e) {
            throw JdbcReads.failed("place order", e);
        }
    }
}
