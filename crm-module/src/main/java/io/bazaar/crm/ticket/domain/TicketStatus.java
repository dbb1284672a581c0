package io.bazaar.crm.ticket.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A ticket's life. {@code closed} is final; {@code resolved} may be reopened (the customer writes
 * again, or staff reopen it). Anything not listed in {@link #canMoveTo} is an illegal transition.
 */
public enum TicketStatus {
    NEW, OPEN, WAITING_ON_CUSTOMER, RESOLVED, CLOSED;

    public boolean canMoveTo(TicketStatus next) {
        return allowedNext().contains(next);
    }

    public Set<TicketStatus> allowedNext() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, WAITING_ON_CUSTOMER, RESOLVED, CLOSED);
            case OPEN -> EnumSet.of(WAITING_ON_CUSTOMER, RESOLVED, CLOSED);
            case WAITING_ON_CUSTOMER -> EnumSet.of(OPEN, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    /** Still owes the customer a response or a resolution: counted as open and watched by the SLA job. */
    public boolean isActive() {
        return this == NEW || this == OPEN || this == WAITING_ON_CUSTOMER;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for anything that is not a status name. */
    public static TicketStatus fromWire(String s) {
        for (TicketStatus t : values()) {
            if (t.wire().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
