package io.bazaar.crm.message.app;

import io.bazaar.crm.message.persistence.DevMailboxRow;
import io.bazaar.crm.message.persistence.MessageRow;
import java.time.Instant;
import java.util.UUID;

/** Read models of messages for staff: status and metadata, never internal rows. */
public final class MessageViews {
    private MessageViews() {
    }

    public record MessageResponse(UUID id, String channel, String category, String purpose, String template,
                                  String locale, String status, int attempts, Instant nextAttemptAt,
                                  String lastError, Instant sentAt, Instant createdAt, String subject) {
        static MessageResponse of(MessageRow r) {
            return new MessageResponse(r.id(), r.channel(), r.category(), r.purpose(), r.template(), r.locale(),
                    r.status(), r.attempts(), "queued".equals(r.status()) ? r.nextAttemptAt() : null, r.lastError(),
                    r.sentAt(), r.createdAt(), r.subject());
        }
    }

    public record DevMailboxMessage(UUID id, UUID messageId, String to, String subject, String text, String html,
                                    Instant deliveredAt) {
        static DevMailboxMessage of(DevMailboxRow r) {
            return new DevMailboxMessage(r.id(), r.messageId(), r.recipient(), r.subject(), r.bodyText(), r.bodyHtml(),
                    r.deliveredAt());
        }
    }
}
