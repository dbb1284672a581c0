package io.bazaar.store.auth.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SessionDao {

    record ActiveSession(
            UUID id,
            @ColumnName("subject_type") String subjectType,
            @ColumnName("subject_id") UUID subjectId,
            @ColumnName("staff_role") String staffRole,
            @ColumnName("staff_active") Boolean staffActive,
            @ColumnName("expires_at") Instant expiresAt) {
    }

    @SqlUpdate("""
            INSERT INTO auth_session (id, token_hash, subject_type, subject_id, created_at, expires_at)
            VALUES (:id, :tokenHash, :subjectType, :subjectId, :now, :expiresAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("tokenHash") byte[] tokenHash, @Bind("subjectType") String subjectType,
                @Bind("subjectId") UUID subjectId, @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt);

    /**
     * One query per authenticated request: the session by token hash (unique index) plus, for staff,
     * the current role and whether the account is still active, so a demotion or deactivation
     * applies to the very next request.
     */
    @SqlQuery("""
            SELECT s.id, s.subject_type, s.subject_id, s.expires_at, st.role AS staff_role, st.active AS staff_active
            FROM auth_session s
            LEFT JOIN staff_account st ON s.subject_type = 'staff' AND st.id = s.subject_id
            WHERE s.token_hash = :tokenHash AND s.revoked_at IS NULL AND s.expires_at > :now
            """)
    Optional<ActiveSession> findActive(@Bind("tokenHash") byte[] tokenHash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE auth_session SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE auth_session SET revoked_at = :now
            WHERE subject_type = :subjectType AND subject_id = :subjectId AND revoked_at IS NULL
              AND (CAST(:keep AS uuid) IS NULL OR id <> :keep)
            """)
    int revokeAllFor(@Bind("subjectType") String subjectType, @Bind("subjectId") UUID subjectId,
                     @Bind("keep") UUID keepSessionId, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM auth_session WHERE expires_at < :cutoff OR revoked_at < :cutoff")
    int purge(@Bind("cutoff") Instant cutoff);
}
