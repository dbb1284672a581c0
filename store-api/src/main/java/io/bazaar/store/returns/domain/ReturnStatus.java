package io.bazaar.store.returns.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The return (RMA) lifecycle. requested -> approved | rejected; approved -> received; a received
 * refund-return becomes refunded when its money went back, a received exchange becomes exchanged
 * (at once, or after refunding a cheaper replacement's difference).
 */
public enum ReturnStatus {
    REQUESTED, APPROVED, REJECTED, RECEIVED, REFUNDED, EXCHANGED;

    private static final Map<ReturnStatus, Set<ReturnStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(RECEIVED),
            REJECTED, EnumSet.noneOf(ReturnStatus.class),
            RECEIVED, EnumSet.of(REFUNDED, EXCHANGED),
            REFUNDED, EnumSet.noneOf(ReturnStatus.class),
            EXCHANGED, EnumSet.noneOf(ReturnStatus.class));

    public boolean canBecome(ReturnStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the units of this return still count against what can be returned (rejected ones do not). */
    public boolean holdsUnits() {
        return this != REJECTED;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReturnStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
