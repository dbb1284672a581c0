package io.bazaar.store.crmintegration;

import io.bazaar.crm.customer.app.StaffDirectory;
import io.bazaar.crm.privacy.app.PersonalDataEraser;
import io.bazaar.crm.privacy.app.PersonalDataExporter;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.customer.domain.Customer;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.returns.app.ReturnService;
import io.bazaar.store.staff.app.StaffService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The store's side of the CRM's ports: staff lookup for account managers, and the account part of
 * a privacy export and erasure. Calls the store features only through their app services.
 */
public final class StoreCrmPorts implements StaffDirectory, PersonalDataExporter, PersonalDataEraser {
    /** Payload fields of store events that identify a person; removed from the outbox on erasure. */
    static final List<String> PERSONAL_EVENT_FIELDS = List.of("email", "name", "phone", "shipping_address",
            "billing_address", "reason", "message", "comment");

    private final CustomerService customers;
    private final StaffService staff;
    private final OrderService orders;
    private final ReturnService returns;
    private final Outbox outbox;
    private volatile io.bazaar.store.review.app.ReviewService reviews;

    public StoreCrmPorts(CustomerService customers, StaffService staff, OrderService orders, ReturnService returns,
                         Outbox outbox) {
        this.returns = returns;
        this.customers = customers;
        this.staff = staff;
        this.orders = orders;
        this.outbox = outbox;
    }

    /** Reviews (issue #7): export and erase what the customer wrote on product pages. */
    public void useReviews(io.bazaar.store.review.app.ReviewService reviews) {
        this.reviews = reviews;
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
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("account", account);
        // Orders carry the addresses given at checkout; returns, tickets and points join as they land.
        store.put("orders", orders.exportForCustomer(customerId));
        store.put("returns", returns.listForCustomer(customerId, Integer.MAX_VALUE));
        if (reviews != null) {
            store.putAll(reviews.exportForCustomer(customerId));
        }
        return store;
    }

    @Override
    public boolean erase(Handle handle, UUID customerId, String pseudonymEmail) {
        boolean erased = customers.erasePersonalData(handle, customerId, pseudonymEmail);
        if (erased) {
            orders.erasePersonalData(handle, customerId, pseudonymEmail);
            returns.erasePersonalData(handle, customerId);
            outbox.erasePersonalFields(handle, customerId, PERSONAL_EVENT_FIELDS);
            if (reviews != null) {
                reviews.eraseForCustomer(handle, customerId);
            }
        }
        return erased;
    }
}
