package io.bazaar.store.cart.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The email a guest cart carries and the once-per-cart abandonment mark. */
public interface AbandonedCartDao {

    record AbandonedRow(UUID id, String email, String currency, @ColumnName("updated_at") Instant updatedAt) {
    }

    record LineRow(@ColumnName("variant_id") UUID variantId, @ColumnName("product_id") UUID productId, String sku,
                   String title, int quantity) {
    }

    @SqlUpdate("UPDATE cart SET email = :email WHERE id = :id AND status = 'open'")
    int setEmail(@Bind("id") UUID id, @Bind("email") String email);

    @SqlQuery("SELECT email FROM cart WHERE id = :id")
    java.util.Optional<String> email(@Bind("id") UUID id);

    /**
     * Claims open guest carts with an email and at least one line, idle since {@code cutoff}, and marks
     * them abandoned in the same statement. SKIP LOCKED lets instances share the work and a cart being
     * changed right now is simply left for the next run; the {@code abandoned_at IS NULL} condition
     * makes the mark (and so the event written with it) happen once per cart.
     */
    @SqlQuery("""
            UPDATE cart c SET abandoned_at = :now
            FROM (SELECT id FROM cart
                  WHERE status = 'open' AND email IS NOT NULL AND abandoned_at IS NULL AND customer_id IS NULL
                    AND updated_at <= :cutoff
                    AND EXISTS (SELECT 1 FROM cart_line l WHERE l.cart_id = cart.id)
                  ORDER BY updated_at
                  LIMIT :limit
                  FOR UPDATE SKIP LOCKED) due
            WHERE c.id = due.id AND c.abandoned_at IS NULL
            RETURNING c.id, c.email, c.currency, c.updated_at
            """)
    List<AbandonedRow> claimAbandoned(@Bind("cutoff") Instant cutoff, @Bind("now") Instant now, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT l.variant_id, v.product_id, v.sku, p.title, l.quantity
            FROM cart_line l JOIN variant v ON v.id = l.variant_id JOIN product p ON p.id = v.product_id
            WHERE l.cart_id = :cartId ORDER BY l.created_at, l.variant_id
            """)
    List<LineRow> lines(@Bind("cartId") UUID cartId);
}
