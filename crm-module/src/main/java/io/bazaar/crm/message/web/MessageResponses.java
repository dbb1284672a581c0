package io.bazaar.crm.message.web;

import io.bazaar.crm.message.persistence.DevMailboxRow;
import io.bazaar.crm.message.persistence.MessageRow;
import java.time.Instant;
import java.util.UUID;

/** Response bodies of the message endpoints. */
public final class MessageResponses {
    private MessageResponses() {
    }

    public record MessageResponse(UUID id, String channel, String category, String purpose, String template,
                                  String locale, String status, int attempts, Instant nextAttemptAt,
                                  String lastError, Instant sentAt, Instant createdAt) {
        public static MessageResponse of(MessageRow r) {
            return new MessageResponse(r.id(), r.channel(), r.category(), r.purpose(), r.template(), r.locale(),
                    r.status(), r.attempts(), "queued".equals(r.status()) ? r.nextAttemptAt() : null, r.lastError(),
                    r.sentAt(), r.createdAt());
        }
    }

    public record DevMailboxMessage(UUID id, UUID messageId, String to, String subject, String text, String html,
                                    Instant deliveredAt) {
        public static DevMailboxMessage of(DevMailboxRow r) {
            return new DevMailboxMessage(r.id(), r.messageId(), r.recipient(), r.subject(), r.bodyText(), r.bodyHtml(),
                    r.deliveredAt());
        }
    }
}
