package io.bazaar.crm.ticket.persistence;

import java.time.Instant;
import java.util.UUID;

/** One crm_ticket row; also bound by name ({@code @BindMethods}) when a locked ticket is written back. */
public record TicketRow(UUID id, UUID customerId, String type, String subject, String priority, String status,
                        String channel, UUID orderId, String orderNumber, String productRef, UUID assigneeId,
                        UUID openedByStaffId, String source, Instant firstResponseDueAt, Instant resolutionDueAt,
                        Instant firstRespondedAt, Instant resolvedAt, Instant closedAt,
                        Instant firstResponseBreachedAt, Instant resolutionBreachedAt, Instant escalatedAt,
                        Integer csatScore, String csatComment, Instant csatAnsweredAt, Instant createdAt,
                        Instant updatedAt) {

    public TicketRow withStatus(String newStatus, Instant now) {
        return new TicketRow(id, customerId, type, subject, priority, newStatus, channel, orderId, orderNumber,
                productRef, assigneeId, openedByStaffId, source, firstResponseDueAt, resolutionDueAt, firstRespondedAt,
                resolvedAtAfter(newStatus, now),
                "closed".equals(newStatus) ? now : closedAt, firstResponseBreachedAt, resolutionBreachedAt,
                escalatedAt, csatScore, csatComment, csatAnsweredAt, createdAt, now);
    }

    /** Resolving stamps the time; reopening clears it; closing an unresolved ticket resolves it too. */
    private Instant resolvedAtAfter(String newStatus, Instant now) {
        return switch (newStatus) {
            case "resolved" -> now;
            case "closed" -> resolvedAt == null ? now : resolvedAt;
            default -> null;
        };
    }

    public TicketRow withFirstResponse(Instant at) {
        return new TicketRow(id, customerId, type, subject, priority, status, channel, orderId, orderNumber,
                productRef, assigneeId, openedByStaffId, source, firstResponseDueAt, resolutionDueAt,
                firstRespondedAt == null ? at : firstRespondedAt, resolvedAt, closedAt, firstResponseBreachedAt,
                resolutionBreachedAt, escalatedAt, csatScore, csatComment, csatAnsweredAt, createdAt, at);
    }

    public TicketRow withAssignment(String newPriority, UUID newAssignee, Instant firstDue, Instant resolutionDue,
                                    Instant now) {
        return new TicketRow(id, customerId, type, subject, newPriority, status, channel, orderId, orderNumber,
                productRef, newAssignee, openedByStaffId, source, firstDue, resolutionDue, firstRespondedAt,
                resolvedAt, closedAt, firstResponseBreachedAt, resolutionBreachedAt, escalatedAt, csatScore,
                csatComment, csatAnsweredAt, createdAt, now);
    }

    public TicketRow withBreaches(Instant firstBreach, Instant resolutionBreach, Instant escalated, Instant now) {
        return new TicketRow(id, customerId, type, subject, priority, status, channel, orderId, orderNumber,
                productRef, assigneeId, openedByStaffId, source, firstResponseDueAt, resolutionDueAt, firstRespondedAt,
                resolvedAt, closedAt, firstBreach, resolutionBreach, escalated, csatScore, csatComment,
                csatAnsweredAt, createdAt, now);
    }
}
