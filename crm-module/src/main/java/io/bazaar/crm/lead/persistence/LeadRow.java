package io.bazaar.crm.lead.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record LeadRow(UUID id, String email, String name, String locale, String source,
                      @ColumnName("converted_customer_id") UUID convertedCustomerId,
                      @ColumnName("converted_at") Instant convertedAt,
                      @ColumnName("question_count") long questionCount,
                      @ColumnName("created_at") Instant createdAt) {
}
