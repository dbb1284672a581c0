package io.bazaar.crm.consent.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The current consent for one channel and purpose. {@code updatedAt}, {@code source} and
 * {@code policyVersion} are null when nothing was ever recorded and the purpose's default applies.
 */
public record Consent(ConsentChannel channel, ConsentPurpose purpose, boolean granted, String source,
                      String policyVersion, Instant updatedAt) {
    public Consent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
    }
}
