package io.bazaar.crm.followup.app;

import io.bazaar.crm.followup.domain.QuietHours;
import java.util.Objects;

/** Follow-up settings from the application's configuration. */
public record FollowUpSettings(QuietHours quietHours) {
    public FollowUpSettings {
        Objects.requireNonNull(quietHours, "quietHours");
    }

    public static FollowUpSettings defaults() {
        return new FollowUpSettings(QuietHours.NONE);
    }
}
