package io.bazaar.store.platform.idempotency;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Idempotency records; {@code key} is always the key's digest ({@link IdempotencyStore}), never the key itself. */
public interface IdempotencyDao {

    record StoredRecord(
            @ColumnName("request_hash") String requestHash,
            String state,
            @ColumnName("response_status") Integer responseStatus,
            @ColumnName("response_type") String responseType,
            @ColumnName("response_location") String responseLocation,
            @ColumnName("response_body") byte[] responseBody,
            @ColumnName("body_sealed") boolean bodySealed,
            @ColumnName("created_at") Instant createdAt) {
    }

    /** Returns 1 when this request now owns the key, 0 when a record already exists. */
    @SqlUpdate("""
            INSERT INTO idempotency_record (scope, key_digest, request_hash, method, path, state, created_at)
            VALUES (:scope, :key, :hash, :method, :path, 'in_flight', :now)
            ON CONFLICT (scope, key_digest) DO NOTHING
            """)
    int tryInsert(@Bind("scope") String scope, @Bind("key") String key, @Bind("hash") String hash,
                  @Bind("method") String method, @Bind("path") String path, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT request_hash, state, response_status, response_type, response_location, response_body, body_sealed,
                   created_at
            FROM idempotency_record WHERE scope = :scope AND key_digest = :key
            FOR UPDATE
            """)
    Optional<StoredRecord> findForUpdate(@Bind("scope") String scope, @Bind("key") String key);

    /** Takes over an expired or abandoned record for a new attempt. */
    @SqlUpdate("""
            UPDATE idempotency_record
            SET request_hash = :hash, method = :method, path = :path, state = 'in_flight', created_at = :now,
                completed_at = NULL, response_status = NULL, response_type = NULL, response_location = NULL,
                response_body = NULL, body_sealed = false
            WHERE scope = :scope AND key_digest = :key
            """)
    void restart(@Bind("scope") String scope, @Bind("key") String key, @Bind("hash") String hash,
                 @Bind("method") String method, @Bind("path") String path, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE idempotency_record
            SET state = 'completed', completed_at = :now, response_status = :status, response_type = :type,
                response_location = :location, response_body = :body, body_sealed = true
            WHERE scope = :scope AND key_digest = :key AND state = 'in_flight'
            """)
    void complete(@Bind("scope") String scope, @Bind("key") String key, @Bind("status") int status,
                  @Bind("type") String type, @Bind("location") String location, @Bind("body") byte[] body,
                  @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM idempotency_record WHERE scope = :scope AND key_digest = :key AND state = 'in_flight'")
    void release(@Bind("scope") String scope, @Bind("key") String key);

    @SqlUpdate("DELETE FROM idempotency_record WHERE created_at < :cutoff")
    int purgeOlderThan(@Bind("cutoff") Instant cutoff);
}
