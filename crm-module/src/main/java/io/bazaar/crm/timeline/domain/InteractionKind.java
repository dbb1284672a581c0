package io.bazaar.crm.timeline.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The three kinds of communication with a customer. Tracking them over time shows whether fast
 * self-service answers are shrinking interactive and physical contact.
 */
public enum InteractionKind {
    /** Browsing, buying, paying, delivery: the purchase path itself. */
    TRANSACTIONAL,
    /** Questions, complaints, follow-ups, surveys: conversation about the purchase. */
    INTERACTIVE,
    /** In person or by phone, logged by staff. */
    PHYSICAL;

    /** Lower-case on the wire, as the filters accept it. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
