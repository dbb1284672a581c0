package io.bazaar.store.catalog.app;

import io.bazaar.shared.id.Ids;
import io.bazaar.store.catalog.domain.StockReason;
import io.bazaar.store.catalog.persistence.ProductDao;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Stock changes made by other features (releasing reservations, taking stock again), inside the
 * caller's transaction. Same rules as staff adjustments: a conditional UPDATE that refuses to go
 * below zero, and a ledger row with the resulting level, so stock on hand always equals the ledger
 * sum. A checkout takes and holds its stock in the statement that writes the order, with the SQL of
 * {@link ProductDao#TAKE_HELD_STOCK}, which keeps the same rules. Cached catalogue pages are not invalidated here: availability shown there may lag by the
 * cache TTL, while carts and checkout always read stock from PostgreSQL.
 */
public final class InventoryService {

    /**
     * Takes {@code quantity} units for a reason that removes stock.
     *
     * @return the stock left, or empty when there are not enough units (nothing changes)
     */
    public OptionalInt take(Handle handle, UUID variantId, int quantity, StockReason reason, String note, Instant now) {
        requirePositive(quantity);
        if (reason.problemWith(-quantity) != null) {
            throw new IllegalArgumentException(reason + " cannot remove stock");
        }
        var after = handle.attach(ProductDao.class).moveStock(Ids.newId(), variantId, -quantity, reason.value(), note,
                null, now);
        return after.isEmpty() ? OptionalInt.empty() : OptionalInt.of(after.get());
    }

    /** Gives {@code quantity} units back for a reason that adds stock. */
    public int give(Handle handle, UUID variantId, int quantity, StockReason reason, String note, Instant now) {
        requirePositive(quantity);
        if (reason.problemWith(quantity) != null) {
            throw new IllegalArgumentException(reason + " cannot add stock");
        }
        return handle.attach(ProductDao.class).moveStock(Ids.newId(), variantId, quantity, reason.value(), note, null, now)
                .orElseThrow(() -> new IllegalStateException("variant " + variantId + " vanished"));
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }

    /** A variant that can be sold now, with its price in a currency (exchanges, issue #5). */
    public record SellableVariant(UUID variantId, UUID productId, String sku, String title, long unitPrice) {
    }

    /** Empty when the variant is unknown, its product is not active, or it has no price in {@code currency}. */
    public java.util.Optional<SellableVariant> sellable(Handle handle, UUID variantId, String currency) {
        return handle.createQuery("""
                        SELECT v.id, v.product_id, v.sku, p.title, vp.amount
                        FROM variant v JOIN product p ON p.id = v.product_id
                        JOIN variant_price vp ON vp.variant_id = v.id AND vp.currency = :currency
                        WHERE v.id = :id AND p.status = 'active'
                        """)
                .bind("id", variantId).bind("currency", currency)
                .map((rs, ctx) -> new SellableVariant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getLong(5)))
                .findOne();
    }

    /** SKU and product title of a variant whatever its product's status (it may be shipped after archiving). */
    public java.util.Optional<SellableVariant> describe(Handle handle, UUID variantId) {
        return handle.createQuery("""
                        SELECT v.id, v.product_id, v.sku, p.title
                        FROM variant v JOIN product p ON p.id = v.product_id WHERE v.id = :id
                        """)
                .bind("id", variantId)
                .map((rs, ctx) -> new SellableVariant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), 0))
                .findOne();
    }
}
