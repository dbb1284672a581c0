package io.bazaar.crm.task.app;

import io.bazaar.crm.customer.app.StaffDirectory;
import io.bazaar.crm.task.persistence.StaffTaskDao;
import io.bazaar.crm.task.persistence.StaffTaskRow;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Work for staff: "call this VIP", "check why the parcel is late". Created by staff, by follow-up
 * rules and by SLA escalation; open until done or cancelled. A task about a customer lands on their
 * timeline when it is created and when it is finished, with its kind (a call or visit is physical,
 * a written follow-up interactive).
 */
public final class StaffTaskService {
    public static final Set<String> ROLES = Set.of("support", "manager", "admin");

    /** A task to create. {@code source} is staff or follow_up; {@code createdBy} null for automatic ones. */
    public record NewTask(UUID customerId, UUID orderId, String title, String notes, UUID assigneeId,
                          String assigneeRole, Instant dueAt, InteractionKind kind, String source, UUID createdBy) {
        public NewTask {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(assigneeRole, "assigneeRole");
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(source, "source");
            if (kind == InteractionKind.TRANSACTIONAL) {
                throw new IllegalArgumentException("a staff task is interactive or physical");
            }
        }
    }

    public record TaskFilter(String status, UUID assigneeId, String role, UUID customerId, UUID ticketId) {
    }

    public record StaffTask(UUID id, UUID customerId, UUID ticketId, UUID orderId, String title, String notes,
                            UUID assigneeId, String assigneeRole, Instant dueAt, boolean overdue, String status,
                            String kind, String source, UUID createdBy, UUID completedBy, Instant completedAt,
                            Instant cancelledAt, String outcome, Instant createdAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final TimelineService timeline;
    private final StaffDirectory staff;

    public StaffTaskService(Jdbi jdbi, Clock clock, TimelineService timeline, StaffDirectory staff) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.timeline = Objects.requireNonNull(timeline);
        this.staff = Objects.requireNonNull(staff);
    }

    /** Staff create a task by hand. */
    public StaffTask create(NewTask t) {
        if (t.assigneeId() != null && !staff.isActiveStaff(t.assigneeId())) {
            throw ApiException.validation("assignee_id", "is not an active staff member");
        }
        return jdbi.inTransaction(h -> {
            if (t.customerId() != null && !h.attach(StaffTaskDao.class).customerExists(t.customerId())) {
                throw ApiException.notFound("Customer");
            }
            UUID id = create(h, t, null).orElseThrow();
            return view(h.attach(StaffTaskDao.class).findById(id).orElseThrow());
        });
    }

    /**
     * Creates a task in the caller's transaction, at most once per {@code sourceKey} (null: no
     * de-duplication), and puts it on the customer's timeline.
     */
    public Optional<UUID> create(Handle h, NewTask t, String sourceKey) {
        Instant now = now();
        UUID id = Ids.newId();
        StaffTaskRow row = new StaffTaskRow(id, t.customerId(), null, t.orderId(), t.title(), t.notes(),
                t.assigneeId(), t.assigneeRole(), t.dueAt().truncatedTo(ChronoUnit.MICROS), "open", t.kind().wire(),
                t.source(), t.createdBy(), null, null, null, null, now);
        if (h.attach(StaffTaskDao.class).insert(row, sourceKey) == 0) {
            return Optional.empty();
        }
        if (t.customerId() != null) {
            timeline.record(h, derived("task.created:" + id), t.customerId(), "task.created", t.kind(),
                    Channel.SYSTEM, "Task for " + (t.assigneeId() == null ? t.assigneeRole() : "staff") + ": "
                            + t.title(), refs(row), now);
        }
        return Optional.of(id);
    }

    public Page<StaffTask> list(TaskFilter f, Cursor cursor, int limit) {
        List<StaffTaskRow> rows = jdbi.withExtension(StaffTaskDao.class, dao -> dao.list(f.status(), f.assigneeId(),
                f.role(), f.customerId(), f.ticketId(), cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(), limit + 1));
        List<StaffTask> tasks = rows.stream().limit(limit).map(this::view).toList();
        String next = rows.size() > limit
                ? new Cursor(tasks.get(limit - 1).createdAt(), tasks.get(limit - 1).id()).encode() : null;
        return new Page<>(tasks, next);
    }

    public StaffTask get(UUID id) {
        return jdbi.withExtension(StaffTaskDao.class, dao -> dao.findById(id).map(this::view)
                .orElseThrow(() -> ApiException.notFound("Task")));
    }

    /**
     * Marks an open task done (409 if it is not open) and records the contact it stood for on the
     * timeline: {@code channel} is how the customer was reached (phone, in_person, email, ...).
     */
    public StaffTask complete(UUID staffId, UUID taskId, String outcome, Channel channel) {
        return finish(staffId, taskId, outcome, channel, true);
    }

    public StaffTask cancel(UUID staffId, UUID taskId, String reason) {
        return finish(staffId, taskId, reason, Channel.SYSTEM, false);
    }

    private StaffTask finish(UUID staffId, UUID taskId, String outcome, Channel channel, boolean done) {
        return jdbi.inTransaction(h -> {
            StaffTaskDao dao = h.attach(StaffTaskDao.class);
            StaffTaskRow t = dao.findByIdForUpdate(taskId).orElseThrow(() -> ApiException.notFound("Task"));
            Instant now = now();
            int changed = done ? dao.complete(taskId, staffId, outcome, now) : dao.cancel(taskId, staffId, outcome, now);
            if (changed == 0) {
                throw new ApiException(ErrorCode.CONFLICT, "The task is already " + t.status());
            }
            if (t.customerId() != null) {
                InteractionKind kind = "physical".equals(t.kind()) ? InteractionKind.PHYSICAL : InteractionKind.INTERACTIVE;
                Channel ch = channel != null ? channel : kind == InteractionKind.PHYSICAL ? Channel.PHONE : Channel.EMAIL;
                Map<String, String> refs = refs(t);
                refs.put("staff_id", staffId.toString());
                timeline.record(h, derived((done ? "task.completed:" : "task.cancelled:") + taskId), t.customerId(),
                        done ? "task.completed" : "task.cancelled", kind, done ? ch : Channel.SYSTEM,
                        (done ? "Done: " : "Cancelled: ") + t.title() + (outcome == null ? "" : " — " + outcome),
                        refs, now);
            }
            return view(dao.findById(taskId).orElseThrow());
        });
    }

    /** Reassigns an open task or moves its due time (409 once it is finished). */
    public StaffTask update(UUID taskId, UUID assigneeId, Instant dueAt) {
        if (assigneeId != null && !staff.isActiveStaff(assigneeId)) {
            throw ApiException.validation("assignee_id", "is not an active staff member");
        }
        return jdbi.inTransaction(h -> {
            StaffTaskDao dao = h.attach(StaffTaskDao.class);
            StaffTaskRow t = dao.findByIdForUpdate(taskId).orElseThrow(() -> ApiException.notFound("Task"));
            if (dao.reassign(taskId, assigneeId == null ? t.assigneeId() : assigneeId,
                    dueAt == null ? t.dueAt() : dueAt.truncatedTo(ChronoUnit.MICROS)) == 0) {
                throw new ApiException(ErrorCode.CONFLICT, "The task is already " + t.status());
            }
            return view(dao.findById(taskId).orElseThrow());
        });
    }

    private StaffTask view(StaffTaskRow r) {
        boolean overdue = "open".equals(r.status()) && r.dueAt().isBefore(clock.instant());
        return new StaffTask(r.id(), r.customerId(), r.ticketId(), r.orderId(), r.title(), r.notes(), r.assigneeId(),
                r.assigneeRole(), r.dueAt(), overdue, r.status(), r.kind(), r.source(), r.createdBy(), r.completedBy(),
                r.completedAt(), r.cancelledAt(), r.outcome(), r.createdAt());
    }

    private static Map<String, String> refs(StaffTaskRow t) {
        Map<String, String> refs = new HashMap<>();
        refs.put("task_id", t.id().toString());
        if (t.orderId() != null) {
            refs.put("order_id", t.orderId().toString());
        }
        if (t.ticketId() != null) {
            refs.put("ticket_id", t.ticketId().toString());
        }
        return refs;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static UUID derived(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
