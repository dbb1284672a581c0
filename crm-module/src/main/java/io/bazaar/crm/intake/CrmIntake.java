package io.bazaar.crm.intake;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The CRM's intake contract: the facts it wants to hear from the store. The store adapts its own
 * domain events to these facts in one integration package; the CRM never sees store types.
 *
 * <p>Every method takes the id of the event that carried the fact and the handle of the
 * transaction delivering it. Recording is idempotent by event id, so a fact delivered twice
 * leaves one trace.
 */
public interface CrmIntake {

    void customerRegistered(Handle handle, UUID eventId, CustomerRegisteredFact fact);
}
