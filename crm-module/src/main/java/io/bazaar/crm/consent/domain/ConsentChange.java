package io.bazaar.crm.consent.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One row of the consent ledger: a grant or a withdrawal, when, from where, under which policy. */
public record ConsentChange(UUID id, ConsentChannel channel, ConsentPurpose purpose, boolean granted, String source,
                            String policyVersion, Instant occurredAt) {
    public ConsentChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
