package io.bazaar.crm.ticket.domain;

import java.util.Locale;

public enum TicketType {
    COMPLAINT, SUGGESTION, CRITICISM, QUESTION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketType fromWire(String s) {
        for (TicketType t : values()) {
            if (t.wire().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
