package io.bazaar.store.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MicrosecondClockTest {
    private final Instant at = Instant.parse("2026-11-23T09:01:29.577123456Z");
    private final Clock clock = new MicrosecondClock(Clock.fixed(at, ZoneOffset.UTC));

    @Test
    void instants_haveWholeMicroseconds_likePostgres() {
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T09:01:29.577123Z"));
    }

    @Test
    void millis_work_unlikeJdk17sSubMillisecondTickClock() {
        assertThat(clock.millis()).isEqualTo(at.toEpochMilli());
    }

    @Test
    void anotherZone_keepsTheTruncation() {
        Clock tehran = clock.withZone(ZoneId.of("Asia/Tehran"));
        assertThat(tehran.getZone()).isEqualTo(ZoneId.of("Asia/Tehran"));
        assertThat(tehran.instant()).isEqualTo(Instant.parse("2026-11-23T09:01:29.577123Z"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }
}
