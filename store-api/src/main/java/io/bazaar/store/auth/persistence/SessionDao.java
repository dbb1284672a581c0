package io.bazaar.store.auth.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SessionDao {

    record ActiveSession(
            UUID id,
            String subjectType,
            UUID subjectId,
            String staffRole,
            Boolean staffActive,
            Instant expiresAt) {
    }

    @SqlUpdate("""
            INSERT INTO auth_session (id, token_hash, subject_type, subject_id, created_at, expires_at)
            VALUES (:id, :tokenHash, :subjectType, :subjectId, :now, :expiresAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("tokenHash") byte[] tokenHash, @Bind("subjectType") String subjectType,
                @Bind("subjectId") UUID subjectId, @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt);

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
