package io.bazaar.store.fulfilment.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ShipmentDao {

    record ShipmentRow(UUID id, @ColumnName("order_id") UUID orderId, String status, String carrier,
                       @ColumnName("tracking_number") String trackingNumber,
                       @ColumnName("tracking_url") String trackingUrl, @ColumnName("shipped_by") UUID shippedBy,
                       @ColumnName("shipped_at") Instant shippedAt, @ColumnName("delivered_at") Instant deliveredAt,
                       @ColumnName("delivered_via") String deliveredVia, @ColumnName("return_id") UUID returnId) {
    }

    /** A unit of an exchange's replacement on its shipment; not an order line. */
    record ReplacementLineRow(@ColumnName("shipment_id") UUID shipmentId, @ColumnName("variant_id") UUID variantId,
                              String sku, String title, int quantity) {
    }

    record ShipmentLineRow(@ColumnName("shipment_id") UUID shipmentId, @ColumnName("order_line_id") UUID orderLineId,
                           int quantity) {
    }

    /** Per order line: units on shipments, units delivered, and when the last of them was delivered. */
    record LineProgressRow(@ColumnName("order_line_id") UUID orderLineId, int shipped, int delivered,
                           @ColumnName("last_delivered_at") Instant lastDeliveredAt) {
    }

    String COLUMNS = "id, order_id, status, carrier, tracking_number, tracking_url, shipped_by, shipped_at, "
            + "delivered_at, delivered_via, return_id";

    @SqlUpdate("""
            INSERT INTO shipment (id, order_id, status, carrier, tracking_number, tracking_url, shipped_by, shipped_at,
                                  created_at)
            VALUES (:id, :orderId, 'shipped', :carrier, :trackingNumber, :trackingUrl, :shippedBy, :now, :now)
            """)
    void insertShipment(@Bind("id") UUID id, @Bind("orderId") UUID orderId, @Bind("carrier") String carrier,
                        @Bind("trackingNumber") String trackingNumber, @Bind("trackingUrl") String trackingUrl,
                        @Bind("shippedBy") UUID shippedBy, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO shipment (id, order_id, return_id, status, carrier, tracking_number, tracking_url, shipped_by,
                                  shipped_at, created_at)
            VALUES (:id, :orderId, :returnId, 'shipped', :carrier, :trackingNumber, :trackingUrl, :shippedBy, :now, :now)
            """)
    void insertReplacementShipment(@Bind("id") UUID id, @Bind("orderId") UUID orderId, @Bind("returnId") UUID returnId,
                                   @Bind("carrier") String carrier, @Bind("trackingNumber") String trackingNumber,
                                   @Bind("trackingUrl") String trackingUrl, @Bind("shippedBy") UUID shippedBy,
                                   @Bind("now") Instant now);

    @SqlBatch("""
            INSERT INTO shipment_replacement_line (shipment_id, variant_id, sku, title, quantity, created_at)
            VALUES (:shipmentId, :variantId, :sku, :title, :quantity, :now)
            """)
    void insertReplacementLines(@BindMethods List<ReplacementLineRow> lines, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT rl.shipment_id, rl.variant_id, rl.sku, rl.title, rl.quantity
            FROM shipment_replacement_line rl JOIN shipment s ON s.id = rl.shipment_id
            WHERE s.order_id = :orderId ORDER BY rl.sku
            """)
    List<ReplacementLineRow> replacementLinesForOrder(@Bind("orderId") UUID orderId);

    @SqlBatch("INSERT INTO shipment_line (shipment_id, order_line_id, quantity) VALUES (:shipmentId, :orderLineId, :quantity)")
    void insertLines(@BindMethods List<ShipmentLineRow> lines);

    @SqlQuery("""
            SELECT sl.order_line_id, sum(sl.quantity)::int AS shipped,
                   sum(CASE WHEN s.status = 'delivered' THEN sl.quantity ELSE 0 END)::int AS delivered,
                   max(s.delivered_at) AS last_delivered_at
            FROM shipment s JOIN shipment_line sl ON sl.shipment_id = s.id
            WHERE s.order_id = :orderId
            GROUP BY sl.order_line_id
            """)
    List<LineProgressRow> progress(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT " + COLUMNS + " FROM shipment WHERE id = :id")
    Optional<ShipmentRow> findById(@Bind("id") UUID id);

    /** The carrier names its parcel; the newest shipment wins if a tracking number was ever reused. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM shipment WHERE lower(carrier) = lower(:carrier) AND tracking_number = :trackingNumber
            ORDER BY shipped_at DESC LIMIT 1
            """)
    Optional<ShipmentRow> findByTracking(@Bind("carrier") String carrier, @Bind("trackingNumber") String trackingNumber);

    @SqlQuery("SELECT " + COLUMNS + " FROM shipment WHERE order_id = :orderId ORDER BY shipped_at, id")
    List<ShipmentRow> listForOrder(@Bind("orderId") UUID orderId);

    @SqlQuery("""
            SELECT sl.shipment_id, sl.order_line_id, sl.quantity
            FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_id
            WHERE s.order_id = :orderId
            """)
    List<ShipmentLineRow> linesForOrder(@Bind("orderId") UUID orderId);

    /** shipped -> delivered exactly once: the losing concurrent caller updates nothing. */
    @SqlUpdate("""
            UPDATE shipment SET status = 'delivered', delivered_at = :now, delivered_via = :via
            WHERE id = :id AND status = 'shipped'
            """)
    int markDelivered(@Bind("id") UUID id, @Bind("via") String via, @Bind("now") Instant now);

    // ---- Reviews (issue #7, part 5): did this customer receive this product? ----
    record ReceivedRow(@ColumnName("order_id") UUID orderId, @ColumnName("delivered_at") Instant deliveredAt) {
    }

    /** The first delivered shipment line of one of the customer's orders holding a variant of the product. */
    @SqlQuery("""
            SELECT o.id AS order_id, s.delivered_at
            FROM customer_order o
            JOIN order_line ol ON ol.order_id = o.id
            JOIN shipment_line sl ON sl.order_line_id = ol.id
            JOIN shipment s ON s.id = sl.shipment_id AND s.status = 'delivered'
            WHERE o.customer_id = :customerId AND ol.product_id = :productId
            ORDER BY s.delivered_at, o.id
            LIMIT 1""")
    Optional<ReceivedRow> firstReceived(@Bind("customerId") UUID customerId, @Bind("productId") UUID productId);
    // ---- end reviews ----
}
