package io.bazaar.shared.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Opaque, time-ordered identifiers (UUIDv7, RFC 9562): sortable by creation, not guessable from a
 * neighbour, and index-friendly in PostgreSQL because new ids land at the right edge of the b-tree.
 */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** Parses a client-supplied id; a malformed one is treated as "no such resource", not a 500. */
    public static java.util.Optional<UUID> parse(String raw) {
        if (raw == null || raw.length() != 36) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
