package io.bazaar.crm.ticket.app;

import io.bazaar.crm.customer.app.StaffDirectory;
import io.bazaar.crm.ticket.app.TicketViews.Csat;
import io.bazaar.crm.ticket.app.TicketViews.CustomerTicket;
import io.bazaar.crm.ticket.app.TicketViews.GoodwillView;
import io.bazaar.crm.ticket.app.TicketViews.HistoryView;
import io.bazaar.crm.ticket.app.TicketViews.MessageView;
import io.bazaar.crm.ticket.app.TicketViews.PostedMessage;
import io.bazaar.crm.ticket.app.TicketViews.Sla;
import io.bazaar.crm.ticket.app.TicketViews.SlaReport;
import io.bazaar.crm.ticket.app.TicketViews.StaffTicket;
import io.bazaar.crm.ticket.app.TicketViews.TicketSummary;
import io.bazaar.shared.moderation.ModerationFilter;
import io.bazaar.crm.ticket.domain.SlaPolicy;
import io.bazaar.crm.ticket.domain.TicketPriority;
import io.bazaar.crm.ticket.domain.TicketStatus;
import io.bazaar.crm.ticket.domain.TicketType;
import io.bazaar.crm.ticket.persistence.GoodwillRow;
import io.bazaar.crm.ticket.persistence.SlaReportRow;
import io.bazaar.crm.ticket.persistence.TicketDao;
import io.bazaar.crm.ticket.persistence.TicketHistoryRow;
import io.bazaar.crm.ticket.persistence.TicketMessageRow;
import io.bazaar.crm.ticket.persistence.TicketRow;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * After-sales tickets: opening (by customers, by staff on their behalf, or automatically from a
 * detractor survey answer), the message thread with moderation, the status machine with history,
 * SLA due times, breach detection and escalation, CSAT after resolution and goodwill on resolution.
 */
public final class TicketService {
    private static final int BREACH_BATCH = 50;

    /** Who opens a ticket and about what. {@code staffId} null means the customer opened it themself. */
    public record OpenTicket(UUID customerId, UUID staffId, TicketType type, String subject, String message,
                             TicketPriority priority, Channel channel, UUID orderId, String orderNumber,
                             String productRef) {
        public OpenTicket {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(channel, "channel");
        }
    }

    public record QueueFilter(TicketStatus status, TicketPriority priority, UUID assigneeId, UUID customerId,
                              Boolean escalated) {
    }

    public record Goodwill(String kind, long amount, String currency, String reason) {
    }

    /** Told in the resolving transaction (follow-up rules with the ticket_resolved trigger). */
    @FunctionalInterface
    public interface ResolutionListener {
        void resolved(Handle handle, UUID ticketId, UUID customerId, UUID orderId, Instant at);
    }

    private final List<ResolutionListener> resolutionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Jdbi jdbi;
    private final Clock clock;
    private final TimelineService timeline;
    private final StaffDirectory staff;
    private final GoodwillPort goodwill;
    private final SlaPolicy sla;
    private final ModerationFilter moderation;
    private final TicketSettings settings;

    public TicketService(Jdbi jdbi, Clock clock, TimelineService timeline, StaffDirectory staff, GoodwillPort goodwill,
                         TicketSettings settings) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.timeline = Objects.requireNonNull(timeline);
        this.staff = Objects.requireNonNull(staff);
        this.goodwill = Objects.requireNonNull(goodwill);
        this.settings = Objects.requireNonNull(settings);
        this.sla = new SlaPolicy(settings.slaTargets());
        this.moderation = new ModerationFilter(settings.blockedWords());
    }

    /** Registers a listener at wiring time. */
    public void onResolved(ResolutionListener listener) {
        resolutionListeners.add(Objects.requireNonNull(listener));
    }

    public SlaPolicy slaPolicy() {
        return sla;
    }

    // ---- opening ------------------------------------------------------------------------------

    public UUID open(OpenTicket cmd) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            if (cmd.staffId() != null && !dao.customerExists(cmd.customerId())) {
                throw ApiException.notFound("Customer");
            }
            UUID orderId = null;
            String orderNumber = null;
            if (cmd.orderId() != null || cmd.orderNumber() != null) {
                orderId = dao.findCustomerOrder(cmd.customerId(), cmd.orderId(), cmd.orderNumber())
                        .orElseThrow(() -> ApiException.notFound("Order"));
                orderNumber = dao.findOrderNumber(orderId).orElse(null);
            }
            return insert(h, cmd, orderId, orderNumber, cmd.staffId() == null ? "customer" : "staff");
        });
    }

    /**
     * Opens a ticket in the caller's transaction on behalf of an automatic source (e.g. a detractor
     * survey answer), at most once per {@code sourceKey}.
     */
    public Optional<UUID> openAutomatically(Handle h, UUID customerId, TicketType type, TicketPriority priority,
                                            String subject, String message, UUID orderId, String productRef,
                                            String sourceKey) {
        String orderNumber = orderId == null ? null : h.attach(TicketDao.class).findOrderNumber(orderId).orElse(null);
        OpenTicket cmd = new OpenTicket(customerId, null, type, subject, message, priority, Channel.SYSTEM, orderId,
                orderNumber, productRef);
        UUID id = insert(h, cmd, orderId, orderNumber, sourceKey);
        return Optional.ofNullable(id);
    }

    private UUID insert(Handle h, OpenTicket cmd, UUID orderId, String orderNumber, String source) {
        TicketDao dao = h.attach(TicketDao.class);
        Instant now = now();
        UUID id = Ids.newId();
        SlaPolicy.DueTimes due = sla.dueTimes(cmd.priority(), now);
        TicketRow row = new TicketRow(id, cmd.customerId(), cmd.type().wire(), cmd.subject(), cmd.priority().wire(),
                TicketStatus.NEW.wire(), cmd.channel().wire(), orderId, orderNumber, cmd.productRef(), null,
                cmd.staffId(), source, due.firstResponseDueAt(), due.resolutionDueAt(), null, null, null, null, null,
                null, null, null, null, now, now);
        if (dao.insert(row) == 0) {
            return null;
        }
        boolean byStaff = cmd.staffId() != null;
        // A message typed by staff from a phone call is theirs to word; only customers' own text is filtered.
        String visibility = !byStaff && moderation.isAbusive(cmd.message()) ? "flagged" : "published";
        dao.insertMessage(new TicketMessageRow(Ids.newId(), id, byStaff ? "staff" : "customer",
                byStaff ? cmd.staffId() : cmd.customerId(), cmd.message(), visibility, now));
        history(dao, id, "opened", null, TicketStatus.NEW.wire(), byStaff ? "staff" : "customer",
                byStaff ? cmd.staffId() : cmd.customerId(), null, now);
        if ("flagged".equals(visibility)) {
            history(dao, id, "message_flagged", null, null, "system", null, "held by the moderation filter", now);
        }
        Map<String, String> refs = refs(id, orderId, orderNumber, cmd.productRef());
        refs.put("ticket_type", cmd.type().wire());
        timeline.record(h, id, cmd.customerId(), "ticket.opened", InteractionKind.INTERACTIVE, cmd.channel(),
                "Opened a " + cmd.type().wire() + " ticket: " + cmd.subject(), refs, now);
        return id;
    }

    // ---- customer side ------------------------------------------------------------------------

    public Page<TicketSummary> listMine(UUID customerId, Cursor cursor, int limit) {
        List<TicketRow> rows = jdbi.withExtension(TicketDao.class, dao -> dao.listForCustomer(customerId,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        return page(rows, limit);
    }

    public CustomerTicket getMine(UUID customerId, UUID ticketId) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = ownTicket(dao.findById(ticketId), customerId);
            return customerView(dao, t);
        });
    }

    /** A customer writes in their ticket: it reopens a resolved one and answers a "waiting on customer". */
    public PostedMessage customerReply(UUID customerId, UUID ticketId, String body) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = ownTicket(dao.findByIdForUpdate(ticketId), customerId);
            TicketStatus status = TicketStatus.fromWire(t.status());
            if (status == TicketStatus.CLOSED) {
                throw new ApiException(ErrorCode.TICKET_CLOSED, "This ticket is closed; open a new one");
            }
            Instant now = now();
            String visibility = moderation.isAbusive(body) ? "flagged" : "published";
            UUID id = Ids.newId();
            dao.insertMessage(new TicketMessageRow(id, ticketId, "customer", customerId, body, visibility, now));
            if (status == TicketStatus.WAITING_ON_CUSTOMER || status == TicketStatus.RESOLVED) {
                dao.update(t.withStatus(TicketStatus.OPEN.wire(), now));
                history(dao, ticketId, status == TicketStatus.RESOLVED ? "reopened" : "status_changed", t.status(),
                        TicketStatus.OPEN.wire(), "customer", customerId, "customer replied", now);
                status = TicketStatus.OPEN;
            }
            if ("flagged".equals(visibility)) {
                history(dao, ticketId, "message_flagged", null, null, "system", null, "held by the moderation filter",
                        now);
            }
            return new PostedMessage(id, ticketId, visibility, status.wire(), now);
        });
    }

    /** The one-question CSAT (1-5) after resolution, answered once. */
    public CustomerTicket answerCsat(UUID customerId, UUID ticketId, int score, String comment) {
        if (score < 1 || score > 5) {
            throw ApiException.validation("score", "must be between 1 and 5");
        }
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = ownTicket(dao.findByIdForUpdate(ticketId), customerId);
            if (t.resolvedAt() == null) {
                throw new ApiException(ErrorCode.CSAT_NOT_AVAILABLE, "The ticket is not resolved yet");
            }
            Instant now = now();
            if (dao.answerCsat(ticketId, score, comment, now) == 0) {
                throw new ApiException(ErrorCode.ALREADY_ANSWERED, "This ticket's satisfaction question is answered");
            }
            timeline.record(h, uuid("ticket.csat:" + ticketId), customerId, "ticket.csat_answered",
                    InteractionKind.INTERACTIVE, Channel.WEB, "Rated the ticket's handling " + score + "/5",
                    refs(ticketId, t.orderId(), t.orderNumber(), t.productRef()), now);
            return customerView(dao, dao.findById(ticketId).orElseThrow());
        });
    }

    // ---- staff side ---------------------------------------------------------------------------

    public StaffTicket staffView(UUID ticketId) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            return staffView(dao, dao.findById(ticketId).orElseThrow(() -> ApiException.notFound("Ticket")));
        });
    }

    public Page<TicketSummary> queue(QueueFilter f, Cursor cursor, int limit) {
        List<TicketRow> rows = jdbi.withExtension(TicketDao.class, dao -> dao.listQueue(
                f.status() == null ? null : f.status().wire(), f.priority() == null ? null : f.priority().wire(),
                f.assigneeId(), f.customerId(), f.escalated(), cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(), limit + 1));
        return page(rows, limit);
    }

    /**
     * A staff reply. A public one is the first response if none was made yet and opens a new ticket;
     * an internal note is visible to staff only and changes nothing else.
     */
    public StaffTicket staffReply(UUID staffId, UUID ticketId, String body, boolean internal) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = dao.findByIdForUpdate(ticketId).orElseThrow(() -> ApiException.notFound("Ticket"));
            if (TicketStatus.fromWire(t.status()) == TicketStatus.CLOSED && !internal) {
                throw new ApiException(ErrorCode.TICKET_CLOSED, "This ticket is closed");
            }
            Instant now = now();
            dao.insertMessage(new TicketMessageRow(Ids.newId(), ticketId, "staff", staffId, body,
                    internal ? "internal" : "published", now));
            if (!internal) {
                TicketRow updated = t.withFirstResponse(now);
                if (TicketStatus.fromWire(t.status()) == TicketStatus.NEW) {
                    updated = updated.withStatus(TicketStatus.OPEN.wire(), now);
                    history(dao, ticketId, "status_changed", t.status(), TicketStatus.OPEN.wire(), "staff", staffId,
                            "first response", now);
                }
                dao.update(updated);
            }
            return staffView(dao, dao.findById(ticketId).orElseThrow());
        });
    }

    public StaffTicket changeStatus(UUID staffId, UUID ticketId, TicketStatus next, String note) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = dao.findByIdForUpdate(ticketId).orElseThrow(() -> ApiException.notFound("Ticket"));
            TicketStatus current = TicketStatus.fromWire(t.status());
            if (!current.canMoveTo(next)) {
                throw new ApiException(ErrorCode.ILLEGAL_TICKET_TRANSITION, "A " + current.wire()
                        + " ticket cannot become " + next.wire() + "; allowed: " + current.allowedNext().stream()
                        .map(TicketStatus::wire).toList());
            }
            Instant now = now();
            dao.update(t.withStatus(next.wire(), now));
            history(dao, ticketId, current == TicketStatus.RESOLVED && next == TicketStatus.OPEN ? "reopened"
                    : "status_changed", current.wire(), next.wire(), "staff", staffId, note, now);
            if (next == TicketStatus.RESOLVED) {
                timeline.record(h, uuid("ticket.resolved:" + ticketId + ":" + now), t.customerId(), "ticket.resolved",
                        InteractionKind.INTERACTIVE, Channel.SYSTEM, "Ticket resolved: " + t.subject(),
                        refs(ticketId, t.orderId(), t.orderNumber(), t.productRef()), now);
                for (ResolutionListener l : resolutionListeners) {
                    l.resolved(h, ticketId, t.customerId(), t.orderId(), now);
                }
            }
            return staffView(dao, dao.findById(ticketId).orElseThrow());
        });
    }

    /** Priority and assignee. A new priority recomputes both due times from the ticket's opening time. */
    public StaffTicket update(UUID staffId, UUID ticketId, TicketPriority priority, UUID assigneeId,
                              boolean unassign) {
        if (assigneeId != null && !staff.isActiveStaff(assigneeId)) {
            throw ApiException.validation("assignee_id", "is not an active staff member");
        }
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = dao.findByIdForUpdate(ticketId).orElseThrow(() -> ApiException.notFound("Ticket"));
            Instant now = now();
            String newPriority = priority == null ? t.priority() : priority.wire();
            SlaPolicy.DueTimes due = sla.dueTimes(TicketPriority.fromWire(newPriority), t.createdAt());
            UUID newAssignee = unassign ? null : assigneeId == null ? t.assigneeId() : assigneeId;
            dao.update(t.withAssignment(newPriority, newAssignee, due.firstResponseDueAt(), due.resolutionDueAt(), now));
            if (!newPriority.equals(t.priority())) {
                history(dao, ticketId, "priority_changed", null, null, "staff", staffId,
                        t.priority() + " -> " + newPriority, now);
            }
            if (!Objects.equals(newAssignee, t.assigneeId())) {
                history(dao, ticketId, "assigned", null, null, "staff", staffId,
                        newAssignee == null ? "unassigned" : "assigned to " + newAssignee, now);
            }
            return staffView(dao, dao.findById(ticketId).orElseThrow());
        });
    }

    /** Records a goodwill gesture on a resolved ticket, then asks the store (port) to carry it out. */
    public StaffTicket grantGoodwill(UUID staffId, UUID ticketId, Goodwill g) {
        return jdbi.inTransaction(h -> {
            TicketDao dao = h.attach(TicketDao.class);
            TicketRow t = dao.findByIdForUpdate(ticketId).orElseThrow(() -> ApiException.notFound("Ticket"));
            if (t.resolvedAt() == null) {
                throw new ApiException(ErrorCode.ILLEGAL_TICKET_TRANSITION,
                        "Goodwill is granted on resolution: resolve the ticket first");
            }
            Instant now = now();
            UUID id = Ids.newId();
            GoodwillPort.Outcome outcome = goodwill.grant(h, new GoodwillPort.Intent(id, ticketId, t.customerId(),
                    t.orderId(), staffId, g.kind(), g.amount(), g.currency(), g.reason()));
            dao.insertGoodwill(new GoodwillRow(id, ticketId, staffId, g.kind(), g.amount(), g.currency(), g.reason(),
                    outcome.name().toLowerCase(java.util.Locale.ROOT), now));
            history(dao, ticketId, "goodwill", null, null, "staff", staffId, g.kind() + " " + g.amount()
                    + (g.currency() == null ? "" : " " + g.currency()) + ": " + g.reason(), now);
            Map<String, String> refs = refs(ticketId, t.orderId(), t.orderNumber(), t.productRef());
            refs.put("goodwill_kind", g.kind());
            refs.put("amount", Long.toString(g.amount()));
            if (g.currency() != null) {
                refs.put("currency", g.currency());
            }
            timeline.record(h, id, t.customerId(), "ticket.goodwill", InteractionKind.INTERACTIVE, Channel.SYSTEM,
                    "Goodwill " + g.kind() + " for ticket: " + t.subject(), refs, now);
            return staffView(dao, dao.findById(ticketId).orElseThrow());
        });
    }

    // ---- SLA ----------------------------------------------------------------------------------

    /**
     * Marks every ticket past a target as breached and escalates it: one manager task per breached
     * target, a history entry and a timeline entry. Safe on any number of threads and instances.
     *
     * @return how many tickets were handled
     */
    public int detectBreaches() {
        int total = 0;
        int n;
        do {
            n = jdbi.inTransaction(h -> {
                TicketDao dao = h.attach(TicketDao.class);
                Instant now = now();
                List<TicketRow> due = dao.claimBreached(now, BREACH_BATCH);
                for (TicketRow t : due) {
                    escalate(h, dao, t, now);
                }
                return due.size();
            });
            total += n;
        } while (n == BREACH_BATCH);
        return total;
    }

    private void escalate(Handle h, TicketDao dao, TicketRow t, Instant now) {
        boolean firstBreach = t.firstRespondedAt() == null && t.firstResponseBreachedAt() == null
                && !t.firstResponseDueAt().isAfter(now);
        boolean resolutionBreach = t.resolutionBreachedAt() == null && !t.resolutionDueAt().isAfter(now);
        dao.update(t.withBreaches(firstBreach ? now : t.firstResponseBreachedAt(),
                resolutionBreach ? now : t.resolutionBreachedAt(), t.escalatedAt() == null ? now : t.escalatedAt(), now));
        for (String target : firstBreach && resolutionBreach ? List.of("first_response", "resolution")
                : List.of(firstBreach ? "first_response" : "resolution")) {
            String what = "first_response".equals(target) ? "first response" : "resolution";
            history(dao, t.id(), "sla_breached", null, null, "system", null, what + " target missed; escalated to managers",
                    now);
            dao.insertTask(Ids.newId(), t.customerId(), t.id(), "SLA breached (" + what + ", " + t.priority()
                    + "): " + t.subject(), null, "manager", now.plus(settings.escalationTaskDue()),
                    "ticket-sla:" + t.id() + ":" + target, now);
            Map<String, String> refs = refs(t.id(), t.orderId(), t.orderNumber(), t.productRef());
            refs.put("target", target);
            timeline.record(h, uuid("ticket.escalated:" + t.id() + ":" + target), t.customerId(), "ticket.escalated",
                    InteractionKind.INTERACTIVE, Channel.SYSTEM, "Ticket escalated: " + what + " target missed", refs,
                    now);
        }
    }

    public SlaReport slaReport(Instant from, Instant to, TicketPriority priority) {
        if (!from.isBefore(to)) {
            throw ApiException.validation("to", "must be after from");
        }
        SlaReportRow r = jdbi.withExtension(TicketDao.class, dao -> dao.slaReport(from, to,
                priority == null ? null : priority.wire(), now()));
        return new SlaReport(from, to, priority == null ? null : priority.wire(), r.tickets(),
                target(r.firstResponseMet(), r.firstResponseMissed()), target(r.resolutionMet(), r.resolutionMissed()));
    }

    static TicketViews.Target target(long met, long missed) {
        Double pct = met + missed == 0 ? null : BigDecimal.valueOf(met * 100L)
                .divide(BigDecimal.valueOf(met + missed), 1, RoundingMode.HALF_UP).doubleValue();
        return new TicketViews.Target(met, missed, pct);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * PostgreSQL keeps microseconds and rounds the rest, while the clock may carry nanoseconds: a due
     * time rounded up would then look "not yet due" at the very instant it falls due.
     */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Another customer's ticket is indistinguishable from one that does not exist. */
    private static TicketRow ownTicket(Optional<TicketRow> row, UUID customerId) {
        return row.filter(t -> t.customerId().equals(customerId)).orElseThrow(() -> ApiException.notFound("Ticket"));
    }

    private static Page<TicketSummary> page(List<TicketRow> rows, int limit) {
        List<TicketSummary> out = rows.stream().limit(limit).map(t -> new TicketSummary(t.id(), t.customerId(),
                t.type(), t.subject(), t.priority(), t.status(), t.orderId(), t.orderNumber(), t.productRef(),
                t.assigneeId(), t.createdAt(), t.updatedAt())).toList();
        String next = rows.size() > limit
                ? new Cursor(out.get(limit - 1).createdAt(), out.get(limit - 1).id()).encode() : null;
        return new Page<>(out, next);
    }

    private CustomerTicket customerView(TicketDao dao, TicketRow t) {
        List<MessageView> messages = dao.listMessages(t.id(), false).stream().map(TicketService::message).toList();
        List<HistoryView> history = dao.listHistory(t.id()).stream()
                .filter(e -> e.toStatus() != null)
                .map(e -> new HistoryView(e.event(), e.fromStatus(), e.toStatus(), e.actorType(), null, null,
                        e.createdAt())).toList();
        return new CustomerTicket(t.id(), t.type(), t.subject(), t.status(), t.orderId(), t.orderNumber(),
                t.productRef(), t.resolvedAt() != null && t.csatScore() == null, csat(t), t.createdAt(),
                t.resolvedAt(), messages, history);
    }

    private StaffTicket staffView(TicketDao dao, TicketRow t) {
        return new StaffTicket(t.id(), t.customerId(), t.type(), t.subject(), t.priority(), t.status(), t.channel(),
                t.orderId(), t.orderNumber(), t.productRef(), t.assigneeId(), t.openedByStaffId(), t.source(),
                new Sla(t.firstResponseDueAt(), t.resolutionDueAt(), t.firstRespondedAt(), t.resolvedAt(),
                        t.firstResponseBreachedAt(), t.resolutionBreachedAt(), t.escalatedAt()),
                csat(t), t.createdAt(), t.updatedAt(),
                dao.listMessages(t.id(), true).stream().map(TicketService::message).toList(),
                dao.listHistory(t.id()).stream().map(e -> new HistoryView(e.event(), e.fromStatus(), e.toStatus(),
                        e.actorType(), e.actorId(), e.note(), e.createdAt())).toList(),
                dao.listGoodwill(t.id()).stream().map(g -> new GoodwillView(g.id(), g.staffId(), g.kind(), g.amount(),
                        g.currency(), g.reason(), g.status(), g.createdAt())).toList());
    }

    private static Csat csat(TicketRow t) {
        return t.csatScore() == null ? null : new Csat(t.csatScore(), t.csatComment(), t.csatAnsweredAt());
    }

    private static MessageView message(TicketMessageRow m) {
        return new MessageView(m.id(), m.authorType(), m.authorId(), m.body(), m.visibility(), m.createdAt());
    }

    private static void history(TicketDao dao, UUID ticketId, String event, String from, String to, String actorType,
                                UUID actorId, String note, Instant at) {
        dao.insertHistory(new TicketHistoryRow(Ids.newId(), ticketId, event, from, to, actorType, actorId, note, at));
    }

    private static Map<String, String> refs(UUID ticketId, UUID orderId, String orderNumber, String productRef) {
        Map<String, String> refs = new HashMap<>();
        refs.put("ticket_id", ticketId.toString());
        if (orderId != null) {
            refs.put("order_id", orderId.toString());
        }
        if (orderNumber != null) {
            refs.put("order_number", orderNumber);
        }
        if (productRef != null) {
            refs.put("product_ref", productRef);
        }
        return refs;
    }

    /** Deterministic event ids make derived timeline entries exactly-once. */
    static UUID uuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
