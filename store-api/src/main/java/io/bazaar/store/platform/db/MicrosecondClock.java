package io.bazaar.store.platform.db;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A clock whose instants have whole microseconds, as PostgreSQL stores them: an instant the code holds equals
 * the one it wrote and reads back (checkout answers from what it wrote), and two events of one microsecond
 * stay a tie instead of being reversed by the database's rounding.
 *
 * <p>Not {@code Clock.tick(clock, 1 µs)}: JDK 17's tick clock divides by zero in {@code millis()} for ticks
 * under a millisecond (stripe-java's webhook check calls it).
 */
public final class MicrosecondClock extends Clock {
    private final Clock base;

    public MicrosecondClock(Clock base) {
        this.base = Objects.requireNonNull(base);
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(getZone()) ? this : new MicrosecondClock(base.withZone(zone));
    }
}
