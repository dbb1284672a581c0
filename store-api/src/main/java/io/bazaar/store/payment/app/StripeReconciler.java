package io.bazaar.store.payment.app;

import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderService.PaymentOutcome;
import io.bazaar.store.payment.app.StripePaymentProvider.Intent;
import io.bazaar.store.payment.domain.PaymentProviderException;
import io.bazaar.store.payment.persistence.StripeEventDao;
import io.bazaar.store.payment.persistence.StripeEventDao.Candidate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Stripe payments that succeeded (or were cancelled) without Bazaar hearing of it, a webhook
 * having been lost or refused, and settles them as the webhook would have: the order is paid, or,
 * when it was cancelled meanwhile, its stock is taken again or the money refunded.
 *
 * <p>Looks at unpaid orders' payments older than {@code settleAfter} (younger ones are the webhooks'
 * job) and at payments voided in the last three days (Stripe retries webhooks that long). Safe on any
 * number of instances: due payments are claimed with {@code FOR UPDATE SKIP LOCKED} and leased for
 * {@code recheckEvery} in a short transaction, and Stripe is asked outside any transaction.
 */
public final class StripeReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(StripeReconciler.class);
    private static final Duration VOIDED_WINDOW = Duration.ofDays(3);

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderService orders;
    private final StripePaymentProvider stripe;
    private final Duration settleAfter;
    private final Duration recheckEvery;

    public StripeReconciler(Jdbi jdbi, Clock clock, OrderService orders, StripePaymentProvider stripe,
                            Duration settleAfter, Duration recheckEvery) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.orders = orders;
        this.stripe = stripe;
        this.settleAfter = settleAfter;
        this.recheckEvery = recheckEvery;
    }

    /** Checks up to {@code batchSize} due payments; returns how many were claimed. */
    public int reconcile(int batchSize) {
        Instant now = clock.instant();
        List<Candidate> claimed = jdbi.inTransaction(h -> {
            StripeEventDao dao = h.attach(StripeEventDao.class);
            List<Candidate> due = dao.claimDue(now, now.minus(settleAfter), now.minus(VOIDED_WINDOW), batchSize);
            List<Candidate> leased = new java.util.ArrayList<>();
            for (Candidate c : due) {
                if (dao.lease(c.paymentId(), now.plus(recheckEvery), now) == 1) {
                    leased.add(c);
                }
            }
            return leased;
        });
        for (Candidate c : claimed) {
            try {
                check(c);
            } catch (PaymentProviderException e) {
                // Left leased: checked again after recheckEvery.
                LOG.warn("Reconciliation of order {} could not reach Stripe: {}", c.orderNumber(), e.getMessage());
            }
        }
        return claimed.size();
    }

    private void check(Candidate c) {
        // A payment whose reference was never recorded: the create call is idempotent by order, so
        // repeating it answers the intent made at checkout (or makes one nobody has paid yet).
        Intent intent = c.providerRef() != null ? stripe.retrieve(c.providerRef())
                : stripe.createIntent(c.orderId(), c.orderNumber(), c.amount(), c.currency());
        boolean done;
        String outcome;
        switch (intent.status()) {
            case "succeeded" -> {
                PaymentOutcome o = jdbi.inTransaction(h -> orders.confirmProviderPayment(h, c.orderId(),
                        StripePaymentProvider.NAME, intent.id(), intent.amountReceived(), intent.currency()));
                outcome = o.code();
                done = true;
            }
            case "canceled" -> {
                PaymentOutcome o = jdbi.inTransaction(h -> orders.recordPaymentCanceled(h, c.orderId(),
                        StripePaymentProvider.NAME, intent.id()));
                outcome = o.code();
                done = true;
            }
            default -> {
                if ("voided".equals(c.paymentStatus())) {
                    // The order was cancelled but the intent is still payable: stop it (again).
                    stripe.cancel(c.orderId(), intent.id());
                }
                outcome = "unchanged";
                done = false;
            }
        }
        Instant now = clock.instant();
        jdbi.useExtension(StripeEventDao.class, dao -> dao.recordCheck(c.paymentId(), intent.status(), done,
                now.plus(recheckEvery), now));
        LOG.info("Reconciled order {}: intent {} is {} -> {}", c.orderNumber(), intent.id(), intent.status(), outcome);
    }
}
