package io.bazaar.crm.timeline.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface TimelineDao {

    /**
     * Inserts an entry unless one was already recorded for {@code sourceEventId}: the unique index
     * on that column is what makes a redelivered event leave exactly one entry.
     *
     * @return 1 if inserted, 0 if the event was already recorded
     */
    @SqlUpdate("""
            INSERT INTO crm_timeline_entry (id, customer_id, type, kind, channel, summary, refs, occurred_at,
                                            source_event_id, recorded_by)
            VALUES (:id, :customerId, :type, :kind, :channel, :summary, CAST(:refs AS jsonb), :occurredAt,
                    :sourceEventId, :recordedBy)
            ON CONFLICT (source_event_id) DO NOTHING
            """)
    int insert(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("type") String type,
               @Bind("kind") String kind, @Bind("channel") String channel, @Bind("summary") String summary,
               @Bind("refs") String refsJson, @Bind("occurredAt") Instant occurredAt,
               @Bind("sourceEventId") UUID sourceEventId, @Bind("recordedBy") UUID recordedBy);

    /** Keyset page, newest first; {@code (occurred_at, id)} matches the index so the page is one index range scan. */
    @SqlQuery("""
            SELECT id, customer_id, type, kind, channel, summary, refs::text AS refs, occurred_at, created_at
            FROM crm_timeline_entry
            WHERE customer_id = :customerId
              AND (CAST(:kind AS text) IS NULL OR kind = :kind)
              AND (CAST(:channel AS text) IS NULL OR channel = :channel)
              AND (CAST(:type AS text) IS NULL OR type = :type)
              AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (occurred_at, id) < (:cursorAt, :cursorId))
            ORDER BY occurred_at DESC, id DESC
            LIMIT :limit
            """)
    List<TimelineRow> list(@Bind("customerId") UUID customerId, @Bind("kind") String kind,
                           @Bind("channel") String channel, @Bind("type") String type,
                           @Bind("from") Instant from, @Bind("to") Instant to,
                           @Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId,
                           @Bind("limit") int limit);

    @SqlQuery("""
            SELECT id, customer_id, type, kind, channel, summary, refs::text AS refs, occurred_at, created_at
            FROM crm_timeline_entry WHERE id = :id
            """)
    Optional<TimelineRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM crm_contact WHERE customer_id = :id)")
    boolean contactExists(@Bind("id") UUID customerId);

    /** Erasure: free text staff typed may name people; generated summaries never contain personal data. */
    @SqlUpdate("""
            UPDATE crm_timeline_entry SET summary = '[erased]', refs = '{}'
            WHERE customer_id = :customerId AND recorded_by IS NOT NULL
            """)
    int eraseStaffText(@Bind("customerId") UUID customerId);

    @SqlQuery("""
            SELECT id, customer_id, type, kind, channel, summary, refs::text AS refs, occurred_at, created_at
            FROM crm_timeline_entry WHERE customer_id = :customerId
            ORDER BY occurred_at, id
            """)
    List<TimelineRow> listAll(@Bind("customerId") UUID customerId);
}
