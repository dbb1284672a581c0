package io.bazaar.store.cart.persistence;

import io.bazaar.shared.db.JdbcReads;
import io.bazaar.shared.db.NamedSql;
import io.bazaar.store.cart.persistence.CartDao.CartRow;
import io.bazaar.store.cart.persistence.CartDao.MethodRateRow;
import io.bazaar.store.cart.persistence.CartDao.PricedLineRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a checkout reads before it writes, in one round trip: three statements sent together (the PostgreSQL driver
 * sends a multi-statement string as one message), each run after the one before, each with its own snapshot:
 * <ol>
 *   <li>the open cart, locked ({@code FOR UPDATE}: checkouts and line changes of one cart serialise);</li>
 *   <li>its lines priced in the cart's currency ({@link CartDao#pricedLines}), read after the lock was granted;</li>
 *   <li>the shipping method's rate for the country, with the country's tax rate ({@link MethodRateRow}): empty
 *       when the method does not ship there in the cart's currency.</li>
 * </ol>
 * Each statement reads the cart by the same key, so a cart that another checkout closed while this one waited for
 * its lock answers nothing in all three. One statement could not do this: the lines it joined would come from the
 * snapshot taken before the lock was granted, and miss a line added meanwhile. The stock on the lines is not
 * locked here: the order statement takes the stock ({@code PlaceOrder}).
 */
public final class CheckoutCartRead {

    /** The cart (empty when no open cart has the key), its priced lines, and the method's rate (empty: none). */
    public record Read(Optional<CartRow> cart, List<PricedLineRow> lines, Optional<MethodRateRow> rate) {
    }

    private CheckoutCartRead() {
    }

    /** The guest cart of a token hash. */
    public static Read byToken(Handle h, byte[] tokenHash, String country, String method) {
        return read(h, BY_TOKEN, tokenHash, country, method);
    }

    /** The customer's open cart. */
    public static Read byCustomer(Handle h, UUID customerId, String country, String method) {
        return read(h, BY_CUSTOMER, customerId, country, method);
    }

    /** The three statements; {@code {open}} is where the cart key goes, in each. */
    private static final String TEMPLATE = """
            SELECT {cartColumns} FROM cart c WHERE {open} FOR UPDATE;
            SELECT l.variant_id, v.product_id, v.sku, p.title, v.options::text AS options, l.quantity,
                   {pricedColumns}
            FROM cart c
            JOIN cart_line l ON l.cart_id = c.id
            JOIN variant v ON v.id = l.variant_id
            JOIN product p ON p.id = v.product_id
            LEFT JOIN variant_price vp ON vp.variant_id = v.id AND vp.currency = c.currency
            WHERE {open}
            ORDER BY l.created_at, l.variant_id;
            SELECT m.code, m.name, m.countries, m.min_days, m.max_days, r.kind, r.amount, r.per_kg_amount,
                   r.free_over_amount,
                   (SELECT t.rate_bp FROM tax_rate t WHERE t.country = :country AND t.region = '') AS tax_bp
            FROM cart c
            JOIN shipping_rate r ON r.currency = c.currency
            JOIN shipping_method m ON m.code = r.method_code
            WHERE {open}
              AND m.code = :method AND m.active AND (cardinality(m.countries) = 0 OR :country = ANY (m.countries))
            """.replace("{cartColumns}", CartDao.CART_COLUMNS)
            .replace("{pricedColumns}", CartDao.PRICED_VARIANT_COLUMNS.strip());

    private static final NamedSql BY_TOKEN = sql("c.token_hash = :cart");
    private static final NamedSql BY_CUSTOMER = sql("c.customer_id = :cart");

    private static NamedSql sql(String cartKey) {
        return NamedSql.parse(TEMPLATE.replace("{open}", cartKey + " AND c.status = 'open'"));
    }

    /** Run on the handle's JDBC connection, not through Jdbi (see {@code JdbcReads}): it is on every checkout. */
    private static Read read(Handle h, NamedSql sql, Object cartKey, String country, String method) {
        Map<String, Object> args = new HashMap<>(8);
        args.put("cart", cartKey);
        args.put("country", country);
        args.put("method", method);
        try (PreparedStatement ps = sql.prepare(h.getConnection(), args)) {
            ps.execute();
            Optional<CartRow> cart;
            try (ResultSet rs = ps.getResultSet()) {
                cart = rs.next() ? Optional.of(CartRows.cart(rs)) : Optional.empty();
            }
            List<PricedLineRow> lines = new ArrayList<>();
            try (ResultSet rs = next(ps)) {
                while (rs.next()) {
                    lines.add(CartRows.pricedLine(rs));
                }
            }
            Optional<MethodRateRow> rate;
            try (ResultSet rs = next(ps)) {
                rate = rs.next() ? Optional.of(CartRows.methodRate(rs)) : Optional.empty();
            }
            return new Read(cart, lines, rate);
        } catch (SQLException e) {
            throw JdbcReads.failed("checkout cart read", e);
        }
    }

    private static ResultSet next(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new SQLException("expected another result set from the checkout read");
        }
        return ps.getResultSet();
    }
}
