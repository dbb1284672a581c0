package io.bazaar.store.crmintegration;

import io.bazaar.crm.loyalty.app.LoyaltyProgram;
import io.bazaar.crm.loyalty.domain.PointsRedemption;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.store.cart.app.LoyaltyPort;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Carts and checkout reach the CRM's loyalty program through the store's {@link LoyaltyPort}. */
public final class CrmLoyaltyAdapter implements LoyaltyPort {
    private final LoyaltyProgram program;

    public CrmLoyaltyAdapter(LoyaltyProgram program) {
        this.program = program;
    }

    @Override
    public Benefits benefits(Handle h, UUID customerId, String currency) {
        LoyaltyProgram.CheckoutBenefits b = program.checkoutBenefits(h, customerId, currency);
        return new Benefits(b.tierCode(), b.tierName(), b.tierDiscountPercent(), b.freeShipping(),
                b.referralDiscountPercent(), b.pointsBalance());
    }

    @Override
    public PointsQuote quotePoints(String currency, long balance, long base, long requested, boolean max) {
        PointsRedemption.Quote q = program.quote(currency, balance, base, requested, max);
        return new PointsQuote(q.points(), q.amount(), q.problem() == null ? null : errorCode(q.problem()), q.message());
    }

    @Override
    public void redeemPoints(Handle h, UUID customerId, UUID orderId, long points, long orderTotal) {
        program.redeem(h, customerId, orderId, points, orderTotal);
    }

    @Override
    public void useReferralDiscount(Handle h, UUID customerId, UUID orderId) {
        program.useFirstOrderDiscount(h, customerId, orderId);
    }

    @Override
    public void orderCancelled(Handle h, UUID orderId, boolean unpaid) {
        program.orderCancelled(h, orderId, unpaid);
    }

    // ---- Early access (issue #8, tiers) ----
    @Override
    public boolean hasEarlyAccess(Handle h, UUID customerId) {
        return program.hasEarlyAccess(h, customerId);
    }
    // ---- end early access ----

    static ErrorCode errorCode(PointsRedemption.Problem p) {
        return switch (p) {
            case NOT_AVAILABLE -> ErrorCode.POINTS_NOT_REDEEMABLE;
            case BELOW_MINIMUM -> ErrorCode.POINTS_BELOW_MINIMUM;
            case INSUFFICIENT -> ErrorCode.INSUFFICIENT_POINTS;
            case ABOVE_MAX_SHARE -> ErrorCode.POINTS_ABOVE_MAXIMUM_SHARE;
            case BELOW_MIN_SHARE -> ErrorCode.POINTS_BELOW_MINIMUM_SHARE;
        };
    }
}
