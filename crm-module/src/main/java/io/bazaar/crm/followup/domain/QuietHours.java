package io.bazaar.crm.followup.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily window in the shop's time zone in which no follow-up goes out, e.g. 21:00-09:00. The
 * window may wrap midnight; start == end means no quiet hours. Start is inside the window, end is not.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("UTC"));

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    public boolean enabled() {
        return !start.equals(end);
    }

    public boolean contains(Instant at) {
        if (!enabled()) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /**
     * When the window containing {@code at} ends: the next local {@code end} time after it. On a
     * daylight-saving gap the zone rules move it forward, never back into the window.
     */
    public Instant endOfWindow(Instant at) {
        if (!contains(at)) {
            return at;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        Instant candidate = ZonedDateTime.of(day, end, zone).toInstant();
        return candidate.isAfter(at) ? candidate : ZonedDateTime.of(day.plusDays(1), end, zone).toInstant();
    }

    /** {@code at}, or the end of the quiet window it falls in. */
    public Instant nextAllowed(Instant at) {
        return contains(at) ? endOfWindow(at) : at;
    }
}
