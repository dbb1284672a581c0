package io.bazaar.crm.followup.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface FollowUpDao {
    String RULE_COLUMNS = """
            id, name, trigger, trigger_days, delay_seconds, product_ids, category_ids, customer_tags, segment_id, action,
            survey_template_id,
            message_template, message_params::text AS message_params, task_title, task_assignee_role,
            task_due_in_seconds, task_kind, enabled, created_at, updated_at
            """;
    String JOB_COLUMNS = """
            id, rule_id, subject_key, customer_id, order_id, ticket_id, trigger, fact_at, due_at, status, reason,
            consent_purpose, deferrals, result_ref, finished_at, created_at, updated_at
            """;

    // ---- rules --------------------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO crm_follow_up_rule (id, name, trigger, trigger_days, delay_seconds, product_ids, category_ids,
                customer_tags, segment_id, action, survey_template_id, message_template, message_params, task_title, task_assignee_role,
                task_due_in_seconds, task_kind, enabled, created_at, updated_at)
            VALUES (:id, :name, :trigger, :triggerDays, :delaySeconds, :productIds, :categoryIds, :customerTags, :segmentId, :action,
                :surveyTemplateId, :messageTemplate, CAST(:messageParams AS jsonb), :taskTitle, :taskAssigneeRole,
                :taskDueInSeconds, :taskKind, :enabled, :createdAt, :updatedAt)
            """)
    void insertRule(@BindMethods FollowUpRuleRow r);

    @SqlUpdate("""
            UPDATE crm_follow_up_rule SET name = :name, trigger = :trigger, trigger_days = :triggerDays,
                delay_seconds = :delaySeconds, product_ids = :productIds, category_ids = :categoryIds,
                customer_tags = :customerTags, segment_id = :segmentId,
                action = :action, survey_template_id = :surveyTemplateId, message_template = :messageTemplate,
                message_params = CAST(:messageParams AS jsonb), task_title = :taskTitle,
                task_assignee_role = :taskAssigneeRole, task_due_in_seconds = :taskDueInSeconds, task_kind = :taskKind,
                enabled = :enabled, updated_at = :updatedAt
            WHERE id = :id AND deleted_at IS NULL
            """)
    int updateRule(@BindMethods FollowUpRuleRow r);

    @SqlUpdate("UPDATE crm_follow_up_rule SET enabled = false, deleted_at = :now, updated_at = :now "
            + "WHERE id = :id AND deleted_at IS NULL")
    int deleteRule(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlQuery("SELECT " + RULE_COLUMNS + " FROM crm_follow_up_rule WHERE id = :id AND deleted_at IS NULL")
    Optional<FollowUpRuleRow> findRule(@Bind("id") UUID id);

    @SqlQuery("SELECT " + RULE_COLUMNS + " FROM crm_follow_up_rule WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
    Optional<FollowUpRuleRow> findRuleForUpdate(@Bind("id") UUID id);

    /** Including deleted ones: a job of a deleted rule still needs its rule to be explained. */
    @SqlQuery("SELECT " + RULE_COLUMNS + " FROM crm_follow_up_rule WHERE id = :id")
    Optional<FollowUpRuleRow> findRuleEvenDeleted(@Bind("id") UUID id);

    @SqlQuery("SELECT " + RULE_COLUMNS + " FROM crm_follow_up_rule WHERE deleted_at IS NULL ORDER BY created_at, id")
    List<FollowUpRuleRow> listRules();

    @SqlQuery("SELECT " + RULE_COLUMNS + " FROM crm_follow_up_rule WHERE enabled AND deleted_at IS NULL "
            + "AND trigger = :trigger ORDER BY created_at, id")
    List<FollowUpRuleRow> listEnabledRules(@Bind("trigger") String trigger);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM crm_survey_template WHERE id = :id)")
    boolean surveyTemplateExists(@Bind("id") UUID id);

    // ---- jobs ---------------------------------------------------------------------------------

    /** Zero rows when the job for this rule and subject exists: a fact delivered twice schedules once. */
    @SqlUpdate("INSERT INTO crm_follow_up_job (" + JOB_COLUMNS + """
            ) VALUES (:id, :ruleId, :subjectKey, :customerId, :orderId, :ticketId, :trigger, :factAt, :dueAt, :status,
                :reason, :consentPurpose, :deferrals, :resultRef, :finishedAt, :createdAt, :updatedAt)
            ON CONFLICT (rule_id, subject_key) DO NOTHING
            """)
    int insertJob(@BindMethods FollowUpJobRow j);

    /**
     * Due pending jobs. SKIP LOCKED: any number of executors (threads or instances) run at once and
     * each job goes to exactly one of them; the row stays locked until its action has committed.
     */
    @SqlQuery("SELECT " + JOB_COLUMNS + """
             FROM crm_follow_up_job
            WHERE status = 'pending' AND due_at <= :now
            ORDER BY due_at, id
            LIMIT :limit
            FOR UPDATE SKIP LOCKED
            """)
    List<FollowUpJobRow> claimDue(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE crm_follow_up_job SET status = :status, reason = :reason, result_ref = :resultRef,
                   finished_at = :now, updated_at = :now
            WHERE id = :id AND status = 'pending'
            """)
    int finish(@Bind("id") UUID id, @Bind("status") String status, @Bind("reason") String reason,
               @Bind("resultRef") String resultRef, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_follow_up_job SET due_at = :dueAt, deferrals = deferrals + 1, reason = 'quiet_hours',
                   updated_at = :now
            WHERE id = :id AND status = 'pending'
            """)
    int defer(@Bind("id") UUID id, @Bind("dueAt") Instant dueAt, @Bind("now") Instant now);

    /** Cancels the order's pending follow-ups, except those started by the given triggers. */
    @SqlUpdate("""
            UPDATE crm_follow_up_job SET status = 'cancelled', reason = :reason, finished_at = :now, updated_at = :now
            WHERE order_id = :orderId AND status = 'pending' AND NOT (trigger = ANY(:keep))
            """)
    int cancelForOrder(@Bind("orderId") UUID orderId, @Bind("keep") List<String> keepTriggers,
                       @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_follow_up_job SET status = 'cancelled', reason = :reason, finished_at = :now, updated_at = :now
            WHERE customer_id = :customerId AND status = 'pending' AND consent_purpose = :purpose
            """)
    int cancelForConsent(@Bind("customerId") UUID customerId, @Bind("purpose") String purpose,
                         @Bind("reason") String reason, @Bind("now") Instant now);

    /** A new order ends the "no order for N days" wait started by the customer's earlier orders. */
    @SqlUpdate("""
            UPDATE crm_follow_up_job SET status = 'cancelled', reason = 'ordered_again', finished_at = :now,
                   updated_at = :now
            WHERE customer_id = :customerId AND status = 'pending' AND trigger = 'no_order_for_days'
              AND order_id <> :orderId
            """)
    int cancelNoOrderWaits(@Bind("customerId") UUID customerId, @Bind("orderId") UUID orderId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE crm_follow_up_job SET status = 'cancelled', reason = :reason, finished_at = :now, updated_at = :now
            WHERE rule_id = :ruleId AND status = 'pending'
            """)
    int cancelForRule(@Bind("ruleId") UUID ruleId, @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlQuery("SELECT " + JOB_COLUMNS + """
             FROM crm_follow_up_job
            WHERE (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:ruleId AS uuid) IS NULL OR rule_id = :ruleId)
              AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:orderId AS uuid) IS NULL OR order_id = :orderId)
              AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<FollowUpJobRow> listJobs(@Bind("status") String status, @Bind("ruleId") UUID ruleId,
                                  @Bind("customerId") UUID customerId, @Bind("orderId") UUID orderId,
                                  @Bind("cursorAt") Instant cursorAt, @Bind("cursorId") UUID cursorId,
                                  @Bind("limit") int limit);

    // ---- what the intake tells us about orders ------------------------------------------------

    // The CRM's order lines (crm_order_line_ledger, written by the intake for every placed order).
    @SqlQuery("""
            SELECT product_id FROM crm_order_line_ledger WHERE order_id = :orderId AND product_id IS NOT NULL
            GROUP BY product_id ORDER BY min(title), product_id
            """)
    List<UUID> orderProducts(@Bind("orderId") UUID orderId);

    @SqlQuery("""
            SELECT min(title) FROM crm_order_line_ledger WHERE order_id = :orderId AND product_id IS NOT NULL
            GROUP BY product_id ORDER BY min(title), product_id
            """)
    List<String> orderProductTitles(@Bind("orderId") UUID orderId);

    /** The template of the same name in this locale, if staff made one (the defaults come in en and fa). */
    @SqlQuery("""
            SELECT t.id FROM crm_survey_template t JOIN crm_survey_template given ON given.name = t.name
            WHERE given.id = :templateId AND t.locale = :locale ORDER BY t.created_at, t.id LIMIT 1
            """)
    java.util.Optional<UUID> surveyTemplateInLocale(@Bind("templateId") UUID templateId, @Bind("locale") String locale);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM crm_segment WHERE id = :id)")
    boolean segmentExists(@Bind("id") UUID id);

    @SqlQuery("SELECT DISTINCT unnest(category_ids) FROM crm_order_line_ledger WHERE order_id = :orderId")
    List<UUID> orderCategories(@Bind("orderId") UUID orderId);

    @SqlQuery("SELECT count(*) FROM crm_order_ledger WHERE customer_id = :customerId")
    long orderCount(@Bind("customerId") UUID customerId);

    /** Orders placed by the customer after this one (the "no order for N days" wait is over if any). */
    @SqlQuery("""
            SELECT count(*) FROM crm_order_ledger l
            WHERE l.customer_id = :customerId AND l.order_id <> :orderId
              AND l.placed_at > (SELECT placed_at FROM crm_order_ledger WHERE order_id = :orderId)
            """)
    long laterOrders(@Bind("customerId") UUID customerId, @Bind("orderId") UUID orderId);

    @SqlQuery("SELECT order_number FROM crm_order_ledger WHERE order_id = :orderId")
    Optional<String> orderNumber(@Bind("orderId") UUID orderId);
}
