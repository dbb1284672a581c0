package io.bazaar.crm.faq.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record SuggestionViewRow(UUID id, UUID customerId, String query, List<UUID> entryIds, UUID solvedEntryId,
                                Instant solvedAt, Instant createdAt) {
}
