package io.bazaar.crm.privacy.app;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Port: the store's part of an erasure (the customer account, addresses, sessions). Called inside
 * the CRM's erasure transaction, so account and CRM data are pseudonymised together or not at all.
 * Must be idempotent: erasing an erased account changes nothing.
 */
public interface PersonalDataEraser {
    /**
     * @param pseudonymEmail the placeholder address to store instead of the real one (unique per customer)
     * @return false if the store has no such customer
     */
    boolean erase(Handle handle, UUID customerId, String pseudonymEmail);
}
