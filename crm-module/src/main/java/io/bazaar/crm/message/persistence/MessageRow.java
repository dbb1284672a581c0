package io.bazaar.crm.message.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record MessageRow(
        UUID id,
        @ColumnName("subject_id") UUID subjectId,
        String channel,
        String category,
        String purpose,
        String template,
        String locale,
        String recipient,
        String subject,
        @ColumnName("body_text") String bodyText,
        @ColumnName("body_html") String bodyHtml,
        String status,
        int attempts,
        @ColumnName("next_attempt_at") Instant nextAttemptAt,
        @ColumnName("last_error") String lastError,
        @ColumnName("sent_at") Instant sentAt,
        @ColumnName("created_at") Instant createdAt) {
}
