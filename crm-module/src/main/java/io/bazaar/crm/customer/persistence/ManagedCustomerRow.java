package io.bazaar.crm.customer.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record ManagedCustomerRow(
        @ColumnName("customer_id") UUID customerId,
        String email,
        String name,
        @ColumnName("customer_type") String customerType,
        @ColumnName("company_name") String companyName,
        List<String> tags,
        @ColumnName("account_manager_assigned_at") Instant assignedAt,
        @ColumnName("last_activity_type") String lastActivityType,
        @ColumnName("last_activity_summary") String lastActivitySummary,
        @ColumnName("last_activity_at") Instant lastActivityAt,
        @ColumnName("activity_last_30_days") long activityLast30Days) {
}
