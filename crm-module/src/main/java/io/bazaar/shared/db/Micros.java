package io.bazaar.shared.db;

import java.time.Instant;

/**
 * PostgreSQL timestamps as epoch microseconds ({@code (extract(epoch FROM t) * 1000000)::bigint}), its own
 * precision: how JSON built in SQL carries instants that Java reads without parsing a date string.
 */
public final class Micros {
    private Micros() {
    }

    public static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }
}
