package io.bazaar.crm.followup.domain;

import java.util.Locale;

/** What a follow-up does when it falls due. */
public enum FollowUpAction {
    SEND_SURVEY, SEND_MESSAGE, CREATE_STAFF_TASK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FollowUpAction fromWire(String s) {
        for (FollowUpAction a : values()) {
            if (a.wire().equals(s)) {
                return a;
            }
        }
        return null;
    }
}
