package io.bazaar.shared.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The results of a multi-statement string run as one Jdbi query (the PostgreSQL driver sends such a string as one
 * message: one round trip for several statements), read inside {@code Query.scanResultSet}: the first result set
 * comes from Jdbi, the next ones from the JDBC statement, each mapped with Jdbi's own row mappers.
 */
public final class MultiResults {
    private final Statement statement;
    private final StatementContext ctx;
    private ResultSet current;

    public MultiResults(ResultSet first, StatementContext ctx) throws SQLException {
        this.statement = first.getStatement();
        this.ctx = ctx;
        this.current = first;
    }

    /** Moves to the next statement's result set. */
    public MultiResults next() throws SQLException {
        if (!statement.getMoreResults()) {
            throw new SQLException("expected another result set from a multi-statement query");
        }
        current = statement.getResultSet();
        return this;
    }

    /** The current result set's rows as {@code type}. */
    public <T> List<T> all(Class<T> type) throws SQLException {
        RowMapper<T> mapper = ctx.findRowMapperFor(type).orElseThrow().specialize(current, ctx);
        List<T> rows = new ArrayList<>();
        while (current.next()) {
            rows.add(mapper.map(current, ctx));
        }
        return rows;
    }

    /** The current result set's one row as {@code type}. */
    public <T> T one(Class<T> type) throws SQLException {
        List<T> rows = all(type);
        if (rows.size() != 1) {
            throw new SQLException("expected one row, got " + rows.size());
        }
        return rows.get(0);
    }
}
