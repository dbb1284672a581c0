package io.bazaar.shared.db;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps every Java record through its constructor (Jdbi's {@link ConstructorMapper}), and remembers the mapper
 * specialised for each column list.
 *
 * <p>Why: a {@code ConstructorMapper} matches result columns to constructor parameters (names, {@code @Nested},
 * {@code @Nullable} by reflection) for every result set it maps; profiled, that was about a tenth of the CPU of a
 * customer-360 call. Our SQL is static, so a record type meets the same few column lists over and over: the
 * matching is done once per (record, column labels) and reused. The column mappers it resolves come from the one
 * root configuration every statement shares.
 */
public final class RecordRowMappers implements RowMapperFactory {
    private final Map<Class<?>, CachingMapper> mappers = new ConcurrentHashMap<>();

    @Override
    public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
        Class<?> raw = GenericTypes.getErasedType(type);
        if (!raw.isRecord()) {
            return Optional.empty();
        }
        return Optional.of(mappers.computeIfAbsent(raw, r -> new CachingMapper(ConstructorMapper.of(r))));
    }

    private static final class CachingMapper implements RowMapper<Object> {
        private final RowMapper<?> delegate;
        private final Map<String, RowMapper<?>> byColumns = new ConcurrentHashMap<>();

        CachingMapper(RowMapper<?> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<Object> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            String key = columns(rs.getMetaData());
            RowMapper<?> specialised = byColumns.get(key);
            if (specialised == null) {
                specialised = delegate.specialize(rs, ctx);
                byColumns.putIfAbsent(key, specialised);
            }
            @SuppressWarnings("unchecked")
            RowMapper<Object> mapper = (RowMapper<Object>) specialised;
            return mapper;
        }

        private static String columns(ResultSetMetaData meta) throws SQLException {
            int n = meta.getColumnCount();
            StringBuilder key = new StringBuilder(n * 12);
            for (int i = 1; i <= n; i++) {
                key.append(meta.getColumnLabel(i)).append(',');
            }
            return key.toString();
        }
    }
}
