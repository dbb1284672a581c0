package io.bazaar.store.returns.persistence;

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

public interface ReturnDao {

    record ExtraPaymentRow(UUID id, @ColumnName("return_id") UUID returnId, String status, long amount,
                           String currency, String provider, @ColumnName("paid_by") UUID paidBy,
                           @ColumnName("paid_at") Instant paidAt, String reference,
                           @ColumnName("created_at") Instant createdAt) {
    }

    record ReservationRow(@ColumnName("variant_id") UUID variantId, int quantity) {
    }

    record ReturnRow(UUID id, String number, @ColumnName("order_id") UUID orderId,
                     @ColumnName("customer_id") UUID customerId, String status, String resolution,
                     @ColumnName("reason_code") String reasonCode, String comment,
                     @ColumnName("staff_message") String staffMessage,
                     @ColumnName("price_difference") long priceDifference, int version,
                     @ColumnName("created_at") Instant createdAt, @ColumnName("updated_at") Instant updatedAt) {
    }

    record LineRow(@ColumnName("return_id") UUID returnId, @ColumnName("order_line_id") UUID orderLineId, int quantity,
                   @ColumnName("replacement_variant_id") UUID replacementVariantId,
                   @ColumnName("replacement_unit_price") Long replacementUnitPrice, int restocked, int damaged) {
    }

    record HistoryRow(@ColumnName("return_id") UUID returnId, @ColumnName("from_status") String fromStatus,
                      @ColumnName("to_status") String toStatus,
                      @ColumnName("actor_type") String actorType, @ColumnName("actor_id") UUID actorId, String reason,
                      @ColumnName("created_at") Instant createdAt) {
    }

    record Returned(@ColumnName("order_line_id") UUID orderLineId, int quantity) {
    }

    String COLUMNS = "id, number, order_id, customer_id, status, resolution, reason_code, comment, staff_message, "
            + "price_difference, version, created_at, updated_at";

    @SqlQuery("SELECT nextval('return_number_seq')")
    long nextNumber();

    @SqlUpdate("""
            INSERT INTO return_request (id, number, order_id, customer_id, status, resolution, reason_code, comment,
                                        price_difference, created_at, updated_at)
            VALUES (:id, :number, :orderId, :customerId, 'requested', :resolution, :reasonCode, :comment,
                    :priceDifference, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods ReturnRow row);

    @SqlBatch("""
            INSERT INTO return_line (return_id, order_line_id, quantity, replacement_variant_id, replacement_unit_price)
            VALUES (:returnId, :orderLineId, :quantity, :replacementVariantId, :replacementUnitPrice)
            """)
    void insertLines(@BindMethods List<LineRow> lines);

    @SqlUpdate("""
            INSERT INTO return_status_history (id, return_id, from_status, to_status, actor_type, actor_id, reason, created_at)
            VALUES (:id, :returnId, :fromStatus, :toStatus, :actorType, :actorId, :reason, :now)
            """)
    void insertHistory(@Bind("id") UUID id, @Bind("returnId") UUID returnId, @Bind("fromStatus") String fromStatus,
                       @Bind("toStatus") String toStatus, @Bind("actorType") String actorType,
                       @Bind("actorId") UUID actorId, @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM return_request WHERE id = :id")
    Optional<ReturnRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT order_id FROM return_request WHERE id = :id")
    Optional<UUID> orderOf(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM return_request WHERE id = :id FOR UPDATE")
    Optional<ReturnRow> lock(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE return_request SET status = :to, staff_message = COALESCE(:message, staff_message),
                   version = version + 1, updated_at = :now
            WHERE id = :id AND status = :from
            """)
    int transition(@Bind("id") UUID id, @Bind("from") String from, @Bind("to") String to,
                   @Bind("message") String message, @Bind("now") Instant now);

    String LINE_COLUMNS = "return_id, order_line_id, quantity, replacement_variant_id, replacement_unit_price, "
            + "restocked, damaged";

    @SqlQuery("SELECT " + LINE_COLUMNS + " FROM return_line WHERE return_id = :returnId ORDER BY order_line_id")
    List<LineRow> lines(@Bind("returnId") UUID returnId);

    /** {@link #lines} of many returns at once, by return then order line. */
    @SqlQuery("SELECT " + LINE_COLUMNS + " FROM return_line WHERE return_id = ANY(:returnIds)"
            + " ORDER BY return_id, order_line_id")
    List<LineRow> linesOf(@Bind("returnIds") UUID[] returnIds);

    @SqlUpdate("UPDATE return_line SET restocked = :restocked, damaged = :damaged WHERE return_id = :returnId AND order_line_id = :orderLineId")
    void recordReceipt(@Bind("returnId") UUID returnId, @Bind("orderLineId") UUID orderLineId,
                       @Bind("restocked") int restocked, @Bind("damaged") int damaged);

    @SqlQuery("""
            SELECT return_id, from_status, to_status, actor_type, actor_id, reason, created_at
            FROM return_status_history WHERE return_id = ANY(:returnIds) ORDER BY return_id, created_at, id
            """)
    List<HistoryRow> historyOf(@Bind("returnIds") UUID[] returnIds);

    /** Units of each order line already asked back by returns that were not rejected. */
    @SqlQuery("""
            SELECT rl.order_line_id, sum(rl.quantity)::int AS quantity
            FROM return_line rl JOIN return_request r ON r.id = rl.return_id
            WHERE r.order_id = :orderId AND r.status <> 'rejected'
            GROUP BY rl.order_line_id
            """)
    List<Returned> returnedPerLine(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM return_request WHERE customer_id = :customerId ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<ReturnRow> listForCustomer(@Bind("customerId") UUID customerId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM return_request
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:orderId AS uuid) IS NULL OR order_id = :orderId)
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<ReturnRow> search(@Bind("status") String status, @Bind("orderId") UUID orderId, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO return_reservation (return_id, variant_id, quantity, created_at) VALUES (:returnId, :variantId, :quantity, :now)")
    void insertReservation(@Bind("returnId") UUID returnId, @Bind("variantId") UUID variantId,
                           @Bind("quantity") int quantity, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO order_extra_payment (id, order_id, return_id, provider, status, amount, currency, created_at)
            VALUES (:id, :orderId, :returnId, :provider, 'pending', :amount, :currency, :now)
            """)
    void insertExtraPayment(@Bind("id") UUID id, @Bind("orderId") UUID orderId, @Bind("returnId") UUID returnId,
                            @Bind("provider") String provider, @Bind("amount") long amount,
                            @Bind("currency") String currency, @Bind("now") Instant now);

    String EXTRA_PAYMENT_COLUMNS = "id, return_id, status, amount, currency, provider, paid_by, paid_at, reference, "
            + "created_at";

    @SqlQuery("SELECT " + EXTRA_PAYMENT_COLUMNS + " FROM order_extra_payment WHERE return_id = :returnId")
    Optional<ExtraPaymentRow> extraPayment(@Bind("returnId") UUID returnId);

    /** {@link #extraPayment} of many returns at once. */
    @SqlQuery("SELECT " + EXTRA_PAYMENT_COLUMNS + " FROM order_extra_payment WHERE return_id = ANY(:returnIds)")
    List<ExtraPaymentRow> extraPaymentsOf(@Bind("returnIds") UUID[] returnIds);

    /** pending -> succeeded exactly once: a second (or concurrent) call updates nothing. */
    @SqlUpdate("""
            UPDATE order_extra_payment SET status = 'succeeded', paid_by = :staffId, paid_at = :now,
                   reference = :reference
            WHERE return_id = :returnId AND status = 'pending'
            """)
    int markExtraPaymentPaid(@Bind("returnId") UUID returnId, @Bind("staffId") UUID staffId,
                             @Bind("reference") String reference, @Bind("now") Instant now);

    @SqlQuery("SELECT variant_id, quantity FROM return_reservation WHERE return_id = :returnId ORDER BY variant_id")
    List<ReservationRow> reservations(@Bind("returnId") UUID returnId);

    /** The replacement left: its reservation is consumed (the stock already moved at approval). */
    @SqlUpdate("DELETE FROM return_reservation WHERE return_id = :returnId")
    int consumeReservations(@Bind("returnId") UUID returnId);

    @SqlQuery("SELECT id FROM shipment WHERE return_id = :returnId")
    Optional<UUID> replacementShipment(@Bind("returnId") UUID returnId);

    record ReplacementShipment(@ColumnName("return_id") UUID returnId, UUID id) {
    }

    /** {@link #replacementShipment} of many returns at once. */
    @SqlQuery("SELECT return_id, id FROM shipment WHERE return_id = ANY(:returnIds)")
    List<ReplacementShipment> replacementShipmentsOf(@Bind("returnIds") UUID[] returnIds);

    @SqlUpdate("UPDATE return_request SET comment = NULL WHERE customer_id = :customerId AND comment IS NOT NULL")
    int eraseComments(@Bind("customerId") UUID customerId);
}
