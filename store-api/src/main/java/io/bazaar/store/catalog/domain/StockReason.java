package io.bazaar.store.catalog.domain;

import java.util.Locale;

/**
 * Why stock changed. Each reason fixes the direction of the change, so a "received" that removes
 * stock is rejected instead of silently corrupting the ledger's meaning; only a correction may go
 * either way.
 */
public enum StockReason {
    RECEIVED(1), DAMAGED(-1), CORRECTION(0), SALE(-1), RETURN(1);

    private final int sign;

    StockReason(int sign) {
        this.sign = sign;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the delta fits this reason, else why not. */
    public String problemWith(int delta) {
        if (delta == 0) {
            return "must not be zero";
        }
        if (sign > 0 && delta < 0) {
            return "must be positive for reason " + value();
        }
        if (sign < 0 && delta > 0) {
            return "must be negative for reason " + value();
        }
        return null;
    }

    public static StockReason parse(String raw) {
        for (StockReason r : values()) {
            if (r.value().equals(raw)) {
                return r;
            }
        }
        throw new IllegalArgumentException("must be one of received, damaged, correction, sale, return");
    }
}
