package io.bazaar.crm.loyalty.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.loyalty.domain.LoyaltyProgramRules;
import io.bazaar.crm.loyalty.domain.LoyaltyProgramRules.Tier;
import io.bazaar.crm.loyalty.domain.PointsRedemption;
import io.bazaar.crm.loyalty.persistence.LoyaltyProgramDao;
import io.bazaar.crm.loyalty.persistence.PointsDao;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.message.domain.MessageCategory;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The loyalty program on top of the points ledger: redeeming points at checkout (in the checkout's
 * transaction), giving them back when the order is cancelled or refunded, referral codes and rewards, and
 * tiers computed from the CRM's order ledger with their history, announcements and VIP suggestions.
 * The rules come from configuration ({@link #configure}).
 */
public final class LoyaltyProgram {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    /** What checkout gives this customer automatically. {@code tier} null: no tier. */
    public record CheckoutBenefits(String tierCode, String tierName, int tierDiscountPercent, boolean freeShipping,
                                   int referralDiscountPercent, long pointsBalance) {
        public static final CheckoutBenefits NONE = new CheckoutBenefits(null, null, 0, false, 0, 0);
    }

    public record TierView(String code, String name, int rank, Map<String, Money> thresholds, int discountPercent,
                           boolean freeShipping, boolean earlyAccess) {
    }

    /** Per currency: the rolling net spend and what is missing to the next tier (null at the top). */
    public record Progress(String currency, Money netSpend, Money nextTierThreshold, Money remaining) {
    }

    public record MyLoyalty(UUID customerId, long pointsBalance, TierView tier, TierView nextTier,
                            List<Progress> progress, String referralCode, Redemption redemption) {
    }

    /** The redemption rules as a shopper needs them. */
    public record Redemption(Map<String, Money> pointValue, long minPoints, int minSharePercent, int maxSharePercent) {
    }

    public record ReferralView(String code, long referredCustomers, long rewardedReferrals, long pointsPerReferral,
                               int friendDiscountPercent, ReferredBy referredBy) {
    }

    public record ReferredBy(String code, boolean firstOrderDiscountAvailable, Instant createdAt) {
    }

    public record HistoryEntry(UUID id, String fromTier, String toTier, String reason, Map<String, Long> netSpend,
                               Instant createdAt) {
    }

    public record CustomerTier(UUID customerId, TierView tier, Instant since, Instant evaluatedAt,
                               List<Progress> progress, List<HistoryEntry> history) {
    }

    public record VipSuggestion(UUID customerId, String tier, String email, String name, Instant suggestedAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final TimelineService timeline;
    private final ConsentService consents;
    private final MessageService messages;
    private volatile LoyaltyProgramRules rules = LoyaltyProgramRules.defaults();

    public LoyaltyProgram(Jdbi jdbi, Clock clock, ObjectMapper mapper, TimelineService timeline,
                          ConsentService consents, MessageService messages) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mapper = mapper;
        this.timeline = timeline;
        this.consents = consents;
        this.messages = messages;
    }

    /** Sets the program's rules (from config.yml at start). */
    public void configure(LoyaltyProgramRules rules) {
        this.rules = java.util.Objects.requireNonNull(rules);
    }

    public LoyaltyProgramRules rules() {
        return rules;
    }

    // ---- checkout (called by the store, inside its transactions) ----

    public CheckoutBenefits checkoutBenefits(Handle h, UUID customerId, String currency) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        Optional<Tier> tier = dao.findTier(customerId).flatMap(t -> rules.tier(t.tier()));
        int referral = dao.referralOf(customerId)
                .filter(r -> r.firstOrderId() == null && r.rewardedAt() == null)
                .map(r -> rules.referral().refereeDiscountPercent()).orElse(0);
        long balance = h.attach(PointsDao.class).balance(customerId);
        return new CheckoutBenefits(tier.map(Tier::code).orElse(null), tier.map(Tier::name).orElse(null),
                tier.map(Tier::discountPercent).orElse(0), tier.map(Tier::freeShipping).orElse(false), referral,
                balance);
    }

    // ---- Early access (issue #8, tiers) ----
    /**
     * Whether the customer's current tier has the early-access benefit: one read of their tier row, in the
     * caller's transaction. No tier (or a tier code no longer configured) means no early access.
     */
    public boolean hasEarlyAccess(Handle h, UUID customerId) {
        return h.attach(LoyaltyProgramDao.class).findTier(customerId).flatMap(t -> rules.tier(t.tier()))
                .map(Tier::earlyAccess).orElse(false);
    }
    // ---- end early access ----

    /**
     * What redeeming would give on an order whose goods cost {@code base} after the other discounts, from the
     * balance {@link #checkoutBenefits} read in the same transaction (the spend itself re-checks it).
     */
    public PointsRedemption.Quote quote(String currency, long balance, long base, long requested, boolean max) {
        return PointsRedemption.quote(rules.redemption(), currency, balance, base, requested, max);
    }

    /**
     * Spends {@code points} on the order in the checkout's transaction. The balance moves with a conditional
     * update ({@code balance + delta >= 0}); PostgreSQL re-checks it after waiting for a concurrent
     * redeemer's row lock, so of many checkouts racing for one balance only those it covers commit; the
     * others get 409 insufficient_points and roll back whole. Lots are spent soonest-expiring first.
     */
    public void redeem(Handle h, UUID customerId, UUID orderId, long points, long orderTotal) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive");
        }
        PointsDao pointsDao = h.attach(PointsDao.class);
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        Instant now = clock.instant();
        pointsDao.ensureBalance(customerId, now);
        if (pointsDao.move(customerId, -points, now) == 0) {
            throw new ApiException(ErrorCode.INSUFFICIENT_POINTS, "You no longer have " + points
                    + " points (they were spent or expired meanwhile); nothing was reserved",
                    List.of(new FieldError("points", "more than your balance")));
        }
        dao.insertEntry(Ids.newId(), customerId, -points, "redeem", orderId, orderTotal, null,
                "redeemed at checkout", now);
        long left = points;
        for (LoyaltyProgramDao.LotRow lot : dao.lockOpenLots(customerId)) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            dao.consumeLot(lot.id(), take);
            left -= take;
        }
        timeline.record(h, derived(orderId, "points-redeemed"), customerId, "points.redeemed",
                InteractionKind.TRANSACTIONAL, Channel.SYSTEM, "Redeemed " + points + " points",
                Map.of("order_id", orderId.toString()), now);
    }

    /** Takes the referral first-order discount for this order; 409 if another order took it meanwhile. */
    public void useFirstOrderDiscount(Handle h, UUID customerId, UUID orderId) {
        if (h.attach(LoyaltyProgramDao.class).takeFirstOrderDiscount(customerId, orderId, clock.instant()) == 0) {
            throw new ApiException(ErrorCode.REFERRAL_DISCOUNT_USED, "The first-order referral discount was already "
                    + "used by another order; nothing was reserved");
        }
    }

    /**
     * The store cancelled the order (in its transaction): every redeemed point not yet given back returns to
     * the customer; an unpaid order also frees the referral first-order discount for the next order.
     */
    public void orderCancelled(Handle h, UUID orderId, boolean unpaid) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        dao.lockRedemption(orderId).ifPresent(r -> giveBack(h, r, orderId, r.points() - r.returned(),
                derived(orderId, "redeem-cancelled"), "order cancelled"));
        if (unpaid) {
            dao.releaseFirstOrderDiscount(orderId, clock.instant());
        }
    }

    private void giveBack(Handle h, LoyaltyProgramDao.RedemptionRow r, UUID orderId, long points, UUID sourceId,
                          String why) {
        if (points <= 0) {
            return;
        }
        Instant now = clock.instant();
        PointsDao pointsDao = h.attach(PointsDao.class);
        if (h.attach(LoyaltyProgramDao.class).insertEntry(Ids.newId(), r.customerId(), points, "redeem_return",
                orderId, null, sourceId, "redeemed points given back: " + why, now) == 0) {
            return;
        }
        pointsDao.ensureBalance(r.customerId(), now);
        pointsDao.move(r.customerId(), points, now);
        timeline.record(h, derived(sourceId, "timeline"), r.customerId(), "points.returned",
                InteractionKind.TRANSACTIONAL, Channel.SYSTEM, points + " redeemed points given back (" + why + ")",
                Map.of("order_id", orderId.toString()), now);
    }

    // ---- intake (after the order ledger took the fact) ----

    /** The order was paid: a referred customer's first paid order rewards the referrer once. Then the tier. */
    public void onOrderPaid(Handle h, UUID eventId, UUID customerId, UUID orderId) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        long reward = rules.referral().referrerPoints();
        dao.referralOf(customerId).filter(r -> r.rewardedAt() == null).ifPresent(r -> {
            if (dao.markRewarded(customerId, orderId, reward, clock.instant()) == 1 && reward > 0) {
                Instant now = clock.instant();
                if (dao.insertEntry(Ids.newId(), r.referrerCustomerId(), reward, "referral", orderId, null,
                        derived(eventId, "referral"), "a friend you referred placed their first order", now) == 1) {
                    PointsDao p = h.attach(PointsDao.class);
                    p.ensureBalance(r.referrerCustomerId(), now);
                    p.move(r.referrerCustomerId(), reward, now);
                    timeline.record(h, derived(eventId, "referral-timeline"), r.referrerCustomerId(),
                            "points.referral", InteractionKind.TRANSACTIONAL, Channel.SYSTEM,
                            "Earned " + reward + " points for a referral", Map.of(), now);
                }
            }
        });
        evaluateTier(h, customerId, "order paid");
    }

    /** Part of the order was refunded: redeemed points come back in proportion; the tier is looked at again. */
    public void onRefunded(Handle h, UUID eventId, UUID customerId, UUID orderId) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        dao.lockRedemption(orderId).ifPresent(r -> {
            long refunded = dao.refundedAmount(orderId).orElse(0L);
            long back = PointsRedemption.returnFor(r.points(), r.returned(), r.orderTotal(), refunded);
            giveBack(h, r, orderId, back, derived(eventId, "redeem-refund"), "refund");
        });
        evaluateTier(h, customerId, "refund");
    }

    public void onOrderCancelled(Handle h, UUID customerId) {
        evaluateTier(h, customerId, "order cancelled");
    }

    // ---- tiers ----

    /**
     * Computes the customer's tier from the rolling 12-month net spend in the order ledger and records a
     * change (up or down) with its reason. Announces it by e-mail only with marketing consent.
     */
    public void evaluateTier(Handle h, UUID customerId, String reason) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        Instant now = clock.instant();
        dao.ensureTier(customerId, now);
        LoyaltyProgramDao.TierRow current = dao.lockTier(customerId).orElseThrow();
        Map<String, Long> spend = netSpend(dao, customerId, now);
        Optional<Tier> reached = rules.tierFor(spend);
        String to = reached.map(Tier::code).orElse(null);
        Instant next = now.plus(rules.tierReevaluationInterval());
        String from = current.tier();
        if (java.util.Objects.equals(from, to)) {
            dao.updateTier(customerId, to, current.since(), now, next);
            return;
        }
        dao.updateTier(customerId, to, to == null ? null : now, now, next);
        dao.insertHistory(Ids.newId(), customerId, from, to, reason, json(spend), now);
        boolean up = rules.rank(to) > rules.rank(from);
        String name = reached.map(Tier::name).orElse("no tier");
        timeline.record(h, Ids.newId(), customerId, "loyalty.tier_changed", InteractionKind.TRANSACTIONAL,
                Channel.SYSTEM, (up ? "Moved up to " : "Moved down to ") + name + " (" + reason + ")",
                Map.of("from", from == null ? "" : from, "to", to == null ? "" : to), now);
        if (rules.isTop(to)) {
            dao.suggestVip(customerId, to, now);
        } else {
            dao.withdrawVip(customerId, now);
        }
        announce(h, dao, customerId, reached.orElse(null), up);
    }

    /**
     * Re-evaluates customers whose tier is due (spend ageing out of the 12-month window). Rows are claimed
     * with SKIP LOCKED, so instances share the work and no customer is evaluated twice at once.
     *
     * @return how many customers were looked at
     */
    public int reevaluateDueTiers(int batchSize) {
        return jdbi.inTransaction(h -> {
            List<UUID> due = h.attach(LoyaltyProgramDao.class).claimDueTiers(clock.instant(), batchSize);
            for (UUID customerId : due) {
                evaluateTier(h, customerId, "periodic re-evaluation");
            }
            return due.size();
        });
    }

    private Map<String, Long> netSpend(LoyaltyProgramDao dao, UUID customerId, Instant now) {
        Instant from = now.atZone(ZoneOffset.UTC).minusMonths(12).toInstant();
        Map<String, Long> spend = new TreeMap<>();
        dao.netSpend(customerId, from).forEach(s -> spend.put(s.currency(), s.net()));
        return spend;
    }

    private void announce(Handle h, LoyaltyProgramDao dao, UUID customerId, Tier tier, boolean up) {
        if (!consents.allows(h, customerId, ConsentChannel.EMAIL, ConsentPurpose.MARKETING)) {
            return;
        }
        Optional<String> email = dao.contactEmail(customerId);
        if (email.isEmpty()) {
            return;
        }
        String name = tier == null ? "member" : tier.name();
        String headline = up ? "Welcome to " + name : "Your membership is now " + name;
        StringBuilder text = new StringBuilder(up ? "You are now a " + name + "." : "Your membership level changed to "
                + name + ".");
        if (tier != null && tier.discountPercent() > 0) {
            text.append(" You get ").append(tier.discountPercent()).append("% off every order");
            text.append(tier.freeShipping() ? " and free shipping." : ".");
        } else if (tier != null && tier.freeShipping()) {
            text.append(" You get free shipping.");
        }
        Map<String, String> params = new java.util.HashMap<>(Map.of("headline", headline, "text", text.toString()));
        dao.contactName(customerId).ifPresent(n -> params.put("name", n));
        messages.enqueue(h, new MessageService.MessageRequest(customerId, ConsentChannel.EMAIL,
                MessageCategory.MARKETING, ConsentPurpose.MARKETING, MessageTemplates.PROMOTION,
                dao.contactLocale(customerId).orElse("en"), email.get(), params, null));
    }

    // ---- referrals ----

    /** The customer's referral code, created at first look. */
    public String referralCode(UUID customerId) {
        return jdbi.inTransaction(h -> referralCode(h, customerId));
    }

    private String referralCode(Handle h, UUID customerId) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        Optional<String> existing = dao.referralCode(customerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            // ON CONFLICT DO NOTHING: a clash with another code is retried without aborting the transaction.
            String code = newCode();
            if (dao.insertReferralCode(customerId, code, clock.instant()) == 1) {
                return code;
            }
            existing = dao.referralCode(customerId);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        throw new IllegalStateException("could not find a free referral code");
    }

    /**
     * A new customer enters a friend's code (after registering, before their first order). Refused for one's
     * own code, a second code, or a customer who already ordered.
     */
    public ReferralView claim(UUID customerId, String rawCode) {
        String code = rawCode == null ? "" : rawCode.strip().toUpperCase(Locale.ROOT);
        return jdbi.inTransaction(h -> {
            LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
            UUID referrer = dao.referrerByCode(code).orElseThrow(() -> new ApiException(ErrorCode.REFERRAL_CODE_INVALID,
                    "No customer has this referral code", List.of(new FieldError("code", "is not a referral code"))));
            if (referrer.equals(customerId)) {
                throw new ApiException(ErrorCode.REFERRAL_NOT_ALLOWED, "You cannot use your own referral code",
                        List.of(new FieldError("code", "is your own code")));
            }
            if (dao.referralOf(customerId).isPresent()) {
                throw new ApiException(ErrorCode.REFERRAL_NOT_ALLOWED, "You already used a referral code",
                        List.of(new FieldError("code", "a customer can be referred once")));
            }
            if (dao.hasOrders(customerId)) {
                throw new ApiException(ErrorCode.REFERRAL_NOT_ALLOWED,
                        "Referral codes are for new customers before their first order",
                        List.of(new FieldError("code", "you have already ordered")));
            }
            if (dao.insertReferral(customerId, referrer, code, clock.instant()) == 0) {
                throw new ApiException(ErrorCode.REFERRAL_NOT_ALLOWED, "You already used a referral code",
                        List.of(new FieldError("code", "a customer can be referred once")));
            }
            timeline.record(h, Ids.newId(), customerId, "loyalty.referred", InteractionKind.TRANSACTIONAL,
                    Channel.WEB, "Joined with a friend's referral code", Map.of(), clock.instant());
            return referral(h, customerId);
        });
    }

    public ReferralView referral(UUID customerId) {
        return jdbi.inTransaction(h -> referral(h, customerId));
    }

    private ReferralView referral(Handle h, UUID customerId) {
        LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
        String code = referralCode(h, customerId);
        ReferredBy by = dao.referralOf(customerId).map(r -> new ReferredBy(r.code(),
                r.firstOrderId() == null && r.rewardedAt() == null
                        && rules.referral().refereeDiscountPercent() > 0, r.createdAt())).orElse(null);
        return new ReferralView(code, dao.referredCount(customerId), dao.rewardedCount(customerId),
                rules.referral().referrerPoints(), rules.referral().refereeDiscountPercent(), by);
    }

    // ---- views ----

    public MyLoyalty myLoyalty(UUID customerId) {
        return jdbi.inTransaction(h -> {
            LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
            Optional<Tier> tier = dao.findTier(customerId).flatMap(t -> rules.tier(t.tier()));
            Optional<Tier> next = rules.nextAfter(tier.map(Tier::code).orElse(null));
            Map<String, Long> spend = netSpend(dao, customerId, clock.instant());
            return new MyLoyalty(customerId, h.attach(PointsDao.class).balance(customerId),
                    tier.map(this::view).orElse(null), next.map(this::view).orElse(null),
                    progress(spend, next.orElse(null), tier.orElse(null)), referralCode(h, customerId),
                    redemptionView());
        });
    }

    public CustomerTier customerTier(UUID customerId, int historyLimit) {
        return jdbi.withHandle(h -> {
            LoyaltyProgramDao dao = h.attach(LoyaltyProgramDao.class);
            Optional<LoyaltyProgramDao.TierRow> row = dao.findTier(customerId);
            Optional<Tier> tier = row.flatMap(t -> rules.tier(t.tier()));
            Optional<Tier> next = rules.nextAfter(tier.map(Tier::code).orElse(null));
            List<HistoryEntry> history = dao.history(customerId, historyLimit).stream().map(r -> new HistoryEntry(r.id(),
                    r.fromTier(), r.toTier(), r.reason(), spendMap(r.netSpend()), r.createdAt())).toList();
            return new CustomerTier(customerId, tier.map(this::view).orElse(null), row.map(LoyaltyProgramDao.TierRow::since)
                    .orElse(null), row.map(LoyaltyProgramDao.TierRow::evaluatedAt).orElse(null),
                    progress(netSpend(dao, customerId, clock.instant()), next.orElse(null), tier.orElse(null)), history);
        });
    }

    public List<TierView> tiers() {
        return rules.tiers().stream().map(this::view).toList();
    }

    public Redemption redemptionView() {
        Map<String, Money> values = new TreeMap<>();
        rules.redemption().minorUnitsPerPoint().forEach((c, v) -> values.put(c, Money.of(v, c)));
        return new Redemption(values, rules.redemption().minPoints(), rules.redemption().minSharePercent(),
                rules.redemption().maxSharePercent());
    }

    public Page<VipSuggestion> vipSuggestions(Cursor cursor, int limit) {
        List<LoyaltyProgramDao.SuggestionRow> rows = jdbi.withExtension(LoyaltyProgramDao.class, dao ->
                dao.openSuggestions(cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        List<VipSuggestion> data = rows.stream().limit(limit).map(r -> new VipSuggestion(r.customerId(), r.tier(),
                r.email(), r.name(), r.suggestedAt())).toList();
        String next = rows.size() > limit ? new Cursor(data.get(limit - 1).suggestedAt(),
                data.get(limit - 1).customerId()).encode() : null;
        return new Page<>(data, next);
    }

    private List<Progress> progress(Map<String, Long> spend, Tier next, Tier current) {
        java.util.Set<String> currencies = new java.util.TreeSet<>(spend.keySet());
        if (next != null) {
            currencies.addAll(next.thresholds().keySet());
        } else if (current != null) {
            currencies.addAll(current.thresholds().keySet());
        }
        List<Progress> out = new ArrayList<>();
        for (String c : currencies) {
            long s = spend.getOrDefault(c, 0L);
            Long threshold = next == null ? null : next.thresholds().get(c);
            out.add(new Progress(c, Money.of(s, c), threshold == null ? null : Money.of(threshold, c),
                    threshold == null ? null : Money.of(Math.max(0, threshold - s), c)));
        }
        return out;
    }

    private TierView view(Tier t) {
        Map<String, Money> thresholds = new TreeMap<>();
        t.thresholds().forEach((c, v) -> thresholds.put(c, Money.of(v, c)));
        return new TierView(t.code(), t.name(), rules.rank(t.code()), thresholds, t.discountPercent(),
                t.freeShipping(), t.earlyAccess());
    }

    private String json(Map<String, Long> spend) {
        try {
            return mapper.writeValueAsString(spend);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> spendMap(String json) {
        try {
            return mapper.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt tier history", e);
        }
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder("R");
        for (int i = 0; i < 8; i++) {
            b.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return b.toString();
    }

    private static UUID derived(UUID id, String what) {
        return UUID.nameUUIDFromBytes((id + ":" + what).getBytes(StandardCharsets.UTF_8));
    }
}
