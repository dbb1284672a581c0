package io.bazaar.crm.consent.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record ConsentEventRow(UUID id, String channel, String purpose, boolean granted, String source,
                              @ColumnName("policy_version") String policyVersion,
                              @ColumnName("occurred_at") Instant occurredAt) {
}
