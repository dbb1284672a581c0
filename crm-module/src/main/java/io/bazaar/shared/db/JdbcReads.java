package io.bazaar.shared.db;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Column reads and binds for the few per-request statements written against the handle's JDBC connection instead
 * of a SqlObject method (the session lookup of every authenticated request, the customer 360, product cards, a
 * search's first page, and the first add to cart and checkout's three statements): there Jdbi's
 * per-statement setup (statement context, argument factories, row mapper, collector) cost more CPU than the query.
 * The PostgreSQL driver parses and formats timestamps itself, without {@code DateTimeFormatter}.
 */
public final class JdbcReads {
    private JdbcReads() {
    }

    /** The same unchecked exception Jdbi throws for a failed statement, so callers and mappers see one kind. */
    public static UnableToExecuteStatementException failed(String query, SQLException e) {
        return new UnableToExecuteStatementException("query failed: " + query, e, null);
    }

    public static void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** A nullable integer column. */
    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A nullable boolean column. */
    public static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    /** A {@code text[]} column; null stays null. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return null;
        }
        try {
            return Arrays.asList((String[]) a.getArray());
        } finally {
            a.free();
        }
    }

    /** A {@code bigint[]} column; null reads as an empty list. */
    public static List<Long> longs(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        try {
            return Arrays.asList((Long[]) a.getArray());
        } finally {
            a.free();
        }
    }
}
