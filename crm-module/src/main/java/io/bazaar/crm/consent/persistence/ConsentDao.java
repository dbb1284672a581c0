package io.bazaar.crm.consent.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ConsentDao {

    /** Locks the current row so two concurrent changes of one consent append to the ledger in order. */
    @SqlQuery("""
            SELECT subject_id, channel, purpose, granted, source, policy_version, updated_at FROM crm_consent
            WHERE subject_id = :subjectId AND channel = :channel AND purpose = :purpose
            FOR UPDATE
            """)
    Optional<ConsentRow> findForUpdate(@Bind("subjectId") UUID subjectId, @Bind("channel") String channel,
                                       @Bind("purpose") String purpose);

    @SqlQuery("""
            SELECT subject_id, channel, purpose, granted, source, policy_version, updated_at FROM crm_consent
            WHERE subject_id = :subjectId AND channel = :channel AND purpose = :purpose
            """)
    Optional<ConsentRow> find(@Bind("subjectId") UUID subjectId, @Bind("channel") String channel,
                              @Bind("purpose") String purpose);

    @SqlQuery("""
            SELECT subject_id, channel, purpose, granted, source, policy_version, updated_at FROM crm_consent
            WHERE subject_id = :subjectId
            """)
    List<ConsentRow> listBySubject(@Bind("subjectId") UUID subjectId);

    @SqlQuery("""
            SELECT id, channel, purpose, granted, source, policy_version, occurred_at FROM crm_consent_event
            WHERE subject_id = :subjectId
            ORDER BY occurred_at DESC, id DESC
            """)
    List<ConsentEventRow> listEventsBySubject(@Bind("subjectId") UUID subjectId);

    @SqlUpdate("""
            INSERT INTO crm_consent_event (id, subject_id, channel, purpose, granted, source, policy_version, occurred_at)
            VALUES (:id, :subjectId, :channel, :purpose, :granted, :source, :policyVersion, :at)
            """)
    void insertEvent(@Bind("id") UUID id, @Bind("subjectId") UUID subjectId, @Bind("channel") String channel,
                     @Bind("purpose") String purpose, @Bind("granted") boolean granted, @Bind("source") String source,
                     @Bind("policyVersion") String policyVersion, @Bind("at") Instant at);

    @SqlUpdate("""
            INSERT INTO crm_consent (subject_id, channel, purpose, granted, source, policy_version, updated_at)
            VALUES (:subjectId, :channel, :purpose, :granted, :source, :policyVersion, :at)
            ON CONFLICT (subject_id, channel, purpose) DO UPDATE
            SET granted = EXCLUDED.granted, source = EXCLUDED.source, policy_version = EXCLUDED.policy_version,
                updated_at = EXCLUDED.updated_at
            """)
    void upsertCurrent(@Bind("subjectId") UUID subjectId, @Bind("channel") String channel,
                       @Bind("purpose") String purpose, @Bind("granted") boolean granted, @Bind("source") String source,
                       @Bind("policyVersion") String policyVersion, @Bind("at") Instant at);

    /** Moves a lead's consents to the customer it became; the ledger rows move too, so history is kept. */
    @SqlUpdate("UPDATE crm_consent_event SET subject_id = :to WHERE subject_id = :from")
    int reassignEvents(@Bind("from") UUID from, @Bind("to") UUID to);

    @SqlUpdate("""
            INSERT INTO crm_consent (subject_id, channel, purpose, granted, source, policy_version, updated_at)
            SELECT :to, channel, purpose, granted, source, policy_version, updated_at FROM crm_consent WHERE subject_id = :from
            ON CONFLICT (subject_id, channel, purpose) DO UPDATE
            SET granted = EXCLUDED.granted, source = EXCLUDED.source, policy_version = EXCLUDED.policy_version,
                updated_at = EXCLUDED.updated_at
            WHERE crm_consent.updated_at < EXCLUDED.updated_at
            """)
    int copyCurrent(@Bind("from") UUID from, @Bind("to") UUID to);

    @SqlUpdate("DELETE FROM crm_consent WHERE subject_id = :subjectId")
    int deleteCurrent(@Bind("subjectId") UUID subjectId);
}
