package io.bazaar.store.auth.persistence;

import static io.bazaar.shared.db.JdbcReads.bool;
import static io.bazaar.shared.db.JdbcReads.instant;
import static io.bazaar.shared.db.JdbcReads.uuid;

import io.bazaar.shared.db.JdbcReads;
import io.bazaar.store.auth.persistence.SessionDao.ActiveSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The session lookup that every authenticated request makes, on the handle's JDBC connection rather than a
 * SqlObject method: Jdbi's per-statement setup cost about as much CPU as the query (see docs/BENCHMARKS.md).
 */
public final class ActiveSessionQuery {
    /**
     * The session by token hash (unique index) plus, for staff, the current role and whether the account is still
     * active, so a demotion or deactivation applies to the very next request. Deliberately not cached: a revoked
     * token must fail on the very next request.
     */
    static final String SQL = """
            SELECT s.id, s.subject_type, s.subject_id, s.expires_at, st.role AS staff_role, st.active AS staff_active
            FROM auth_session s
            LEFT JOIN staff_account st ON s.subject_type = 'staff' AND st.id = s.subject_id
            WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?
            """;

    private ActiveSessionQuery() {
    }

    public static Optional<ActiveSession> find(Connection connection, byte[] tokenHash, Instant now) {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setBytes(1, tokenHash);
            JdbcReads.bindInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ActiveSession(uuid(rs, "id"), rs.getString("subject_type"),
                        uuid(rs, "subject_id"), rs.getString("staff_role"), bool(rs, "staff_active"),
                        instant(rs, "expires_at")));
            }
        } catch (SQLException e) {
            throw JdbcReads.failed("active session", e);
        }
    }
}
