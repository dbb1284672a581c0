package io.bazaar.crm.customer.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

public record ContactRow(
        @ColumnName("customer_id") UUID customerId,
        String email,
        String name,
        String phone,
        String locale,
        @ColumnName("became_customer_at") Instant becameCustomerAt,
        @ColumnName("customer_type") String customerType,
        @ColumnName("company_name") String companyName,
        @ColumnName("tax_id") String taxId,
        @ColumnName("account_manager_id") UUID accountManagerId,
        @ColumnName("account_manager_assigned_at") Instant accountManagerAssignedAt,
        List<String> tags,
        @ColumnName("erased_at") Instant erasedAt,
        @ColumnName("created_at") Instant createdAt) {
}
