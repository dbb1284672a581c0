package io.bazaar.store.cart.persistence;

import io.bazaar.shared.db.JdbcReads;
import io.bazaar.shared.db.NamedSql;
import io.bazaar.store.cart.persistence.CartDao.PricedLineRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A new guest cart with its first lines in one round trip (what a storefront sends when a shopper adds the first
 * item): one statement reads the wanted variants as the cart would price them and, only when every one of them can
 * be bought as asked, inserts the cart and its lines.
 *
 * <p>The statement's test is the service's checks ({@code CartService.checkBuyable}) for a guest: the product is
 * active, has a price in the cart's currency, has the stock, is past any early-access window (guests never have
 * early access), and the quantity is within the limit. It must never be looser than those checks: a cart it inserted
 * while the service then refuses a line would outlive the refusal. It may be stricter; the service then inserts the
 * cart on its own ({@link CartDao#insertWithLines}).
 */
public final class CreateGuestCart {

    /** The wanted variants that exist, priced (with the wanted quantity), and whether the cart was inserted. */
    public record Result(List<PricedLineRow> lines, boolean created) {
    }

    /** The wanted lines as one array each: {@code {wanted}} in {@link #TEMPLATE}. */
    private static final String MANY = """
            SELECT w.variant_id, w.quantity, w.ord
            FROM unnest(CAST(:variantIds AS uuid[]), CAST(:quantities AS int[])) WITH ORDINALITY AS w(variant_id, quantity, ord)
            """;

    /**
     * One wanted line, the usual first add to cart, as plain parameters. PostgreSQL plans a statement whose rows come
     * from an array parameter again on every call (a generic plan assumes ten elements and never looks cheaper than
     * the plan for the one element it is given), about half a millisecond here; this one keeps its generic plan.
     */
    private static final String ONE = """
            SELECT CAST(:variantId AS uuid) AS variant_id, CAST(:quantity AS int) AS quantity, 1 AS ord
            """;

    private static final String TEMPLATE = """
            WITH wanted AS (
                {wanted}
            ), priced AS (
                SELECT v.id AS variant_id, v.product_id, v.sku, p.title, v.options::text AS options, w.quantity,
                       {pricedColumns}
                FROM wanted w
                JOIN variant v ON v.id = w.variant_id
                {pricedJoins}
            ), created AS (
                INSERT INTO cart (id, token_hash, customer_id, currency, created_at, updated_at)
                SELECT CAST(:id AS uuid), CAST(:tokenHash AS bytea), CAST(NULL AS uuid), CAST(:currency AS text),
                       CAST(:now AS timestamptz), CAST(:now AS timestamptz)
                WHERE (SELECT count(*) FROM priced
                       WHERE product_status = 'active' AND unit_price IS NOT NULL AND quantity <= :maxQuantity
                         AND stock_on_hand >= quantity
                         AND (early_access_until IS NULL OR early_access_until <= CAST(:now AS timestamptz)))
                      = (SELECT count(*) FROM wanted)
                RETURNING id
            ), lines AS (
                INSERT INTO cart_line (cart_id, variant_id, quantity, created_at)
                SELECT c.id, w.variant_id, w.quantity, CAST(:now AS timestamptz) + (w.ord - 1) * interval '1 microsecond'
                FROM created c, wanted w
            )
            SELECT priced.*, EXISTS (SELECT 1 FROM created) AS cart_created FROM priced
            """.replace("{pricedColumns}", CartDao.PRICED_VARIANT_COLUMNS.strip())
            .replace("{pricedJoins}", CartDao.PRICED_VARIANT_JOINS.strip());

    private static final NamedSql ONE_LINE = NamedSql.parse(TEMPLATE.replace("{wanted}", ONE.strip()));
    private static final NamedSql LINES = NamedSql.parse(TEMPLATE.replace("{wanted}", MANY.strip()));

    private CreateGuestCart() {
    }

    /**
     * {@code variantIds} distinct, {@code quantities} parallel to them; each line's created_at is {@code now} plus its
     * index in microseconds, so the cart lists the lines in the order given.
     */
    public static Result run(Handle h, UUID id, byte[] tokenHash, String currency, Instant now, UUID[] variantIds,
                             Integer[] quantities, int maxQuantity) {
        boolean one = variantIds.length == 1;
        Map<String, Object> args = new HashMap<>(16);
        if (one) {
            args.put("variantId", variantIds[0]);
            args.put("quantity", quantities[0]);
        } else {
            args.put("variantIds", variantIds);
            args.put("quantities", quantities);
        }
        args.put("id", id);
        args.put("tokenHash", tokenHash);
        args.put("currency", currency);
        args.put("now", now);
        args.put("maxQuantity", maxQuantity);
        // On the handle's JDBC connection, not through Jdbi (see JdbcReads): it is on every first add to cart.
        try (PreparedStatement ps = (one ? ONE_LINE : LINES).prepare(h.getConnection(), args);
             ResultSet rs = ps.executeQuery()) {
            List<PricedLineRow> lines = new ArrayList<>(variantIds.length);
            boolean created = false;
            while (rs.next()) {
                lines.add(CartRows.pricedLine(rs));
                created = rs.getBoolean("cart_created");
            }
            return new Result(lines, created);
        } catch (SQLException e) {
            throw JdbcReads.failed("guest cart with lines", e);
        }
    }
}
