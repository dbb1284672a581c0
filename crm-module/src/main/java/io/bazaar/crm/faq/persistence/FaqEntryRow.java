package io.bazaar.crm.faq.persistence;

import java.time.Instant;
import java.util.UUID;

public record FaqEntryRow(UUID id, UUID categoryId, String locale, String question, String answer, boolean published,
                          int position, long helpfulYes, long helpfulNo, Instant createdAt, Instant updatedAt) {
}
