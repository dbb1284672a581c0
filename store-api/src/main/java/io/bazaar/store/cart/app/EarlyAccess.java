package io.bazaar.store.cart.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Early access (issue #8, tiers) for one request: a product whose {@code early_access_until} is still ahead
 * may be bought only by a signed-in customer whose current tier has the early-access benefit; guests never.
 * The loyalty program is asked at most once per request, and only when a line is actually in its window, so
 * re-checking every line of a cart costs one lookup, not one per line.
 */
final class EarlyAccess {
    private final Handle handle;
    private final UUID customerId;
    private final LoyaltyPort loyalty;
    private final Instant now;
    private Boolean entitled;

    /** {@code customerId} null: a guest (never entitled, nothing to look up). */
    EarlyAccess(Handle handle, UUID customerId, LoyaltyPort loyalty, Instant now) {
        this.handle = handle;
        this.customerId = customerId;
        this.loyalty = loyalty;
        this.now = now;
    }

    /** Whether a product with this window is still reserved for early-access members (the end is exclusive). */
    boolean inWindow(Instant earlyAccessUntil) {
        return earlyAccessUntil != null && now.isBefore(earlyAccessUntil);
    }

    boolean mayBuy(Instant earlyAccessUntil) {
        return !inWindow(earlyAccessUntil) || entitled();
    }

    /** 403 early_access_only unless {@link #mayBuy}; {@code field} and {@code value} name the line in errors[]. */
    void check(String title, Instant earlyAccessUntil, String field, String value) {
        if (!mayBuy(earlyAccessUntil)) {
            String who = customerId == null ? "sign in as a member whose tier has early access to buy it before then"
                    : "your current tier does not include early access";
            throw new ApiException(ErrorCode.EARLY_ACCESS_ONLY, "'" + title + "' is in early access until "
                    + earlyAccessUntil + ": " + who, List.of(new FieldError(field, value)));
        }
    }

    /** The problem text a cart shows on a line that cannot be bought yet. */
    String problem(Instant earlyAccessUntil) {
        return "in early access until " + earlyAccessUntil + (customerId == null ? "; sign in as an early-access member"
                : "; your tier does not include early access");
    }

    private boolean entitled() {
        if (entitled == null) {
            entitled = customerId != null && loyalty.hasEarlyAccess(handle, customerId);
        }
        return entitled;
    }
}
