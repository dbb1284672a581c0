package io.bazaar.crm.privacy.app;

import java.util.Map;
import java.util.UUID;

/** Port: everything the store holds about a customer (account, addresses, ...), as JSON-ready maps. */
public interface PersonalDataExporter {
    /** Empty map if the store has no such customer. */
    Map<String, Object> export(UUID customerId);
}
