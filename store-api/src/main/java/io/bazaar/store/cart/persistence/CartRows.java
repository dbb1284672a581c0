package io.bazaar.store.cart.persistence;

import static io.bazaar.shared.db.JdbcReads.instant;
import static io.bazaar.shared.db.JdbcReads.integer;
import static io.bazaar.shared.db.JdbcReads.strings;
import static io.bazaar.shared.db.JdbcReads.uuid;

import io.bazaar.store.cart.persistence.CartDao.CartRow;
import io.bazaar.store.cart.persistence.CartDao.MethodRateRow;
import io.bazaar.store.cart.persistence.CartDao.PricedLineRow;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The cart rows of the checkout path read from a JDBC result set by hand ({@link CheckoutCartRead},
 * {@link CreateGuestCart}): the same columns Jdbi's record mapper matches by name for the DAO methods, without its
 * per-statement set-up (see {@code JdbcReads}).
 */
final class CartRows {
    private CartRows() {
    }

    /** A row of {@link CartDao#CART_COLUMNS}. */
    static CartRow cart(ResultSet rs) throws SQLException {
        return new CartRow(uuid(rs, "id"), uuid(rs, "customer_id"), rs.getString("currency"),
                rs.getString("shipping_country"), rs.getString("shipping_method"), rs.getString("status"),
                rs.getInt("version"), uuid(rs, "promotion_id"), longOrNull(rs, "redeem_points"),
                rs.getBoolean("redeem_max_points"));
    }

    /** A priced line: its variant columns and {@link CartDao#PRICED_VARIANT_COLUMNS}. */
    static PricedLineRow pricedLine(ResultSet rs) throws SQLException {
        return new PricedLineRow(uuid(rs, "variant_id"), uuid(rs, "product_id"), rs.getString("sku"),
                rs.getString("title"), rs.getString("options"), rs.getInt("quantity"), longOrNull(rs, "unit_price"),
                rs.getInt("stock_on_hand"), integer(rs, "weight_grams"), rs.getString("product_status"),
                rs.getInt("delivery_min_days"), rs.getInt("delivery_max_days"), instant(rs, "early_access_until"),
                uuids(rs, "category_ids"), rs.getBoolean("automatic_promotions"));
    }

    /** A shipping method's rate with the country's tax rate. */
    static MethodRateRow methodRate(ResultSet rs) throws SQLException {
        List<String> countries = strings(rs, "countries");
        return new MethodRateRow(rs.getString("code"), rs.getString("name"),
                countries == null ? null : countries.toArray(String[]::new), rs.getInt("min_days"),
                rs.getInt("max_days"), rs.getString("kind"), rs.getLong("amount"), rs.getLong("per_kg_amount"),
                longOrNull(rs, "free_over_amount"), integer(rs, "tax_bp"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static UUID[] uuids(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return null;
        }
        try {
            return (UUID[]) a.getArray();
        } finally {
            a.free();
        }
    }
}
