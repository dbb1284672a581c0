package io.bazaar.store.order.persistence;

import io.bazaar.shared.outbox.Outbox;
import io.bazaar.shared.outbox.OutboxDao;
import io.bazaar.store.catalog.persistence.ProductDao;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface OrderDao {

    record ItemCount(@ColumnName("order_id") UUID orderId, int items) {
    }

    @SqlQuery("SELECT order_id, sum(quantity)::int AS items FROM order_line WHERE order_id = ANY(:ids) GROUP BY order_id")
    List<ItemCount> itemCounts(@Bind("ids") UUID[] ids);

    record OrderRow(UUID id, String number, @ColumnName("customer_id") UUID customerId, String email, String status,
                    String currency, long subtotal, @ColumnName("discount_total") long discountTotal,
                    @ColumnName("shipping_total") long shippingTotal, @ColumnName("tax_total") long taxTotal,
                    @ColumnName("grand_total") long grandTotal, @ColumnName("prices_include_tax") boolean pricesIncludeTax,
                    @ColumnName("shipping_method") String shippingMethod,
                    @ColumnName("delivery_min_days") int deliveryMinDays,
                    @ColumnName("delivery_max_days") int deliveryMaxDays,
                    @ColumnName("shipping_address") String shippingAddress,
                    @ColumnName("billing_address") String billingAddress,
                    @ColumnName("payment_provider") String paymentProvider, String channel,
                    @ColumnName("reservation_expires_at") Instant reservationExpiresAt, int version,
                    @ColumnName("placed_at") Instant placedAt, @ColumnName("updated_at") Instant updatedAt) {
    }

    record LineRow(UUID id, @ColumnName("order_id") UUID orderId, int position, @ColumnName("variant_id") UUID variantId,
                   @ColumnName("product_id") UUID productId, String sku, String title, String options, int quantity,
                   @ColumnName("unit_price") long unitPrice, @ColumnName("line_total") long lineTotal,
                   @ColumnName("tax_amount") long taxAmount) {
    }

    record HistoryRow(@ColumnName("from_status") String fromStatus, @ColumnName("to_status") String toStatus,
                      @ColumnName("actor_type") String actorType, @ColumnName("actor_id") UUID actorId, String reason,
                      @ColumnName("created_at") Instant createdAt) {
    }

    record NoteRow(UUID id, @ColumnName("staff_id") UUID staffId, String body, @ColumnName("created_at") Instant createdAt) {
    }

    record HeldLine(@ColumnName("variant_id") UUID variantId, int quantity) {
    }

    record PaymentRow(UUID id, String provider, String status, long amount, String currency,
                      @ColumnName("provider_ref") String providerRef, @ColumnName("updated_at") Instant updatedAt) {
    }

    String COLUMNS = """
            id, number, customer_id, email, status, currency, subtotal, discount_total, shipping_total, tax_total,
            grand_total, prices_include_tax, shipping_method, delivery_min_days, delivery_max_days,
            shipping_address::text AS shipping_address, billing_address::text AS billing_address, payment_provider,
            channel, reservation_expires_at, version, placed_at, updated_at
            """;

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_order WHERE customer_id = :customerId ORDER BY placed_at, id")
    List<OrderRow> listAllForCustomer(@Bind("customerId") UUID customerId);

    /**
     * Pseudonymises the personal data on a customer's orders. Amounts, lines and dates stay: the
     * shop must keep its financial records; only the country of each address is kept (tax).
     */
    @SqlUpdate("""
            UPDATE customer_order SET email = :pseudonymEmail,
                shipping_address = jsonb_build_object('name', 'erased', 'line1', 'erased', 'city', 'erased',
                                                      'country', shipping_address->>'country'),
                billing_address = jsonb_build_object('name', 'erased', 'line1', 'erased', 'city', 'erased',
                                                     'country', billing_address->>'country'),
                updated_at = :now
            WHERE customer_id = :customerId
            """)
    int erasePersonalData(@Bind("customerId") UUID customerId, @Bind("pseudonymEmail") String pseudonymEmail,
                          @Bind("now") Instant now);

    /**
     * What {@link #INSERT_ORDER} answers: the order's number, whether it closed the cart (false: not open), and the
     * variants whose stock it took and held (fewer than its lines: a shortfall, and the caller must roll back).
     */
    record Placed(String number, @ColumnName("cart_closed") boolean cartClosed,
                  @ColumnName("held_variants") UUID[] heldVariants) {
    }

    /**
     * Writes a new order in one statement: the order, numbered from {@code order_number_seq}; its first history entry
     * (placed, by {@code actorType}/{@code customerId}); its pending payment; its lines (parallel arrays of
     * {@link NewLines}); closes its cart as checked out if it is still open; takes and holds each line's stock
     * until {@code reservationExpiresAt} (the order's {@code stock_state} starts as {@code held};
     * {@link ProductDao#TAKE_HELD_STOCK}, one {@code movementIds} element per line, ledger reason {@code stockReason};
     * for several lines the caller holds the variants' locks); and writes {@code event}, its {@code order.placed}
     * outbox event prepared by {@link Outbox#prepare} without the number, with the outbox's own SQL
     * ({@link OutboxDao#WRITE_EVENT}) and the number drawn here set in its payload. Run by {@link PlaceOrder}, after
     * the lock a cart of several lines needs.
     */
    String INSERT_ORDER = """
            WITH placed AS (
                INSERT INTO customer_order (id, number, customer_id, email, access_token_hash, status, currency, subtotal,
                    discount_total, shipping_total, tax_total, grand_total, prices_include_tax, shipping_method,
                    delivery_min_days, delivery_max_days, shipping_address, billing_address, payment_provider, channel,
                    reservation_expires_at, cart_id, placed_at, created_at, updated_at)
                VALUES (:id, 'BZ-' || nextval('order_number_seq'), :customerId, :email, :accessTokenHash,
                    'pending_payment', :currency, :subtotal, :discountTotal, :shippingTotal, :taxTotal, :grandTotal,
                    :pricesIncludeTax, :shippingMethod, :deliveryMinDays, :deliveryMaxDays, CAST(:shippingAddress AS jsonb),
                    CAST(:billingAddress AS jsonb), :paymentProvider, :channel, :reservationExpiresAt, :cartId, :now, :now,
                    :now)
                RETURNING number
            ), history AS (
                INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_type, actor_id, reason,
                    created_at)
                VALUES (:historyId, :id, NULL, 'pending_payment', :actorType, :customerId, 'checkout', :now)
            ), pending_payment AS (
                INSERT INTO payment (id, order_id, provider, status, amount, currency, provider_ref, created_at, updated_at)
                VALUES (:paymentId, :id, :paymentProvider, 'pending', :grandTotal, :currency, NULL, :now, :now)
            ), order_lines AS (
                INSERT INTO order_line (id, order_id, position, variant_id, product_id, sku, title, options, quantity,
                                        unit_price, line_total, tax_amount)
                SELECT l.id, :id, l.position, l.variant_id, l.product_id, l.sku, l.title, CAST(l.options AS jsonb),
                       l.quantity, l.unit_price, l.line_total, l.tax_amount
                FROM unnest(CAST(:lineIds AS uuid[]), CAST(:positions AS int[]), CAST(:variantIds AS uuid[]),
                            CAST(:productIds AS uuid[]), CAST(:skus AS text[]), CAST(:titles AS text[]),
                            CAST(:options AS text[]), CAST(:quantities AS int[]), CAST(:unitPrices AS bigint[]),
                            CAST(:lineTotals AS bigint[]), CAST(:taxAmounts AS bigint[]))
                     AS l(id, position, variant_id, product_id, sku, title, options, quantity, unit_price, line_total,
                          tax_amount)
            ), closed AS (
                UPDATE cart SET status = 'checked_out', updated_at = :now WHERE id = :cartId AND status = 'open'
                RETURNING id
            ), holds AS (
                SELECT h.variant_id, h.quantity, h.movement_id, CAST(:stockReason AS text) AS reason,
                       'order ' || p.number AS note, CAST(:now AS timestamptz) AS at
                FROM unnest(CAST(:variantIds AS uuid[]), CAST(:quantities AS int[]), CAST(:movementIds AS uuid[]))
                     AS h(variant_id, quantity, movement_id)
                CROSS JOIN placed p
            ),
            """ + ProductDao.TAKE_HELD_STOCK + """
            , event_payload AS (
                SELECT jsonb_set(CAST(:event.payload AS jsonb), '{number}', to_jsonb(p.number)) AS payload
                FROM placed p
            ),
            """ + OutboxDao.WRITE_EVENT + """
            SELECT number, EXISTS (SELECT 1 FROM closed) AS cart_closed,
                   ARRAY(SELECT variant_id FROM moved) AS held_variants
            FROM placed
            """;

    /** An order's lines as the parallel arrays {@link #INSERT_ORDER} unnests. */
    record NewLines(UUID[] lineIds, Integer[] positions, UUID[] variantIds, UUID[] productIds, String[] skus,
                    String[] titles, String[] options, Integer[] quantities, Long[] unitPrices, Long[] lineTotals,
                    Long[] taxAmounts) {
        public static NewLines of(List<LineRow> rows) {
            int n = rows.size();
            NewLines l = new NewLines(new UUID[n], new Integer[n], new UUID[n], new UUID[n], new String[n],
                    new String[n], new String[n], new Integer[n], new Long[n], new Long[n], new Long[n]);
            for (int i = 0; i < n; i++) {
                LineRow r = rows.get(i);
                l.lineIds[i] = r.id();
                l.positions[i] = r.position();
                l.variantIds[i] = r.variantId();
                l.productIds[i] = r.productId();
                l.skus[i] = r.sku();
                l.titles[i] = r.title();
                l.options[i] = r.options();
                l.quantities[i] = r.quantity();
                l.unitPrices[i] = r.unitPrice();
                l.lineTotals[i] = r.lineTotal();
                l.taxAmounts[i] = r.taxAmount();
            }
            return l;
        }
    }

    record NewOrder(UUID id, UUID customerId, String email, byte[] accessTokenHash, String currency,
                    long subtotal, long discountTotal, long shippingTotal, long taxTotal, long grandTotal,
                    boolean pricesIncludeTax, String shippingMethod, int deliveryMinDays, int deliveryMaxDays,
                    String shippingAddress, String billingAddress, String paymentProvider, String channel,
                    Instant reservationExpiresAt, UUID cartId) {
    }

    @SqlUpdate("""
            INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_type, actor_id, reason, created_at)
            VALUES (:id, :orderId, :fromStatus, :toStatus, :actorType, :actorId, :reason, :now)
            """)
    void insertHistory(@Bind("id") UUID id, @Bind("orderId") UUID orderId, @Bind("fromStatus") String fromStatus,
                       @Bind("toStatus") String toStatus, @Bind("actorType") String actorType,
                       @Bind("actorId") UUID actorId, @Bind("reason") String reason, @Bind("now") Instant now);

    /**
     * Settles the stock the order holds ({@code consumed} or {@code released}) and answers its lines' variants and
     * quantities, in variant order; nothing if it holds none. The conditional update lets one transaction only settle
     * an order's stock: released stock goes back exactly once.
     */
    @SqlQuery("""
            WITH settled AS (
                UPDATE customer_order SET stock_state = :state WHERE id = :orderId AND stock_state = 'held'
                RETURNING id
            )
            SELECT l.variant_id, l.quantity
            FROM order_line l JOIN settled s ON s.id = l.order_id
            ORDER BY l.variant_id
            """)
    List<HeldLine> settleStock(@Bind("orderId") UUID orderId, @Bind("state") String state);

    @SqlUpdate("""
            UPDATE payment SET status = :status, recorded_by = COALESCE(:recordedBy, recorded_by), updated_at = :now
            WHERE order_id = :orderId
            """)
    void updatePayment(@Bind("orderId") UUID orderId, @Bind("status") String status,
                       @Bind("recordedBy") UUID recordedBy, @Bind("now") Instant now);

    /** Records the provider's reference once; a reference already set (by a webhook, say) is kept. */
    @SqlUpdate("""
            UPDATE payment SET provider_ref = :ref, updated_at = :now
            WHERE order_id = :orderId AND provider_ref IS NULL
            """)
    int setPaymentReference(@Bind("orderId") UUID orderId, @Bind("ref") String ref, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE payment SET status = :status, provider_ref = COALESCE(provider_ref, :ref), updated_at = :now
            WHERE order_id = :orderId
            """)
    void updatePaymentStatus(@Bind("orderId") UUID orderId, @Bind("status") String status, @Bind("ref") String ref,
                             @Bind("now") Instant now);

    @SqlQuery("SELECT order_id FROM payment WHERE provider = :provider AND provider_ref = :ref")
    Optional<UUID> orderIdByPaymentReference(@Bind("provider") String provider, @Bind("ref") String ref);

    @SqlQuery("""
            SELECT from_status, to_status, actor_type, actor_id, reason, created_at
            FROM order_status_history WHERE order_id = :orderId AND to_status = 'cancelled'
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)
    Optional<HistoryRow> lastCancellation(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT id, provider, status, amount, currency, provider_ref, updated_at FROM payment WHERE order_id = :orderId")
    Optional<PaymentRow> payment(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_order WHERE id = :id")
    Optional<OrderRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_order WHERE id = :id FOR UPDATE")
    Optional<OrderRow> lock(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_order WHERE id = :id AND access_token_hash = :tokenHash")
    Optional<OrderRow> findByIdAndToken(@Bind("id") UUID id, @Bind("tokenHash") byte[] tokenHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_order WHERE cart_id = :cartId")
    Optional<OrderRow> findByCart(@Bind("cartId") UUID cartId);

    @SqlUpdate("""
            UPDATE customer_order SET status = :to, version = version + 1, updated_at = :now
            WHERE id = :id AND status = :from
            """)
    int transition(@Bind("id") UUID id, @Bind("from") String from, @Bind("to") String to, @Bind("now") Instant now);

    String LINE_COLUMNS = """
            id, order_id, position, variant_id, product_id, sku, title, options::text AS options, quantity, unit_price,
            line_total, tax_amount
            """;

    @SqlQuery("SELECT " + LINE_COLUMNS + " FROM order_line WHERE order_id = :orderId ORDER BY position")
    List<LineRow> lines(@Bind("orderId") UUID orderId);

    /** {@link #lines} of many orders at once, by order then position. */
    @SqlQuery("SELECT " + LINE_COLUMNS + " FROM order_line WHERE order_id = ANY(:ids) ORDER BY order_id, position")
    List<LineRow> linesOf(@Bind("ids") UUID[] orderIds);

    @SqlQuery("""
            SELECT from_status, to_status, actor_type, actor_id, reason, created_at
            FROM order_status_history WHERE order_id = :orderId ORDER BY created_at, id
            """)
    List<HistoryRow> history(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT id, staff_id, body, created_at FROM order_note WHERE order_id = :orderId ORDER BY created_at, id")
    List<NoteRow> notes(@Bind("orderId") UUID orderId);

    @SqlUpdate("INSERT INTO order_note (id, order_id, staff_id, body, created_at) VALUES (:id, :orderId, :staffId, :body, :now)")
    void insertNote(@Bind("id") UUID id, @Bind("orderId") UUID orderId, @Bind("staffId") UUID staffId,
                    @Bind("body") String body, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM customer_order
            WHERE customer_id = :customerId
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (placed_at, id) < (:cursorAt, :cursorId))
            ORDER BY placed_at DESC, id DESC LIMIT :limit
            """)
    List<OrderRow> listForCustomer(@Bind("customerId") UUID customerId, @Bind("cursorAt") Instant cursorAt,
                                   @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM customer_order
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:q AS text) IS NULL OR number = upper(:q) OR lower(email) = lower(:q))
              AND (CAST(:from AS timestamptz) IS NULL OR placed_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR placed_at < :to)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (placed_at, id) < (:cursorAt, :cursorId))
            ORDER BY placed_at DESC, id DESC LIMIT :limit
            """)
    List<OrderRow> search(@Bind("status") String status, @Bind("customerId") UUID customerId, @Bind("q") String q,
                          @Bind("from") Instant from, @Bind("to") Instant to, @Bind("cursorAt") Instant cursorAt,
                          @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    /**
     * Claims orders whose reservation expired unpaid. SKIP LOCKED lets every instance run the job:
     * each order is handled by exactly one of them.
     */
    @SqlQuery("""
            SELECT id FROM customer_order
            WHERE status = 'pending_payment' AND reservation_expires_at <= :now
            ORDER BY reservation_expires_at LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
    List<UUID> claimExpired(@Bind("now") Instant now, @Bind("limit") int limit);

    // ---- after-sales (issue #5) ----

    record AfterSalesRow(UUID id, String number, @ColumnName("customer_id") UUID customerId, String status,
                         @ColumnName("fulfilment_status") String fulfilmentStatus, String currency,
                         @ColumnName("grand_total") long grandTotal, @ColumnName("shipping_total") long shippingTotal,
                         @ColumnName("payment_provider") String paymentProvider,
                         @ColumnName("payment_status") String paymentStatus,
                         @ColumnName("provider_ref") String providerRef, long captured, long refunded, String channel) {
    }

    String AFTER_SALES_FROM = """
            SELECT o.id, o.number, o.customer_id, o.status, o.fulfilment_status, o.currency, o.grand_total,
                   o.shipping_total, o.payment_provider, p.status AS payment_status, p.provider_ref,
                   p.amount AS captured, p.refunded_amount AS refunded, o.channel
            FROM customer_order o JOIN payment p ON p.order_id = o.id
            """;

    String AFTER_SALES = AFTER_SALES_FROM + "WHERE o.id = :id";

    @SqlQuery(AFTER_SALES)
    Optional<AfterSalesRow> findAfterSales(@Bind("id") UUID id);

    /** {@link #findAfterSales} for many orders at once (lists). */
    @SqlQuery(AFTER_SALES_FROM + "WHERE o.id = ANY(:ids)")
    List<AfterSalesRow> findAfterSalesAll(@Bind("ids") UUID[] ids);

    /** Locks the order row: shipments, returns and refunds of one order are serialised on it. */
    @SqlQuery(AFTER_SALES + " FOR UPDATE OF o")
    Optional<AfterSalesRow> lockAfterSales(@Bind("id") UUID id);

    @SqlUpdate("UPDATE customer_order SET fulfilment_status = :status, updated_at = :now WHERE id = :id")
    void updateFulfilment(@Bind("id") UUID id, @Bind("status") String status, @Bind("now") Instant now);

    /**
     * Reserves a refund amount: only a captured payment, and never past what was captured, whatever
     * runs concurrently. Zero rows means "not refundable now".
     */
    @SqlUpdate("""
            UPDATE payment SET refunded_amount = refunded_amount + :amount, updated_at = :now
            WHERE order_id = :orderId AND status = 'succeeded' AND refunded_amount + :amount <= amount
            """)
    int reserveRefund(@Bind("orderId") UUID orderId, @Bind("amount") long amount, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE payment SET refunded_amount = refunded_amount - :amount, updated_at = :now
            WHERE order_id = :orderId AND refunded_amount >= :amount
            """)
    int releaseRefund(@Bind("orderId") UUID orderId, @Bind("amount") long amount, @Bind("now") Instant now);
}
