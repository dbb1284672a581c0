package io.bazaar.crm.loyalty.app;

import io.bazaar.crm.loyalty.domain.PointsRules;
import io.bazaar.crm.loyalty.persistence.PointsDao;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Loyalty points from the real ledger of purchases and refunds: earned when an order is paid, taken
 * back in proportion when it is refunded (all of it when a paid order is cancelled), expired after
 * their lifetime, adjusted by staff with a reason. The balance always equals the ledger sum.
 */
public final class LoyaltyService {

    public record PointsEntry(UUID id, long delta, String reason, UUID orderId, String note, UUID staffId,
                              Instant expiresAt, Instant createdAt) {
    }

    public record PointsSummary(UUID customerId, long balance, Page<PointsEntry> ledger) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final PointsRules rules;
    private final TimelineService timeline;

    public LoyaltyService(Jdbi jdbi, Clock clock, PointsRules rules, TimelineService timeline) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.rules = rules;
        this.timeline = timeline;
    }

    /** Intake: the order was paid. At most once per order (unique earn lot) and per event. */
    public void earnForPaidOrder(Handle h, UUID eventId, UUID customerId, UUID orderId, long amount, String currency,
                                 Instant paidAt) {
        long points = rules.pointsFor(amount, currency);
        if (points <= 0) {
            return;
        }
        PointsDao dao = h.attach(PointsDao.class);
        if (dao.lockEarnLot(orderId).isPresent()) {
            return;
        }
        if (dao.insert(Ids.newId(), customerId, points, points, "earn", orderId, amount, eventId, null, null,
                paidAt.plus(rules.pointsTtl()), clock.instant()) == 0) {
            return;
        }
        dao.ensureBalance(customerId, clock.instant());
        dao.move(customerId, points, clock.instant());
        timeline.record(h, derived(eventId, "points"), customerId, "points.earned", InteractionKind.TRANSACTIONAL,
                Channel.SYSTEM, "Earned " + points + " points", Map.of("order_id", orderId.toString()), paidAt);
    }

    /** Intake: part or all of the order was refunded; the points it earned go back in proportion. */
    public void reverseForRefund(Handle h, UUID eventId, UUID customerId, UUID orderId, long refunded, Instant at) {
        PointsDao dao = h.attach(PointsDao.class);
        dao.lockEarnLot(orderId).ifPresent(lot -> {
            long wanted = PointsRules.reversalFor(lot.delta(), lot.orderTotal() == null ? 0 : lot.orderTotal(), refunded);
            reverse(h, dao, eventId, customerId, lot, Math.min(wanted, lot.remaining()), "refund", at);
        });
    }

    /** Intake: a paid order was cancelled; every point it earned and still holds goes back. */
    public void reverseForCancellation(Handle h, UUID eventId, UUID customerId, UUID orderId, Instant at) {
        PointsDao dao = h.attach(PointsDao.class);
        dao.lockEarnLot(orderId).ifPresent(lot -> reverse(h, dao, eventId, customerId, lot, lot.remaining(),
                "cancellation", at));
    }

    private void reverse(Handle h, PointsDao dao, UUID eventId, UUID customerId, PointsDao.LotRow lot, long points,
                         String why, Instant at) {
        if (points <= 0) {
            return;
        }
        // Never more than the customer still has (points already spent elsewhere stay spent).
        long balance = dao.lockBalance(customerId).orElse(0L);
        long taken = Math.min(points, balance);
        if (taken <= 0 || dao.insert(Ids.newId(), customerId, -taken, null, "reverse", lot.orderId(), null, eventId,
                null, "points of a " + why, null, clock.instant()) == 0) {
            return;
        }
        dao.consumeLot(lot.id(), taken);
        dao.move(customerId, -taken, clock.instant());
    }

    /** Staff add or remove points with a reason; the balance can never go below zero (409). */
    public long adjust(UUID customerId, long delta, String reason, UUID staffId) {
        if (delta == 0) {
            throw ApiException.validation("delta", "must not be zero");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.validation("reason", "is required");
        }
        return jdbi.inTransaction(h -> {
            if (!h.createQuery("SELECT EXISTS (SELECT 1 FROM crm_contact WHERE customer_id = :id)").bind("id", customerId)
                    .mapTo(Boolean.class).one()) {
                throw ApiException.notFound("Customer");
            }
            PointsDao dao = h.attach(PointsDao.class);
            Instant now = clock.instant();
            dao.ensureBalance(customerId, now);
            dao.lockBalance(customerId);
            if (dao.move(customerId, delta, now) == 0) {
                throw new ApiException(ErrorCode.INSUFFICIENT_POINTS, "The customer has fewer points than that",
                        List.of(new FieldError("delta", "would take the balance below zero")));
            }
            dao.insert(Ids.newId(), customerId, delta, null, "adjust", null, null, null, staffId, reason.strip(), null, now);
            timeline.record(h, Ids.newId(), customerId, "points.adjusted", InteractionKind.INTERACTIVE, Channel.SYSTEM,
                    (delta > 0 ? "Staff added " : "Staff removed ") + Math.abs(delta) + " points", Map.of(), now);
            return dao.balance(customerId);
        });
    }

    /**
     * Goodwill points granted when a ticket is resolved, in the ticket's transaction. Idempotent by
     * the goodwill intent id: a repeated grant adds nothing.
     */
    public io.bazaar.crm.ticket.app.GoodwillPort.Outcome grantGoodwillPoints(Handle h, UUID intentId, UUID customerId,
                                                                            long points, String reason, UUID staffId) {
        if (points <= 0) {
            return io.bazaar.crm.ticket.app.GoodwillPort.Outcome.FAILED;
        }
        PointsDao dao = h.attach(PointsDao.class);
        Instant now = clock.instant();
        if (dao.insert(Ids.newId(), customerId, points, null, "adjust", null, null, intentId, staffId,
                "goodwill: " + reason, null, now) == 1) {
            dao.ensureBalance(customerId, now);
            dao.move(customerId, points, now);
        }
        return io.bazaar.crm.ticket.app.GoodwillPort.Outcome.GRANTED;
    }

    /**
     * Expires what is left of lots past their expiry. Claimed with SKIP LOCKED, so any number of
     * instances can run it; each lot expires once (its remaining drops to zero in the same transaction).
     */
    public int expireDue(int batchSize) {
        return jdbi.inTransaction(h -> {
            PointsDao dao = h.attach(PointsDao.class);
            Instant now = clock.instant();
            List<PointsDao.LotRow> lots = dao.claimExpired(now, batchSize);
            for (PointsDao.LotRow lot : lots) {
                long balance = dao.lockBalance(lot.customerId()).orElse(0L);
                long expiring = Math.min(lot.remaining(), balance);
                dao.consumeLot(lot.id(), lot.remaining());
                if (expiring > 0) {
                    dao.insert(Ids.newId(), lot.customerId(), -expiring, null, "expire", lot.orderId(), null, null, null,
                            "points expired", null, now);
                    dao.move(lot.customerId(), -expiring, now);
                }
            }
            return lots.size();
        });
    }

    public PointsSummary summary(UUID customerId, Cursor cursor, int limit) {
        return jdbi.withHandle(h -> {
            PointsDao dao = h.attach(PointsDao.class);
            List<PointsDao.LedgerRow> rows = dao.page(customerId, cursor == null ? null : cursor.at(),
                    cursor == null ? null : cursor.id(), limit + 1);
            List<PointsEntry> entries = rows.stream().limit(limit).map(r -> new PointsEntry(r.id(), r.delta(),
                    r.reason(), r.orderId(), r.note(), r.staffId(), r.expiresAt(), r.createdAt())).toList();
            String next = rows.size() > limit
                    ? new Cursor(entries.get(limit - 1).createdAt(), entries.get(limit - 1).id()).encode() : null;
            return new PointsSummary(customerId, dao.balance(customerId), new Page<>(entries, next));
        });
    }

    /** Balance and ledger sum, for checks: they must always be equal. */
    public long[] balanceAndLedgerSum(UUID customerId) {
        return jdbi.withExtension(PointsDao.class, dao -> new long[] {dao.balance(customerId), dao.ledgerSum(customerId)});
    }

    private static UUID derived(UUID eventId, String what) {
        return UUID.nameUUIDFromBytes((eventId + ":" + what).getBytes(StandardCharsets.UTF_8));
    }
}
