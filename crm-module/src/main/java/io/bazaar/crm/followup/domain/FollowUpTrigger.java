package io.bazaar.crm.followup.domain;

import java.util.Locale;

/** What starts a follow-up. */
public enum FollowUpTrigger {
    ORDER_DELIVERED, RETURN_RECEIVED, TICKET_RESOLVED, FIRST_ORDER, NO_ORDER_FOR_DAYS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FollowUpTrigger fromWire(String s) {
        for (FollowUpTrigger t : values()) {
            if (t.wire().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
