package io.bazaar.crm.ticket.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface TicketDao {
    String COLUMNS = """
            id, customer_id, type, subject, priority, status, channel, order_id, order_number, product_ref,
            assignee_id, opened_by_staff_id, source, first_response_due_at, resolution_due_at, first_responded_at,
            resolved_at, closed_at, first_response_breached_at, resolution_breached_at, escalated_at, csat_score,
            csat_comment, csat_answered_at, created_at, updated_at
            """;

    /** Zero rows when an automatic ticket with the same source was already opened. */
    @SqlUpdate("INSERT INTO crm_ticket (" + COLUMNS + ") VALUES (:id, :customerId, :type, :subject, :priority, "
            + ":status, :channel, :orderId, :orderNumber, :productRef, :assigneeId, :openedByStaffId, :source, "
            + ":firstResponseDueAt, :resolutionDueAt, :firstRespondedAt, :resolvedAt, :closedAt, "
            + ":firstResponseBreachedAt, :resolutionBreachedAt, :escalatedAt, :csatScore, :csatComment, "
            + ":csatAnsweredAt, :createdAt, :updatedAt) ON CONFLICT DO NOTHING")
    int insert(@BindMethods TicketRow t);

    @SqlQuery("SELECT " + COLUMNS + " FROM crm_ticket WHERE id = :id")
    Optional<TicketRow> findById(@Bind("id") UUID id);

    /** Every change to a ticket locks it first, so concurrent replies and transitions apply one after the other. */
    @SqlQuery("SELECT " + COLUMNS + " FROM crm_ticket WHERE id = :id FOR UPDATE")
    Optional<TicketRow> findByIdForUpdate(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE crm_ticket SET priority = :priority, status = :status, assignee_id = :assigneeId,
                   first_response_due_at = :firstResponseDueAt, resolution_due_at = :resolutionDueAt,
                   first_responded_at = :firstRespondedAt, resolved_at = :resolvedAt, closed_at = :closedAt,
                   first_response_breached_at = :firstResponseBreachedAt,
                   resolution_breached_at = :resolutionBreachedAt, escalated_at = :escalatedAt, updated_at = :updatedAt
            WHERE id = :id
            """)
    int update(@BindMethods TicketRow t);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM crm_ticket
            WHERE customer_id = :customerId
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<TicketRow> listForCustomer(@Bind("customerId") UUID customerId, @Bind("cursorAt") Instant cursorAt,
                                    @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM crm_ticket
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:priority AS text) IS NULL OR priority = :priority)
              AND (CAST(:assigneeId AS uuid) IS NULL OR assignee_id = :assigneeId)
              AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:escalated AS boolean) IS NULL OR (escalated_at IS NOT NULL) = :escalated)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<TicketRow> listQueue(@Bind("status") String status, @Bind("priority") String priority,
                              @Bind("assigneeId") UUID assigneeId, @Bind("customerId") UUID customerId,
                              @Bind("escalated") Boolean escalated, @Bind("cursorAt") Instant cursorAt,
                              @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    /**
     * Active tickets past a target not yet marked breached. SKIP LOCKED: any number of instances run
     * the job at once, each ticket is handled by exactly one of them, and a ticket being edited is
     * simply picked up at the next tick.
     */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM crm_ticket
            WHERE status IN ('new', 'open', 'waiting_on_customer')
              AND ((first_responded_at IS NULL AND first_response_breached_at IS NULL AND first_response_due_at <= :now)
                OR (resolution_breached_at IS NULL AND resolution_due_at <= :now))
            ORDER BY first_response_due_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
    List<TicketRow> claimBreached(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_ticket SET csat_score = :score, csat_comment = :comment, csat_answered_at = :now, updated_at = :now
            WHERE id = :id AND csat_score IS NULL
            """)
    int answerCsat(@Bind("id") UUID id, @Bind("score") int score, @Bind("comment") String comment,
                   @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO crm_ticket_message (id, ticket_id, author_type, author_id, body, visibility, created_at)
            VALUES (:id, :ticketId, :authorType, :authorId, :body, :visibility, :createdAt)
            """)
    void insertMessage(@BindMethods TicketMessageRow m);

    @SqlQuery("""
            SELECT id, ticket_id, author_type, author_id, body, visibility, created_at FROM crm_ticket_message
            WHERE ticket_id = :ticketId AND (:all OR visibility = 'published')
            ORDER BY created_at, id
            """)
    List<TicketMessageRow> listMessages(@Bind("ticketId") UUID ticketId, @Bind("all") boolean all);

    @SqlUpdate("""
            INSERT INTO crm_ticket_history (id, ticket_id, event, from_status, to_status, actor_type, actor_id, note, created_at)
            VALUES (:id, :ticketId, :event, :fromStatus, :toStatus, :actorType, :actorId, :note, :createdAt)
            """)
    void insertHistory(@BindMethods TicketHistoryRow h);

    @SqlQuery("""
            SELECT id, ticket_id, event, from_status, to_status, actor_type, actor_id, note, created_at
            FROM crm_ticket_history WHERE ticket_id = :ticketId ORDER BY created_at, id
            """)
    List<TicketHistoryRow> listHistory(@Bind("ticketId") UUID ticketId);

    @SqlUpdate("""
            INSERT INTO crm_ticket_goodwill (id, ticket_id, staff_id, kind, amount, currency, reason, status, created_at)
            VALUES (:id, :ticketId, :staffId, :kind, :amount, :currency, :reason, :status, :createdAt)
            """)
    void insertGoodwill(@BindMethods GoodwillRow g);

    @SqlQuery("""
            SELECT id, ticket_id, staff_id, kind, amount, currency, reason, status, created_at
            FROM crm_ticket_goodwill WHERE ticket_id = :ticketId ORDER BY created_at, id
            """)
    List<GoodwillRow> listGoodwill(@Bind("ticketId") UUID ticketId);

    /** Zero rows when a task with this source key exists: escalating twice makes one task. */
    @SqlUpdate("""
            INSERT INTO crm_staff_task (id, customer_id, ticket_id, title, assignee_id, assignee_role, due_at, status,
                                        source_key, created_at)
            VALUES (:id, :customerId, :ticketId, :title, :assigneeId, :assigneeRole, :dueAt, 'open', :sourceKey, :now)
            ON CONFLICT (source_key) DO NOTHING
            """)
    int insertTask(@Bind("id") UUID id, @Bind("customerId") UUID customerId, @Bind("ticketId") UUID ticketId,
                   @Bind("title") String title, @Bind("assigneeId") UUID assigneeId,
                   @Bind("assigneeRole") String assigneeRole, @Bind("dueAt") Instant dueAt,
                   @Bind("sourceKey") String sourceKey, @Bind("now") Instant now);

    /** The customer's own order (by id or number) from the CRM's order ledger; empty if not theirs. */
    @SqlQuery("""
            SELECT order_id FROM crm_order_ledger
            WHERE customer_id = :customerId
              AND (order_id = CAST(:orderId AS uuid) OR (CAST(:orderId AS uuid) IS NULL AND order_number = :orderNumber))
            LIMIT 1
            """)
    Optional<UUID> findCustomerOrder(@Bind("customerId") UUID customerId, @Bind("orderId") UUID orderId,
                                     @Bind("orderNumber") String orderNumber);

    @SqlQuery("SELECT order_number FROM crm_order_ledger WHERE order_id = :orderId")
    Optional<String> findOrderNumber(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM crm_contact WHERE customer_id = :id)")
    boolean customerExists(@Bind("id") UUID id);

    /**
     * SLA compliance over tickets opened in [from, to). A target is "met" when it was achieved by its
     * due time, "missed" when it was achieved late or is overdue now; tickets whose target is still
     * ahead and unmet count in neither.
     */
    @SqlQuery("""
            SELECT count(*) AS tickets,
                   count(*) FILTER (WHERE first_responded_at IS NOT NULL AND first_responded_at <= first_response_due_at)
                       AS first_response_met,
                   count(*) FILTER (WHERE (first_responded_at IS NOT NULL AND first_responded_at > first_response_due_at)
                                       OR (first_responded_at IS NULL AND first_response_due_at <= :now))
                       AS first_response_missed,
                   count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolved_at <= resolution_due_at) AS resolution_met,
                   count(*) FILTER (WHERE (resolved_at IS NOT NULL AND resolved_at > resolution_due_at)
                                       OR (resolved_at IS NULL AND status <> 'closed' AND resolution_due_at <= :now))
                       AS resolution_missed
            FROM crm_ticket
            WHERE created_at >= :from AND created_at < :to
              AND (CAST(:priority AS text) IS NULL OR priority = :priority)
            """)
    SlaReportRow slaReport(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("priority") String priority,
                           @Bind("now") Instant now);
}
