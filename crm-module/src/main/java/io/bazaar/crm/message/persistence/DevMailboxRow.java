package io.bazaar.crm.message.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record DevMailboxRow(UUID id, @ColumnName("message_id") UUID messageId, String recipient, String subject,
                            @ColumnName("body_text") String bodyText, @ColumnName("body_html") String bodyHtml,
                            String headers, @ColumnName("delivered_at") Instant deliveredAt) {
}
