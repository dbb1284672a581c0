package io.bazaar.store.cart.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface CartDao {

    /**
     * The cart row with everything pricing needs from it (the code on it and the points asked for), so a change
     * or a checkout reads the cart once.
     */
    record CartRow(UUID id, @ColumnName("customer_id") UUID customerId, String currency,
                   @ColumnName("shipping_country") String shippingCountry,
                   @ColumnName("shipping_method") String shippingMethod, String status, int version,
                   @ColumnName("promotion_id") UUID promotionId, @ColumnName("redeem_points") Long redeemPoints,
                   @ColumnName("redeem_max_points") boolean redeemMaxPoints) {

        /** The same cart shipping elsewhere, for pricing a checkout that names its own address and method. */
        public CartRow shippingTo(String country, String method) {
            return new CartRow(id, customerId, currency, country, method, status, version, promotionId, redeemPoints,
                    redeemMaxPoints);
        }
    }

    String CART_COLUMNS = "id, customer_id, currency, shipping_country, shipping_method, status, version, promotion_id, "
            + "redeem_points, redeem_max_points";

    /**
     * A cart line joined with the catalogue: current price in the cart's currency and current stock, and the
     * product's categories (what order.placed carries for the CRM, read here so a checkout needs no extra query).
     * {@code automaticPromotions}, the same on every row, says whether any automatic promotion is live: when none is
     * (and the cart has no code) pricing skips the promotions look-up.
     */
    record PricedLineRow(@ColumnName("variant_id") UUID variantId, @ColumnName("product_id") UUID productId,
                         String sku, String title, String options, int quantity,
                         @ColumnName("unit_price") Long unitPrice, @ColumnName("stock_on_hand") int stockOnHand,
                         @ColumnName("weight_grams") Integer weightGrams,
                         @ColumnName("product_status") String productStatus,
                         @ColumnName("delivery_min_days") int deliveryMinDays,
                         @ColumnName("delivery_max_days") int deliveryMaxDays,
                         @ColumnName("early_access_until") Instant earlyAccessUntil,
                         @ColumnName("category_ids") UUID[] categoryIds,
                         @ColumnName("automatic_promotions") boolean automaticPromotions) {

        public PricedLineRow withQuantity(int newQuantity) {
            return new PricedLineRow(variantId, productId, sku, title, options, newQuantity, unitPrice, stockOnHand,
                    weightGrams, productStatus, deliveryMinDays, deliveryMaxDays, earlyAccessUntil, categoryIds,
                    automaticPromotions);
        }
    }

    /** The catalogue columns of {@link PricedLineRow} for variant {@code v} of product {@code p}. */
    String PRICED_VARIANT_COLUMNS = """
            vp.amount AS unit_price, v.stock_on_hand, v.weight_grams, p.status AS product_status,
            p.delivery_min_days, p.delivery_max_days, p.early_access_until,
            ARRAY(SELECT pc.category_id FROM product_category pc WHERE pc.product_id = p.id ORDER BY pc.category_id)
                AS category_ids,
            EXISTS (SELECT 1 FROM promotion WHERE automatic AND active) AS automatic_promotions
            """;

    /** Joins variant {@code v} to its product {@code p} and its price {@code vp} in {@code :currency}. */
    String PRICED_VARIANT_JOINS = """
            JOIN product p ON p.id = v.product_id
            LEFT JOIN variant_price vp ON vp.variant_id = v.id AND vp.currency = :currency
            """;

    record ShippingRateRow(String code, String name, String[] countries, @ColumnName("min_days") int minDays,
                           @ColumnName("max_days") int maxDays, String kind, long amount,
                           @ColumnName("per_kg_amount") long perKgAmount,
                           @ColumnName("free_over_amount") Long freeOverAmount) {
    }

    @SqlUpdate("""
            INSERT INTO cart (id, token_hash, customer_id, currency, created_at, updated_at)
            VALUES (:id, :tokenHash, :customerId, :currency, :now, :now)
            ON CONFLICT DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("tokenHash") byte[] tokenHash, @Bind("customerId") UUID customerId,
               @Bind("currency") String currency, @Bind("now") Instant now);

    /**
     * A new guest cart and its lines in one statement; the lines are parallel arrays, and each line's created_at is
     * {@code now} plus its index in microseconds, so the cart lists them in the order given.
     */
    @SqlUpdate("""
            WITH created AS (
                INSERT INTO cart (id, token_hash, customer_id, currency, created_at, updated_at)
                VALUES (:id, :tokenHash, NULL, :currency, :now, :now)
                RETURNING id
            )
            INSERT INTO cart_line (cart_id, variant_id, quantity, created_at)
            SELECT c.id, l.variant_id, l.quantity, CAST(:now AS timestamptz) + (l.ord - 1) * interval '1 microsecond'
            FROM created c, unnest(CAST(:variantIds AS uuid[]), CAST(:quantities AS int[]))
                 WITH ORDINALITY AS l(variant_id, quantity, ord)
            """)
    void insertWithLines(@Bind("id") UUID id, @Bind("tokenHash") byte[] tokenHash, @Bind("currency") String currency,
                         @Bind("now") Instant now, @Bind("variantIds") UUID[] variantIds,
                         @Bind("quantities") Integer[] quantities);

    @SqlQuery("SELECT " + CART_COLUMNS + " FROM cart WHERE token_hash = :tokenHash AND status = 'open'")
    Optional<CartRow> findOpenByToken(@Bind("tokenHash") byte[] tokenHash);

    /** The cart of a token whatever its status, locked for the rest of the transaction (see {@link #lock}). */
    @SqlQuery("SELECT " + CART_COLUMNS + " FROM cart WHERE token_hash = :tokenHash FOR UPDATE")
    Optional<CartRow> lockByToken(@Bind("tokenHash") byte[] tokenHash);

    @SqlQuery("SELECT " + CART_COLUMNS + " FROM cart WHERE customer_id = :customerId AND status = 'open'")
    Optional<CartRow> findOpenByCustomer(@Bind("customerId") UUID customerId);

    /** Locks the cart for the rest of the transaction: checkout and line changes of one cart serialise. */
    @SqlQuery("SELECT " + CART_COLUMNS + " FROM cart WHERE id = :id FOR UPDATE")
    Optional<CartRow> lock(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT l.variant_id, v.product_id, v.sku, p.title, v.options::text AS options, l.quantity,
            """ + PRICED_VARIANT_COLUMNS + """
            FROM cart_line l
            JOIN variant v ON v.id = l.variant_id
            """ + PRICED_VARIANT_JOINS + """
            WHERE l.cart_id = :cartId
            ORDER BY l.created_at, l.variant_id
            """)
    List<PricedLineRow> pricedLines(@Bind("cartId") UUID cartId, @Bind("currency") String currency);

    /**
     * {@link #pricedLines}, and after them the variant {@code variantId} with quantity 0 when it exists but is not in
     * the cart: what a change of that line needs, in one round trip.
     */
    @SqlQuery("""
            SELECT variant_id, product_id, sku, title, options, quantity, unit_price, stock_on_hand, weight_grams,
                   product_status, delivery_min_days, delivery_max_days, early_access_until, category_ids,
                   automatic_promotions
            FROM (
                SELECT l.variant_id, v.product_id, v.sku, p.title, v.options::text AS options, l.quantity,
                """ + PRICED_VARIANT_COLUMNS + """
                    , l.created_at AS sort_at
                FROM cart_line l
                JOIN variant v ON v.id = l.variant_id
                """ + PRICED_VARIANT_JOINS + """
                WHERE l.cart_id = :cartId
                UNION ALL
                SELECT v.id, v.product_id, v.sku, p.title, v.options::text, 0,
                """ + PRICED_VARIANT_COLUMNS + """
                    , 'infinity'::timestamptz
                FROM variant v
                """ + PRICED_VARIANT_JOINS + """
                WHERE v.id = :variantId
                  AND NOT EXISTS (SELECT 1 FROM cart_line l WHERE l.cart_id = :cartId AND l.variant_id = :variantId)
            ) lines
            ORDER BY sort_at, variant_id
            """)
    List<PricedLineRow> pricedLinesWith(@Bind("cartId") UUID cartId, @Bind("variantId") UUID variantId,
                                        @Bind("currency") String currency);

    @SqlUpdate("""
            INSERT INTO cart_line (cart_id, variant_id, quantity, created_at) VALUES (:cartId, :variantId, :quantity, :now)
            ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = :quantity
            """)
    void upsertLine(@Bind("cartId") UUID cartId, @Bind("variantId") UUID variantId, @Bind("quantity") int quantity,
                    @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM cart_line WHERE cart_id = :cartId AND variant_id = :variantId")
    int deleteLine(@Bind("cartId") UUID cartId, @Bind("variantId") UUID variantId);

    @SqlUpdate("""
            UPDATE cart SET shipping_country = :country, shipping_method = :method, version = version + 1, updated_at = :now
            WHERE id = :id
            """)
    void updateShipping(@Bind("id") UUID id, @Bind("country") String country, @Bind("method") String method,
                        @Bind("now") Instant now);

    /** Locks and touches a guest cart if it is open, answering it as it now is; empty when none is open. */
    @SqlQuery("UPDATE cart SET version = version + 1, updated_at = :now WHERE token_hash = :tokenHash"
            + " AND status = 'open' RETURNING " + CART_COLUMNS)
    Optional<CartRow> touchOpenByToken(@Bind("tokenHash") byte[] tokenHash, @Bind("now") Instant now);

    /** As {@link #touchOpenByToken}, by id. */
    @SqlQuery("UPDATE cart SET version = version + 1, updated_at = :now WHERE id = :id AND status = 'open' RETURNING "
            + CART_COLUMNS)
    Optional<CartRow> touchOpen(@Bind("id") UUID id, @Bind("now") Instant now);

    /**
     * Touches the cart (version and updated_at), answering it as it now is (what a change wrote included) in the same
     * round trip.
     */
    @SqlQuery("UPDATE cart SET version = version + 1, updated_at = :now WHERE id = :id RETURNING " + CART_COLUMNS)
    CartRow touchReturning(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE cart SET status = :status, updated_at = :now WHERE id = :id AND status = 'open'")
    int close(@Bind("id") UUID id, @Bind("status") String status, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT m.code, m.name, m.countries, m.min_days, m.max_days, r.kind, r.amount, r.per_kg_amount, r.free_over_amount
            FROM shipping_method m JOIN shipping_rate r ON r.method_code = m.code AND r.currency = :currency
            WHERE m.active AND (cardinality(m.countries) = 0 OR :country = ANY (m.countries))
            ORDER BY r.amount, m.code
            """)
    List<ShippingRateRow> shippingOptions(@Bind("currency") String currency, @Bind("country") String country);

    @SqlQuery("""
            SELECT rate_bp FROM tax_rate WHERE country = :country AND region IN ('', :region)
            ORDER BY (region = '') LIMIT 1
            """)
    Optional<Integer> taxRate(@Bind("country") String country, @Bind("region") String region);

    /**
     * One shipping method's rate for a checkout, with the country's tax rate (null: none) in the same row: the
     * method as {@link #shippingOptions} lists it, read by {@link CheckoutCartRead}.
     */
    record MethodRateRow(String code, String name, String[] countries, @ColumnName("min_days") int minDays,
                         @ColumnName("max_days") int maxDays, String kind, long amount,
                         @ColumnName("per_kg_amount") long perKgAmount,
                         @ColumnName("free_over_amount") Long freeOverAmount, @ColumnName("tax_bp") Integer taxBp) {
        public ShippingRateRow rate() {
            return new ShippingRateRow(code, name, countries, minDays, maxDays, kind, amount, perKgAmount, freeOverAmount);
        }
    }

    @SqlUpdate("""
            INSERT INTO cart_line (cart_id, variant_id, quantity, created_at)
            SELECT :targetId, variant_id, quantity, created_at FROM cart_line WHERE cart_id = :sourceId
            ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = LEAST(999, cart_line.quantity + EXCLUDED.quantity)
            """)
    void mergeLines(@Bind("sourceId") UUID sourceId, @Bind("targetId") UUID targetId);

    // ---- promotions (issue #4) ----

    @SqlUpdate("UPDATE cart SET promotion_id = :promotionId, version = version + 1, updated_at = :now WHERE id = :id")
    void setPromotion(@Bind("id") UUID id, @Bind("promotionId") UUID promotionId, @Bind("now") Instant now);

    /** A merged guest cart's code goes along unless the customer's cart already has one. */
    @SqlUpdate("""
            UPDATE cart SET promotion_id = (SELECT promotion_id FROM cart WHERE id = :sourceId)
            WHERE id = :targetId AND promotion_id IS NULL
            """)
    void carryPromotion(@Bind("sourceId") UUID sourceId, @Bind("targetId") UUID targetId);

    // ---- Loyalty points redemption (issue #8) ----

    @SqlUpdate("""
            UPDATE cart SET redeem_points = :points, redeem_max_points = :max, version = version + 1, updated_at = :now
            WHERE id = :id
            """)
    void setRedeemRequest(@Bind("id") UUID id, @Bind("points") Long points, @Bind("max") boolean max,
                          @Bind("now") Instant now);
    // ---- end ----
}
