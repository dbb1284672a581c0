package io.bazaar.store.catalog.persistence;

import static io.bazaar.shared.db.JdbcReads.instant;
import static io.bazaar.shared.db.JdbcReads.longs;
import static io.bazaar.shared.db.JdbcReads.strings;
import static io.bazaar.shared.db.JdbcReads.uuid;

import io.bazaar.shared.db.JdbcReads;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a list, search or recommendation card shows of each product, in one statement on the handle's JDBC
 * connection: every catalogue miss reads it, and three SqlObject queries (whole product rows, every variant
 * column, prices) with Jdbi's per-statement setup cost more than the card itself (see docs/BENCHMARKS.md).
 */
public final class ProductSummaryQuery {
    /** One card's facts; {@code currencies} and {@code amounts} are the cheapest price per currency, aligned. */
    public record SummaryRow(UUID id, String slug, String title, String brand, String imageUrl, List<String> tags,
                             Instant createdAt, Instant earlyAccessUntil, int stockOnHand, List<String> currencies,
                             List<Long> amounts) {
    }

    /** The card's columns of product {@code p}, with the {@link #CARD_JOIN} alias {@code pr} for its prices. */
    public static final String CARD_COLUMNS = """
            p.slug, p.title, p.brand, p.image_urls[1] AS image_url, p.tags, p.created_at, p.early_access_until,
            COALESCE((SELECT sum(v.stock_on_hand) FROM variant v WHERE v.product_id = p.id), 0)::int AS stock,
            pr.currencies, pr.amounts""";

    /** The cheapest price per currency of product {@code p}, as two aligned arrays. */
    public static final String CARD_JOIN = """
            LEFT JOIN LATERAL (
                SELECT array_agg(pp.currency::text ORDER BY pp.currency) AS currencies,
                       array_agg(pp.amount ORDER BY pp.currency) AS amounts
                FROM product_price pp WHERE pp.product_id = p.id
            ) pr ON true""";

    static final String SQL = "SELECT p.id, " + CARD_COLUMNS + " FROM product p " + CARD_JOIN + " WHERE p.id = ANY(?)";

    private ProductSummaryQuery() {
    }

    /** The cards of these products, in no particular order; unknown ids are left out. */
    public static List<SummaryRow> find(Connection connection, UUID[] ids) {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            Array array = connection.createArrayOf("uuid", ids);
            ps.setArray(1, array);
            List<SummaryRow> rows = new ArrayList<>(ids.length);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(card(rs));
                }
            } finally {
                array.free();
            }
            return rows;
        } catch (SQLException e) {
            throw JdbcReads.failed("product summaries", e);
        }
    }

    /** The card of the current row, which holds the {@link #CARD_COLUMNS} and the product's {@code id}. */
    public static SummaryRow card(ResultSet rs) throws SQLException {
        List<String> currencies = strings(rs, "currencies");
        return new SummaryRow(uuid(rs, "id"), rs.getString("slug"), rs.getString("title"), rs.getString("brand"),
                rs.getString("image_url"), strings(rs, "tags"), instant(rs, "created_at"),
                instant(rs, "early_access_until"), rs.getInt("stock"), currencies == null ? List.of() : currencies,
                longs(rs, "amounts"));
    }
}
