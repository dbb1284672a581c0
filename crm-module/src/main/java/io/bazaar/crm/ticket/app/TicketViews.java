package io.bazaar.crm.ticket.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the ticket endpoints answer. Customers see published messages only; staff see everything. */
public final class TicketViews {
    private TicketViews() {
    }

    public record MessageView(UUID id, String authorType, UUID authorId, String body, String visibility,
                              Instant createdAt) {
    }

    public record HistoryView(String event, String fromStatus, String toStatus, String actorType, UUID actorId,
                              String note, Instant at) {
    }

    public record GoodwillView(UUID id, UUID staffId, String kind, long amount, String currency, String reason,
                               String status, Instant createdAt) {
    }

    public record Sla(Instant firstResponseDueAt, Instant resolutionDueAt, Instant firstRespondedAt,
                      Instant resolvedAt, Instant firstResponseBreachedAt, Instant resolutionBreachedAt,
                      Instant escalatedAt) {
    }

    public record Csat(Integer score, String comment, Instant answeredAt) {
    }

    public record TicketSummary(UUID id, UUID customerId, String type, String subject, String priority, String status,
                                UUID orderId, String orderNumber, String productRef, UUID assigneeId,
                                Instant createdAt, Instant updatedAt) {
    }

    /** The customer's view of their own ticket. */
    public record CustomerTicket(UUID id, String type, String subject, String status, UUID orderId,
                                 String orderNumber, String productRef, boolean csatAvailable, Csat csat,
                                 Instant createdAt, Instant resolvedAt, List<MessageView> messages,
                                 List<HistoryView> history) {
    }

    public record StaffTicket(UUID id, UUID customerId, String type, String subject, String priority, String status,
                              String channel, UUID orderId, String orderNumber, String productRef, UUID assigneeId,
                              UUID openedByStaffId, String source, Sla sla, Csat csat, Instant createdAt,
                              Instant updatedAt, List<MessageView> messages, List<HistoryView> history,
                              List<GoodwillView> goodwill) {
    }

    /** A customer's message as stored: {@code flagged} means held for staff review, not shown in the thread. */
    public record PostedMessage(UUID id, UUID ticketId, String visibility, String ticketStatus, Instant createdAt) {
    }

    /**
     * SLA compliance over tickets opened in [from, to). Each percentage is met / (met + missed) * 100,
     * rounded half-up to one decimal; null when no ticket has reached that target yet.
     */
    public record SlaReport(Instant from, Instant to, String priority, long tickets, Target firstResponse,
                            Target resolution) {
    }

    public record Target(long met, long missed, Double compliancePercent) {
    }
}
