package io.bazaar.crm.customer.app;

import java.util.UUID;

/**
 * Port: who is on the shop's staff. Implemented by the store (it owns staff accounts), so the CRM
 * can check an account manager id without reading store tables.
 */
public interface StaffDirectory {
    boolean isActiveStaff(UUID staffId);
}
