package io.bazaar.store.review.domain;

import java.util.Locale;

/** Where a review, question or answer stands: only approved content is public. */
public enum ModerationStatus {
    PENDING, APPROVED, REJECTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModerationStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Parses a ?status= filter; unknown values are an IllegalArgumentException. */
    public static ModerationStatus parse(String value) {
        for (ModerationStatus s : values()) {
            if (s.dbValue().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be pending, approved or rejected");
    }
}
