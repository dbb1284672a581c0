package io.bazaar.crm.followup.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.customer.persistence.ContactDao;
import io.bazaar.crm.customer.persistence.ContactRow;
import io.bazaar.crm.followup.app.FollowUpViews.Action;
import io.bazaar.crm.followup.app.FollowUpViews.Filter;
import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.crm.followup.app.FollowUpViews.Job;
import io.bazaar.crm.followup.app.FollowUpViews.Rule;
import io.bazaar.crm.followup.app.FollowUpViews.RunResult;
import io.bazaar.crm.followup.domain.FollowUpAction;
import io.bazaar.crm.followup.domain.FollowUpTrigger;
import io.bazaar.crm.followup.domain.QuietHours;
import io.bazaar.crm.followup.persistence.FollowUpDao;
import io.bazaar.crm.followup.persistence.FollowUpJobRow;
import io.bazaar.crm.followup.persistence.FollowUpRuleRow;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.message.domain.MessageCategory;
import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.crm.task.app.StaffTaskService;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-up rules and their durable jobs. Facts arriving through the intake schedule one job per
 * (rule, order) — or (rule, ticket) — in the transaction that records the fact; {@link #runDue()}
 * claims due jobs with {@code FOR UPDATE SKIP LOCKED} and performs each action in the same
 * transaction that marks the job done, so a follow-up happens exactly once however many executors
 * run. Consent is checked when the job runs, quiet hours defer it, a return request or cancellation
 * cancels the order's pending jobs, and a consent withdrawal cancels those that needed it.
 */
public final class FollowUpService {
    private static final Logger LOG = LoggerFactory.getLogger(FollowUpService.class);
    private static final int BATCH = 20;
    private static final Duration MAX_DELAY = Duration.ofDays(3650);
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    /** Message templates a rule may send, with the consent each needs (both marketing: opt-in). */
    public static final Map<String, MessageCategory> RULE_TEMPLATES = Map.of(
            MessageTemplates.REVIEW_REQUEST, MessageCategory.MARKETING,
            MessageTemplates.PROMOTION, MessageCategory.MARKETING);

    /** A rule as staff define it; validated by {@link #createRule} and {@link #updateRule}. */
    public record RuleDraft(String name, FollowUpTrigger trigger, Integer triggerDays, Duration delay,
                            List<UUID> productIds, List<UUID> categoryIds, List<String> customerTags,
                            UUID segmentId, FollowUpAction action,
                            UUID surveyTemplateId, String messageTemplate, Map<String, String> messageParams,
                            String taskTitle, String taskAssigneeRole, Duration taskDueIn, InteractionKind taskKind,
                            boolean enabled) {
        public RuleDraft {
            productIds = productIds == null ? List.of() : List.copyOf(productIds);
            categoryIds = categoryIds == null ? List.of() : List.copyOf(categoryIds);
            customerTags = customerTags == null ? List.of() : List.copyOf(customerTags);
            messageParams = messageParams == null ? Map.of() : Map.copyOf(messageParams);
        }
    }

    public record JobFilter(String status, UUID ruleId, UUID customerId, UUID orderId) {
    }

    private enum Outcome { DONE, SKIPPED, CANCELLED, DEFERRED }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final ConsentService consents;
    private final MessageService messages;
    private final SurveyService surveys;
    private final StaffTaskService tasks;
    private final SegmentService segments;
    private final QuietHours quietHours;
    private final String publicBaseUrl;

    public FollowUpService(Jdbi jdbi, Clock clock, ObjectMapper mapper, ConsentService consents,
                           MessageService messages, SurveyService surveys, StaffTaskService tasks,
                           SegmentService segments, FollowUpSettings settings, String publicBaseUrl) {
        this.segments = Objects.requireNonNull(segments);
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.mapper = Objects.requireNonNull(mapper);
        this.consents = Objects.requireNonNull(consents);
        this.messages = Objects.requireNonNull(messages);
        this.surveys = Objects.requireNonNull(surveys);
        this.tasks = Objects.requireNonNull(tasks);
        this.quietHours = settings.quietHours();
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public QuietHours quietHours() {
        return quietHours;
    }

    // ---- rules --------------------------------------------------------------------------------

    public Rule createRule(RuleDraft d) {
        return jdbi.inTransaction(h -> {
            FollowUpDao dao = h.attach(FollowUpDao.class);
            validate(dao, d);
            Instant now = now();
            FollowUpRuleRow row = row(Ids.newId(), d, now, now);
            dao.insertRule(row);
            return view(dao.findRule(row.id()).orElseThrow());
        });
    }

    /** Replaces the rule; disabling it cancels its pending jobs (re-enabling does not revive them). */
    public Rule updateRule(UUID id, java.util.function.UnaryOperator<RuleDraft> change) {
        return jdbi.inTransaction(h -> {
            FollowUpDao dao = h.attach(FollowUpDao.class);
            FollowUpRuleRow current = dao.findRuleForUpdate(id).orElseThrow(() -> ApiException.notFound("Follow-up rule"));
            RuleDraft d = change.apply(draft(current));
            validate(dao, d);
            Instant now = now();
            dao.updateRule(row(id, d, current.createdAt(), now));
            if (current.enabled() && !d.enabled()) {
                dao.cancelForRule(id, "rule_disabled", now);
            }
            return view(dao.findRule(id).orElseThrow());
        });
    }

    /** Deletes (hides) a rule and cancels its pending jobs; finished jobs keep pointing at it. */
    public void deleteRule(UUID id) {
        jdbi.useTransaction(h -> {
            FollowUpDao dao = h.attach(FollowUpDao.class);
            Instant now = now();
            if (dao.deleteRule(id, now) == 0) {
                throw ApiException.notFound("Follow-up rule");
            }
            dao.cancelForRule(id, "rule_deleted", now);
        });
    }

    public Rule rule(UUID id) {
        return jdbi.withExtension(FollowUpDao.class, dao -> dao.findRule(id).map(this::view)
                .orElseThrow(() -> ApiException.notFound("Follow-up rule")));
    }

    public List<Rule> rules() {
        return jdbi.withExtension(FollowUpDao.class, FollowUpDao::listRules).stream().map(this::view).toList();
    }

    public Page<Job> jobs(JobFilter f, Cursor cursor, int limit) {
        List<FollowUpJobRow> rows = jdbi.withExtension(FollowUpDao.class, dao -> dao.listJobs(f.status(), f.ruleId(),
                f.customerId(), f.orderId(), cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(),
                limit + 1));
        List<Job> jobs = rows.stream().limit(limit).map(FollowUpService::view).toList();
        String next = rows.size() > limit
                ? new Cursor(jobs.get(limit - 1).createdAt(), jobs.get(limit - 1).id()).encode() : null;
        return new Page<>(jobs, next);
    }

    private void validate(FollowUpDao dao, RuleDraft d) {
        if (d.segmentId() != null && !dao.segmentExists(d.segmentId())) {
            throw ApiException.validation("filter.segment_id", "is not a dynamic segment (see /v1/admin/crm/segments)");
        }
        if (d.name() == null || d.name().isBlank()) {
            throw ApiException.validation("name", "must not be blank");
        }
        if (d.trigger() == null) {
            throw ApiException.validation("trigger", "is required");
        }
        if (d.trigger() == FollowUpTrigger.NO_ORDER_FOR_DAYS) {
            if (d.triggerDays() == null || d.triggerDays() < 1 || d.triggerDays() > 3650) {
                throw ApiException.validation("trigger_days", "no_order_for_days needs trigger_days between 1 and 3650");
            }
        } else if (d.triggerDays() != null) {
            throw ApiException.validation("trigger_days", "only no_order_for_days takes trigger_days");
        }
        if (d.delay() == null || d.delay().isNegative() || d.delay().compareTo(MAX_DELAY) > 0) {
            throw ApiException.validation("delay", "must be an ISO-8601 duration between PT0S and P3650D");
        }
        if (d.action() == null) {
            throw ApiException.validation("action.type", "is required");
        }
        switch (d.action()) {
            case SEND_SURVEY -> {
                if (d.surveyTemplateId() == null || !dao.surveyTemplateExists(d.surveyTemplateId())) {
                    throw ApiException.validation("action.survey_template_id", "must name an existing survey template");
                }
            }
            case SEND_MESSAGE -> {
                if (d.messageTemplate() == null || !RULE_TEMPLATES.containsKey(d.messageTemplate())) {
                    throw ApiException.validation("action.template", "must be one of " + RULE_TEMPLATES.keySet()
                            .stream().sorted().toList());
                }
                if (MessageTemplates.PROMOTION.equals(d.messageTemplate())
                        && (d.messageParams().get("headline") == null || d.messageParams().get("text") == null)) {
                    throw ApiException.validation("action.params", "a promotion needs headline and text");
                }
            }
            case CREATE_STAFF_TASK -> {
                if (d.taskTitle() == null || d.taskTitle().isBlank()) {
                    throw ApiException.validation("action.title", "must not be blank");
                }
                if (d.taskAssigneeRole() == null || !StaffTaskService.ROLES.contains(d.taskAssigneeRole())) {
                    throw ApiException.validation("action.assignee_role", "must be support, manager or admin");
                }
                if (d.taskDueIn() == null || d.taskDueIn().isNegative() || d.taskDueIn().isZero()
                        || d.taskDueIn().compareTo(MAX_DELAY) > 0) {
                    throw ApiException.validation("action.due_in", "must be a positive ISO-8601 duration");
                }
            }
            default -> throw new IllegalStateException("unhandled action " + d.action());
        }
    }

    // ---- scheduling (called in the intake's transaction) ---------------------------------------

    /**
     * Schedules one job per enabled rule of this trigger whose filters match. Idempotent: the unique
     * (rule, subject) key makes a second delivery of the same fact schedule nothing.
     *
     * @return how many jobs were scheduled now
     */
    public int schedule(Handle h, FollowUpTrigger trigger, UUID customerId, UUID orderId, UUID ticketId,
                        Instant factAt) {
        FollowUpDao dao = h.attach(FollowUpDao.class);
        List<FollowUpRuleRow> rules = dao.listEnabledRules(trigger.wire());
        if (rules.isEmpty()) {
            return 0;
        }
        List<UUID> products = orderId == null ? List.of() : dao.orderProducts(orderId);
        List<UUID> categories = orderId == null ? List.of() : dao.orderCategories(orderId);
        Instant now = now();
        int scheduled = 0;
        for (FollowUpRuleRow r : rules) {
            if (!r.productIds().isEmpty() && Collections.disjoint(r.productIds(), products)) {
                continue;
            }
            if (!r.categoryIds().isEmpty() && Collections.disjoint(r.categoryIds(), categories)) {
                continue;
            }
            Instant due = factAt.plusSeconds(r.delaySeconds());
            if (r.triggerDays() != null) {
                due = due.plus(Duration.ofDays(r.triggerDays()));
            }
            String subject = ticketId != null ? "ticket:" + ticketId : "order:" + orderId;
            ConsentPurpose purpose = purpose(r);
            scheduled += dao.insertJob(new FollowUpJobRow(Ids.newId(), r.id(), subject, customerId, orderId, ticketId,
                    trigger.wire(), factAt, due.truncatedTo(ChronoUnit.MICROS), "pending", null,
                    purpose == null ? null : purpose.dbValue(), 0, null, null, now, now));
        }
        return scheduled;
    }

    /** The order is being returned or was cancelled: its pending follow-ups no longer make sense. */
    public int cancelForOrder(Handle h, UUID orderId, String reason) {
        return h.attach(FollowUpDao.class).cancelForOrder(orderId, List.of(FollowUpTrigger.RETURN_RECEIVED.wire()),
                reason, now());
    }

    /** A new order ends the wait of earlier "no order for N days" jobs. */
    public int orderedAgain(Handle h, UUID customerId, UUID orderId) {
        return h.attach(FollowUpDao.class).cancelNoOrderWaits(customerId, orderId, now());
    }

    public boolean isFirstOrder(Handle h, UUID customerId) {
        return h.attach(FollowUpDao.class).orderCount(customerId) == 1;
    }

    /** The customer withdrew a consent: pending follow-ups that need it are cancelled in the same transaction. */
    public void consentWithdrawn(Handle h, UUID subjectId, ConsentChannel channel, ConsentPurpose purpose) {
        if (channel == ConsentChannel.EMAIL) {
            h.attach(FollowUpDao.class).cancelForConsent(subjectId, purpose.dbValue(), "consent_withdrawn", now());
        }
    }

    // ---- executor -----------------------------------------------------------------------------

    /** Runs every due job. Safe on any number of threads and instances. */
    public RunResult runDue() {
        int[] counts = new int[Outcome.values().length];
        int n;
        do {
            n = jdbi.inTransaction(h -> {
                FollowUpDao dao = h.attach(FollowUpDao.class);
                Instant now = now();
                List<FollowUpJobRow> due = dao.claimDue(now, BATCH);
                for (FollowUpJobRow job : due) {
                    counts[execute(h, dao, job, now).ordinal()]++;
                }
                return due.size();
            });
        } while (n == BATCH);
        return new RunResult(counts[Outcome.DONE.ordinal()], counts[Outcome.SKIPPED.ordinal()],
                counts[Outcome.CANCELLED.ordinal()], counts[Outcome.DEFERRED.ordinal()]);
    }

    private Outcome execute(Handle h, FollowUpDao dao, FollowUpJobRow job, Instant now) {
        if (quietHours.contains(now)) {
            dao.defer(job.id(), quietHours.endOfWindow(now).truncatedTo(ChronoUnit.MICROS), now);
            return Outcome.DEFERRED;
        }
        FollowUpRuleRow rule = dao.findRuleEvenDeleted(job.ruleId()).orElseThrow();
        if (!rule.enabled()) {
            return finish(dao, job, Outcome.CANCELLED, "rule_disabled", null, now);
        }
        ContactRow contact = h.attach(ContactDao.class).findById(job.customerId()).orElse(null);
        if (contact == null) {
            return finish(dao, job, Outcome.SKIPPED, "unknown_customer", null, now);
        }
        if (contact.erasedAt() != null) {
            return finish(dao, job, Outcome.SKIPPED, "customer_erased", null, now);
        }
        if (!rule.customerTags().isEmpty() && Collections.disjoint(rule.customerTags(), contact.tags())) {
            return finish(dao, job, Outcome.SKIPPED, "tag_filter", null, now);
        }
        if (rule.segmentId() != null && !segments.isMember(h, rule.segmentId(), job.customerId())) {
            return finish(dao, job, Outcome.SKIPPED, "segment_filter", null, now);
        }
        if (job.consentPurpose() != null && !consents.allows(h, job.customerId(), ConsentChannel.EMAIL,
                ConsentPurpose.fromDb(job.consentPurpose()))) {
            return finish(dao, job, Outcome.SKIPPED, "no_consent:" + job.consentPurpose(), null, now);
        }
        if (FollowUpTrigger.NO_ORDER_FOR_DAYS.wire().equals(job.trigger()) && job.orderId() != null
                && dao.laterOrders(job.customerId(), job.orderId()) > 0) {
            return finish(dao, job, Outcome.CANCELLED, "ordered_again", null, now);
        }
        if (rule.action().equals(FollowUpAction.SEND_MESSAGE.wire()) && contact.email() == null) {
            return finish(dao, job, Outcome.SKIPPED, "no_email", null, now);
        }
        // The action's writes and the job's "done" commit together; a failing action is rolled back
        // alone and the job is skipped with the reason, so one bad job never blocks the queue.
        h.savepoint("follow_up_action");
        try {
            String ref = perform(h, dao, rule, job, contact, now);
            h.release("follow_up_action");
            return finish(dao, job, Outcome.DONE, null, ref, now);
        } catch (RuntimeException e) {
            h.rollbackToSavepoint("follow_up_action");
            String code = e instanceof ApiException api ? api.errorCode().code() : e.getClass().getSimpleName();
            LOG.warn("follow-up job {} (rule {}) failed: {}", job.id(), rule.id(), code);
            return finish(dao, job, Outcome.SKIPPED, "failed:" + code, null, now);
        }
    }

    private String perform(Handle h, FollowUpDao dao, FollowUpRuleRow rule, FollowUpJobRow job, ContactRow contact,
                           Instant now) {
        String dedupe = "follow-up:" + job.id();
        List<UUID> products = job.orderId() == null ? List.of() : dao.orderProducts(job.orderId());
        switch (FollowUpAction.fromWire(rule.action())) {
            case SEND_SURVEY -> {
                UUID template = dao.surveyTemplateInLocale(rule.surveyTemplateId(), contact.locale())
                        .orElse(rule.surveyTemplateId());
                return surveys.send(h, new SurveyService.Send(template, job.customerId(), job.orderId(),
                                products.size() == 1 ? products.get(0).toString() : null, null), dedupe)
                        .map(s -> "survey_invitation:" + s.invitationId()).orElse(null);
            }
            case SEND_MESSAGE -> {
                Map<String, String> params = new HashMap<>(params(rule.messageParams()));
                if (contact.name() != null) {
                    params.put("name", contact.name());
                }
                params.put("order_number", job.orderId() == null ? "" : dao.orderNumber(job.orderId()).orElse(""));
                List<String> titles = job.orderId() == null ? List.of() : dao.orderProductTitles(job.orderId());
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < products.size(); i++) {
                    items.append(titles.get(i)).append(": ").append(reviewUrl(products.get(i))).append('\n');
                }
                params.put("items", items.toString());
                params.put("review_url", products.isEmpty() ? publicBaseUrl : reviewUrl(products.get(0)));
                MessageCategory category = RULE_TEMPLATES.get(rule.messageTemplate());
                UUID id = messages.enqueue(h, new MessageService.MessageRequest(job.customerId(), ConsentChannel.EMAIL,
                        category, ConsentPurpose.fromDb(job.consentPurpose()), rule.messageTemplate(), contact.locale(),
                        contact.email(), params, dedupe));
                return id == null ? null : "message:" + id;
            }
            case CREATE_STAFF_TASK -> {
                String orderNumber = job.orderId() == null ? "" : dao.orderNumber(job.orderId()).orElse("");
                String title = rule.taskTitle().replace("{order_number}", orderNumber)
                        .replace("{customer_name}", contact.name() == null ? "" : contact.name());
                return tasks.create(h, new StaffTaskService.NewTask(job.customerId(), job.orderId(), title,
                                "Follow-up rule: " + rule.name(), null, rule.taskAssigneeRole(),
                                now.plusSeconds(rule.taskDueInSeconds()),
                                "physical".equals(rule.taskKind()) ? InteractionKind.PHYSICAL : InteractionKind.INTERACTIVE,
                                "follow_up", null), dedupe)
                        .map(id -> "task:" + id).orElse(null);
            }
            default -> throw new IllegalStateException("unknown action " + rule.action());
        }
    }

    /** Where a review request points: the product's review page of the public API. */
    String reviewUrl(UUID productId) {
        return publicBaseUrl + "/v1/products/" + productId + "/reviews";
    }

    private static Outcome finish(FollowUpDao dao, FollowUpJobRow job, Outcome outcome, String reason, String ref,
                                  Instant now) {
        String status = switch (outcome) {
            case DONE -> "done";
            case SKIPPED -> "skipped";
            case CANCELLED -> "cancelled";
            case DEFERRED -> throw new IllegalArgumentException("deferral is not final");
        };
        if (dao.finish(job.id(), status, reason, ref, now) != 1) {
            throw new IllegalStateException("follow-up job " + job.id() + " changed while claimed");
        }
        return outcome;
    }

    // ---- mapping ------------------------------------------------------------------------------

    private static ConsentPurpose purpose(FollowUpRuleRow r) {
        return switch (FollowUpAction.fromWire(r.action())) {
            case SEND_SURVEY -> ConsentPurpose.SURVEYS;
            case SEND_MESSAGE -> RULE_TEMPLATES.get(r.messageTemplate()) == MessageCategory.SURVEY
                    ? ConsentPurpose.SURVEYS : ConsentPurpose.MARKETING;
            case CREATE_STAFF_TASK -> null;
        };
    }

    private FollowUpRuleRow row(UUID id, RuleDraft d, Instant createdAt, Instant updatedAt) {
        boolean task = d.action() == FollowUpAction.CREATE_STAFF_TASK;
        return new FollowUpRuleRow(id, d.name().strip(), d.trigger().wire(), d.triggerDays(), d.delay().toSeconds(),
                d.productIds(), d.categoryIds(), d.customerTags(), d.segmentId(), d.action().wire(),
                d.action() == FollowUpAction.SEND_SURVEY ? d.surveyTemplateId() : null,
                d.action() == FollowUpAction.SEND_MESSAGE ? d.messageTemplate() : null,
                json(d.action() == FollowUpAction.SEND_MESSAGE ? d.messageParams() : Map.of()),
                task ? d.taskTitle().strip() : null, task ? d.taskAssigneeRole() : null,
                task ? d.taskDueIn().toSeconds() : null,
                task ? (d.taskKind() == null ? InteractionKind.INTERACTIVE : d.taskKind()).wire() : null,
                d.enabled(), createdAt, updatedAt);
    }

    private RuleDraft draft(FollowUpRuleRow r) {
        return new RuleDraft(r.name(), FollowUpTrigger.fromWire(r.trigger()), r.triggerDays(),
                Duration.ofSeconds(r.delaySeconds()), r.productIds(), r.categoryIds(), r.customerTags(), r.segmentId(),
                FollowUpAction.fromWire(r.action()),
                r.surveyTemplateId(), r.messageTemplate(), params(r.messageParams()), r.taskTitle(), r.taskAssigneeRole(),
                r.taskDueInSeconds() == null ? null : Duration.ofSeconds(r.taskDueInSeconds()),
                r.taskKind() == null ? null : InteractionKind.valueOf(r.taskKind().toUpperCase(java.util.Locale.ROOT)),
                r.enabled());
    }

    private Rule view(FollowUpRuleRow r) {
        Action action = new Action(r.action(), r.surveyTemplateId(), r.messageTemplate(),
                r.messageTemplate() == null ? null : params(r.messageParams()), r.taskTitle(), r.taskAssigneeRole(),
                r.taskDueInSeconds() == null ? null : Duration.ofSeconds(r.taskDueInSeconds()).toString(),
                r.taskDueInSeconds(), r.taskKind());
        return new Rule(r.id(), r.name(), r.trigger(), r.triggerDays(), Duration.ofSeconds(r.delaySeconds()).toString(),
                r.delaySeconds(), new Filter(r.productIds(), r.categoryIds(), r.customerTags(), r.segmentId()), action, r.enabled(), r.createdAt(),
                r.updatedAt());
    }

    private static Job view(FollowUpJobRow j) {
        return new Job(j.id(), j.ruleId(), j.trigger(), j.customerId(), j.orderId(), j.ticketId(), j.factAt(),
                j.dueAt(), j.status(), j.reason(), j.consentPurpose(), j.deferrals(), j.resultRef(), j.finishedAt(),
                j.createdAt());
    }

    private Map<String, String> params(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt follow-up message params", e);
        }
    }

    private String json(Map<String, String> params) {
        try {
            return mapper.writeValueAsString(new java.util.TreeMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise params", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
