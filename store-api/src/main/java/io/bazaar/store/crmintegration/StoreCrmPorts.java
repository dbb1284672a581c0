package io.bazaar.store.crmintegration;

import io.bazaar.crm.customer.app.StaffDirectory;
import io.bazaar.crm.privacy.app.PersonalDataEraser;
import io.bazaar.crm.privacy.app.PersonalDataExporter;
import io.bazaar.shared.error.ApiException;
import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.customer.domain.Customer;
import io.bazaar.store.staff.app.StaffService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The store's side of the CRM's ports: staff lookup for account managers, and the account part of
 * a privacy export and erasure. Calls the store features only through their app services.
 */
public final class StoreCrmPorts implements StaffDirectory, PersonalDataExporter, PersonalDataEraser {
    private final CustomerService customers;
    private final StaffService staff;

    public StoreCrmPorts(CustomerService customers, StaffService staff) {
        this.customers = customers;
        this.staff = staff;
    }

    @Override
    public boolean isActiveStaff(UUID staffId) {
        try {
            return staff.get(staffId).active();
        } catch (ApiException e) {
            return false;
        }
    }

    @Override
    public Map<String, Object> export(UUID customerId) {
        Customer c;
        try {
            c = customers.get(customerId);
        } catch (ApiException e) {
            return Map.of();
        }
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", c.id());
        account.put("email", c.email());
        account.put("name", c.name());
        account.put("phone", c.phone());
        account.put("locale", c.locale());
        account.put("created_at", c.createdAt());
        account.put("updated_at", c.updatedAt());
        // Addresses, orders, returns, tickets, surveys and points join here as those features land.
        return account;
    }

    @Override
    public boolean erase(Handle handle, UUID customerId, String pseudonymEmail) {
        return customers.erasePersonalData(handle, customerId, pseudonymEmail);
    }
}
