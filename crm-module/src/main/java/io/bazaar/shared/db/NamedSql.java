package io.bazaar.shared.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A statement with {@code :name} parameters, as the SqlObject DAOs write them, turned into a JDBC statement with
 * {@code ?} placeholders, for the few hot statements that run on the handle's connection ({@link JdbcReads}). Casts
 * ({@code ::text}), quoted literals and identifiers, and {@code --} comments are left alone; a name used twice is
 * bound twice. A name may have dotted parts ({@code :event.id}), as Jdbi's {@code @BindMethods("event")} names them.
 */
public final class NamedSql {
    private final String sql;
    private final List<String> names;

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = names;
    }

    public static NamedSql parse(String named) {
        StringBuilder out = new StringBuilder(named.length());
        List<String> names = new ArrayList<>();
        int n = named.length();
        int i = 0;
        while (i < n) {
            char c = named.charAt(i);
            if (c == '\'' || c == '"') {
                int end = named.indexOf(c, i + 1);
                while (end > 0 && end + 1 < n && named.charAt(end + 1) == c) {
                    end = named.indexOf(c, end + 2); // doubled quote inside the literal
                }
                end = end < 0 ? n - 1 : end;
                out.append(named, i, end + 1);
                i = end + 1;
            } else if (c == '-' && i + 1 < n && named.charAt(i + 1) == '-') {
                int end = named.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(named, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && named.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isLetter(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(named.charAt(end)) || named.charAt(end) == '_'
                        || named.charAt(end) == '.' && end + 1 < n && Character.isLetter(named.charAt(end + 1)))) {
                    end++;
                }
                names.add(named.substring(i + 1, end));
                out.append('?');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return new NamedSql(out.toString(), List.copyOf(names));
    }

    public String sql() {
        return sql;
    }

    public List<String> names() {
        return names;
    }

    /** Prepares the statement and binds every parameter from {@code values}; a name without a value is an error. */
    public PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value for :" + name);
                }
                bind(connection, ps, k + 1, values.get(name));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof UUID[] ids) {
            Array a = connection.createArrayOf("uuid", ids);
            ps.setArray(index, a);
        } else if (value instanceof String[] texts) {
            Array a = connection.createArrayOf("text", texts);
            ps.setArray(index, a);
        } else if (value instanceof Integer[] ints) {
            Array a = connection.createArrayOf("int4", ints);
            ps.setArray(index, a);
        } else if (value instanceof Long[] longs) {
            Array a = connection.createArrayOf("int8", longs);
            ps.setArray(index, a);
        } else if (value instanceof Instant instant) {
            JdbcReads.bindInstant(ps, index, instant);
        } else {
            ps.setObject(index, value); // String, Integer, Long, Boolean, UUID, byte[] (bytea), null
        }
    }
}
