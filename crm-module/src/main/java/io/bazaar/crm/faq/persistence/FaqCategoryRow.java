package io.bazaar.crm.faq.persistence;

import java.time.Instant;
import java.util.UUID;

public record FaqCategoryRow(UUID id, String locale, String name, int position, Instant createdAt, Instant updatedAt) {
}
