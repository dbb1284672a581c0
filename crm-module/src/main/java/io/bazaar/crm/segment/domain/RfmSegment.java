package io.bazaar.crm.segment.domain;

import java.util.Locale;

/**
 * Named RFM segments. The scores-to-name mapping lives in one SQL function, {@code crm_rfm_segment(r, f, m)}
 * (migration V75), mirrored by {@link #of(int, int, int)} for documentation and unit tests; {@link #LEAD} is a
 * contact who never bought.
 */
public enum RfmSegment {
    CHAMPIONS, LOYAL, POTENTIAL, NEW, AT_RISK, HIBERNATING, LOST, LEAD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the name is not a segment. */
    public static RfmSegment fromWire(String name) {
        for (RfmSegment s : values()) {
            if (s.wire().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** First matching rule wins; the same table as {@code crm_rfm_segment} and docs/SEGMENTS.md. */
    public static RfmSegment of(int r, int f, int m) {
        if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5) {
            throw new IllegalArgumentException("RFM scores are 1..5");
        }
        if (r >= 4 && f >= 4 && m >= 4) {
            return CHAMPIONS;
        }
        if (r >= 3 && f >= 4) {
            return LOYAL;
        }
        if (r >= 4 && f == 1) {
            return NEW;
        }
        if (r >= 3) {
            return POTENTIAL;
        }
        if (f >= 3) {
            return AT_RISK;
        }
        return r == 2 ? HIBERNATING : LOST;
    }
}
