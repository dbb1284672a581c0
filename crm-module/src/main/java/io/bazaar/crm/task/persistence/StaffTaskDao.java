package io.bazaar.crm.task.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface StaffTaskDao {
    String COLUMNS = """
            id, customer_id, ticket_id, order_id, title, notes, assignee_id, assignee_role, due_at, status, kind,
            source, created_by, completed_by, completed_at, outcome, cancelled_at, created_at
            """;

    /** Zero rows when a task with the same source key exists (a rule or escalation creates one task). */
    @SqlUpdate("""
            INSERT INTO crm_staff_task (id, customer_id, ticket_id, order_id, title, notes, assignee_id, assignee_role,
                                        due_at, status, kind, source, source_key, created_by, created_at)
            VALUES (:id, :customerId, :ticketId, :orderId, :title, :notes, :assigneeId, :assigneeRole, :dueAt, 'open',
                    :kind, :source, :sourceKey, :createdBy, :createdAt)
            ON CONFLICT (source_key) DO NOTHING
            """)
    int insert(@BindMethods StaffTaskRow t, @Bind("sourceKey") String sourceKey);

    @SqlQuery("SELECT " + COLUMNS + " FROM crm_staff_task WHERE id = :id")
    Optional<StaffTaskRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM crm_staff_task WHERE id = :id FOR UPDATE")
    Optional<StaffTaskRow> findByIdForUpdate(@Bind("id") UUID id);

    /** {@code role} matches tasks for that role with nobody assigned yet. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM crm_staff_task
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:assigneeId AS uuid) IS NULL OR assignee_id = :assigneeId)
              AND (CAST(:role AS text) IS NULL OR (assignee_role = :role AND assignee_id IS NULL))
              AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:ticketId AS uuid) IS NULL OR ticket_id = :ticketId)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<StaffTaskRow> list(@Bind("status") String status, @Bind("assigneeId") UUID assigneeId,
                            @Bind("role") String role, @Bind("customerId") UUID customerId,
                            @Bind("ticketId") UUID ticketId, @Bind("cursorAt") Instant cursorAt,
                            @Bind("cursorId") UUID cursorId, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_staff_task SET status = 'done', completed_by = :staffId, completed_at = :now, outcome = :outcome
            WHERE id = :id AND status = 'open'
            """)
    int complete(@Bind("id") UUID id, @Bind("staffId") UUID staffId, @Bind("outcome") String outcome,
                 @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_staff_task SET status = 'cancelled', completed_by = :staffId, cancelled_at = :now,
                   outcome = :outcome
            WHERE id = :id AND status = 'open'
            """)
    int cancel(@Bind("id") UUID id, @Bind("staffId") UUID staffId, @Bind("outcome") String outcome,
               @Bind("now") Instant now);

    @SqlUpdate("UPDATE crm_staff_task SET assignee_id = :assigneeId, due_at = :dueAt WHERE id = :id AND status = 'open'")
    int reassign(@Bind("id") UUID id, @Bind("assigneeId") UUID assigneeId, @Bind("dueAt") Instant dueAt);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM crm_contact WHERE customer_id = :id)")
    boolean customerExists(@Bind("id") UUID id);
}
