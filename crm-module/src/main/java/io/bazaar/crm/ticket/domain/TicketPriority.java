package io.bazaar.crm.ticket.domain;

import java.util.Locale;

public enum TicketPriority {
    URGENT, HIGH, NORMAL, LOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketPriority fromWire(String s) {
        for (TicketPriority p : values()) {
            if (p.wire().equals(s)) {
                return p;
            }
        }
        return null;
    }
}
