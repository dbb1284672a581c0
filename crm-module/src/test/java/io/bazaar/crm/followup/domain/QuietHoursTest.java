package io.bazaar.crm.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    static final QuietHours NIGHT_TEHRAN = new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), ZoneId.of("Asia/Tehran"));
    static final QuietHours LUNCH_UTC = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));

    @Test
    void aWindowAcrossMidnight_containsLateEveningAndEarlyMorning_inTheShopsZone() {
        // Tehran is UTC+03:30: 18:00Z = 21:30 local (quiet), 05:29Z = 08:59 local (quiet), 05:30Z = 09:00 (not).
        assertThat(NIGHT_TEHRAN.contains(Instant.parse("2026-03-01T18:00:00Z"))).isTrue();
        assertThat(NIGHT_TEHRAN.contains(Instant.parse("2026-03-02T05:29:00Z"))).isTrue();
        assertThat(NIGHT_TEHRAN.contains(Instant.parse("2026-03-02T05:30:00Z"))).isFalse();
        assertThat(NIGHT_TEHRAN.contains(Instant.parse("2026-03-02T17:29:59Z"))).isFalse();
        assertThat(NIGHT_TEHRAN.contains(Instant.parse("2026-03-02T17:30:00Z"))).as("21:00 local starts it").isTrue();
    }

    @Test
    void endOfWindow_isTheNextLocalEnd_beforeOrAfterMidnight() {
        assertThat(NIGHT_TEHRAN.endOfWindow(Instant.parse("2026-03-01T18:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T05:30:00Z"));
        assertThat(NIGHT_TEHRAN.endOfWindow(Instant.parse("2026-03-02T02:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T05:30:00Z"));
        assertThat(NIGHT_TEHRAN.nextAllowed(Instant.parse("2026-03-02T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void aSameDayWindow_andNoWindow() {
        assertThat(LUNCH_UTC.contains(Instant.parse("2026-03-01T12:30:00Z"))).isTrue();
        assertThat(LUNCH_UTC.contains(Instant.parse("2026-03-01T13:00:00Z"))).isFalse();
        assertThat(LUNCH_UTC.endOfWindow(Instant.parse("2026-03-01T12:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        assertThat(QuietHours.NONE.enabled()).isFalse();
        assertThat(QuietHours.NONE.contains(Instant.parse("2026-03-01T00:00:00Z"))).isFalse();
    }
}
