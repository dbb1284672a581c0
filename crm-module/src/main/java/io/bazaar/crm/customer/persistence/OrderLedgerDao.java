package io.bazaar.crm.customer.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The CRM's order and return ledger, written only by intake, and only when the timeline entry for
 * the same event was newly inserted: that is what keeps a redelivered refund from counting twice.
 */
public interface OrderLedgerDao {

    @SqlUpdate("""
            INSERT INTO crm_order_ledger (order_id, customer_id, order_number, currency, total_amount, status,
                                          placed_at, updated_at)
            VALUES (:orderId, :customerId, :orderNumber, :currency, :total, 'placed', :at, :at)
            ON CONFLICT (order_id) DO NOTHING
            """)
    int insertOrder(@Bind("orderId") UUID orderId, @Bind("customerId") UUID customerId,
                    @Bind("orderNumber") String orderNumber, @Bind("currency") String currency,
                    @Bind("total") long total, @Bind("at") Instant at);

    @SqlQuery("SELECT order_number FROM crm_order_ledger WHERE order_id = :orderId")
    java.util.Optional<String> orderNumber(@Bind("orderId") UUID orderId);

    /** Status only moves forward; a late "paid" after "shipped" changes nothing. */
    @SqlUpdate("""
            UPDATE crm_order_ledger SET status = :status, updated_at = :at
            WHERE order_id = :orderId AND status = ANY (CAST(:from AS text[]))
            """)
    int advanceStatus(@Bind("orderId") UUID orderId, @Bind("status") String status,
                      @Bind("from") List<String> from, @Bind("at") Instant at);

    /** Refunds add up but never exceed the order total (the CHECK would reject a negative net). */
    @SqlUpdate("""
            UPDATE crm_order_ledger SET refunded_amount = LEAST(total_amount, refunded_amount + :amount), updated_at = :at
            WHERE order_id = :orderId AND currency = :currency
            """)
    int addRefund(@Bind("orderId") UUID orderId, @Bind("amount") long amount, @Bind("currency") String currency,
                  @Bind("at") Instant at);

    @SqlUpdate("""
            INSERT INTO crm_return_ledger (return_id, customer_id, order_id, status, requested_at, updated_at)
            VALUES (:returnId, :customerId, :orderId, 'requested', :at, :at)
            ON CONFLICT (return_id) DO NOTHING
            """)
    int insertReturn(@Bind("returnId") UUID returnId, @Bind("customerId") UUID customerId,
                     @Bind("orderId") UUID orderId, @Bind("at") Instant at);

    @SqlUpdate("""
            UPDATE crm_return_ledger SET status = :status, updated_at = :at
            WHERE return_id = :returnId AND status = ANY (CAST(:from AS text[]))
            """)
    int advanceReturn(@Bind("returnId") UUID returnId, @Bind("status") String status,
                      @Bind("from") List<String> from, @Bind("at") Instant at);

    @SqlQuery("""
            SELECT json_build_object('order_id', order_id, 'order_number', order_number, 'currency', currency,
                                     'total_amount', total_amount, 'refunded_amount', refunded_amount,
                                     'status', status, 'placed_at', placed_at)::text
            FROM crm_order_ledger WHERE customer_id = :customerId ORDER BY placed_at
            """)
    List<String> listOrdersJson(@Bind("customerId") UUID customerId);

    // ---- Product lines of orders and returns (metrics, segments, occasions; issue #8) ----

    @SqlUpdate("""
            INSERT INTO crm_order_line_ledger (order_id, line_no, product_id, variant_id, sku, title, quantity, line_total,
                                               category_ids)
            VALUES (:orderId, :lineNo, :productId, :variantId, :sku, :title, :quantity, :lineTotal, :categoryIds)
            ON CONFLICT (order_id, line_no) DO NOTHING
            """)
    int insertOrderLine(@Bind("orderId") UUID orderId, @Bind("lineNo") int lineNo, @Bind("productId") UUID productId,
                        @Bind("variantId") UUID variantId, @Bind("sku") String sku, @Bind("title") String title,
                        @Bind("quantity") int quantity, @Bind("lineTotal") long lineTotal,
                        @Bind("categoryIds") UUID[] categoryIds);

    /** The product comes from the order's own line for the same variant, as the CRM heard it. */
    @SqlUpdate("""
            INSERT INTO crm_return_line_ledger (return_id, line_no, order_id, product_id, variant_id, sku, quantity)
            VALUES (:returnId, :lineNo, :orderId,
                    (SELECT product_id FROM crm_order_line_ledger
                     WHERE order_id = :orderId AND variant_id = :variantId ORDER BY line_no LIMIT 1),
                    :variantId, :sku, :quantity)
            ON CONFLICT (return_id, line_no) DO NOTHING
            """)
    int insertReturnLine(@Bind("returnId") UUID returnId, @Bind("lineNo") int lineNo, @Bind("orderId") UUID orderId,
                         @Bind("variantId") UUID variantId, @Bind("sku") String sku, @Bind("quantity") int quantity);
    // ---- end ----
}
