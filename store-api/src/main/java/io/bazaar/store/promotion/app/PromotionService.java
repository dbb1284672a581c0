package io.bazaar.store.promotion.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.order.domain.Pricing;
import io.bazaar.store.promotion.app.PromotionCommands.PromotionChanges;
import io.bazaar.store.promotion.app.PromotionCommands.PromotionDraft;
import io.bazaar.store.promotion.app.PromotionViews.DiscountView;
import io.bazaar.store.promotion.app.PromotionViews.PromotionView;
import io.bazaar.store.promotion.domain.Promotion;
import io.bazaar.store.promotion.domain.PromotionEvents;
import io.bazaar.store.promotion.domain.PromotionKind;
import io.bazaar.store.promotion.persistence.PromotionDao;
import io.bazaar.store.promotion.persistence.PromotionDao.PromotionRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Staff management of promotions, and the promotions' side of carts and checkout: which discounts a cart
 * gets (stacking rule: the best automatic promotion plus at most one code), and redeeming a code inside the
 * checkout transaction with conditional updates so a limited code is never used more often than allowed.
 */
public final class PromotionService {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,40}");
    private static final int MAX_TARGETS = 500;

    /** A cart line as the cart feature prices it. */
    public record PricingLine(UUID productId, long lineTotal, int quantity) {
    }

    /** A promotion that applies to the cart, with the discount it asks Pricing for. */
    public record Offer(Promotion promotion, Pricing.Discount discount) {
    }

    /**
     * The discounts for a cart, in the order Pricing applies them (automatic first, then the code).
     * {@code codeProblem} is set when the cart carries a code that does not apply now.
     */
    public record Selection(List<Offer> offers, ErrorCode codeProblem, String codeProblemMessage) {
        public List<Pricing.Discount> discounts() {
            return offers.stream().map(Offer::discount).toList();
        }

        public ApiException problem() {
            return new ApiException(codeProblem, "The discount code cannot be used: " + codeProblemMessage,
                    List.of(new FieldError("discount_code", codeProblemMessage)));
        }
    }

    /** What a promotion took off an order, with its split over the lines (same order as the lines). */
    public record AppliedPromotion(UUID promotionId, String code, String name, String kind, boolean automatic,
                                   long amount, List<Long> lineAmounts) {
        public DiscountView view(String currency) {
            return new DiscountView(promotionId, code, name, kind, automatic, Money.of(amount, currency));
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;

    public PromotionService(Jdbi jdbi, Clock clock, Outbox outbox) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
    }

    // ---- staff ----

    public PromotionView create(PromotionDraft d) {
        List<FieldError> errors = new ArrayList<>();
        PromotionKind kind = PromotionKind.parse(d.kind()).orElse(null);
        if (d.kind() == null) {
            errors.add(new FieldError("kind", "is required: percentage, fixed_amount or free_shipping"));
        } else if (kind == null) {
            errors.add(new FieldError("kind", "must be percentage, fixed_amount or free_shipping"));
        }
        boolean automatic = Boolean.TRUE.equals(d.automatic());
        String code = null;
        if (automatic) {
            if (d.code() != null) {
                errors.add(new FieldError("code", "must be absent for an automatic promotion"));
            }
        } else if (d.code() == null || d.code().isBlank()) {
            errors.add(new FieldError("code", "is required (or set automatic to true)"));
        } else if (!CODE.matcher(d.code().strip()).matches()) {
            errors.add(new FieldError("code", "must be 3 to 40 letters, digits, '-' or '_'"));
        } else {
            code = normalizeCode(d.code());
        }
        String currency = null;
        if (d.currency() != null) {
            try {
                currency = Money.currency(d.currency()).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("currency", e.getMessage()));
            }
        }
        Instant now = clock.instant();
        PromotionRow row = new PromotionRow(Ids.newId(), code, d.name() == null ? null : d.name().strip(),
                kind == null ? null : kind.dbValue(), automatic, d.percentOff(), d.amountOff(), currency,
                d.minSubtotal(), d.minQuantity(), d.startsAt(), d.endsAt(), d.usageLimit(), d.perCustomerLimit(), 0,
                ids("product_ids", d.productIds()), ids("category_ids", d.categoryIds()), true, 1, now, now);
        validate(row, kind, d.currency() != null && currency == null, errors);
        return jdbi.inTransaction(h -> {
            PromotionDao dao = h.attach(PromotionDao.class);
            checkTargets(dao, row, errors);
            if (!errors.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The promotion is not valid", errors);
            }
            if (dao.insert(row) == 0) {
                throw new ApiException(ErrorCode.DISCOUNT_CODE_TAKEN, "Another promotion already uses the code '"
                        + row.code() + "'", List.of(new FieldError("code", "is already used")));
            }
            PromotionRow saved = dao.findById(row.id()).orElseThrow();
            event(h, PromotionEvents.CREATED, saved);
            return view(saved);
        });
    }

    public Page<PromotionView> list(Boolean active, Cursor cursor, int limit) {
        List<PromotionRow> rows = jdbi.withExtension(PromotionDao.class, dao -> dao.list(active,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        List<PromotionRow> page = rows.stream().limit(limit).toList();
        String next = rows.size() > limit ? new Cursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id())
                .encode() : null;
        return new Page<>(page.stream().map(PromotionService::view).toList(), next);
    }

    public PromotionView get(UUID id) {
        return view(jdbi.withExtension(PromotionDao.class, dao -> dao.findById(id))
                .orElseThrow(() -> ApiException.notFound("Promotion")));
    }

    public PromotionView update(UUID id, PromotionChanges c) {
        return jdbi.inTransaction(h -> {
            PromotionDao dao = h.attach(PromotionDao.class);
            PromotionRow p = dao.findById(id).orElseThrow(() -> ApiException.notFound("Promotion"));
            List<FieldError> errors = new ArrayList<>();
            if (c.version() == null) {
                throw ApiException.validation("version", "is required: send the version you last read");
            }
            if (c.version() != p.version()) {
                throw versionConflict(p.version());
            }
            PromotionRow row = new PromotionRow(p.id(), p.code(), c.name() == null ? p.name() : c.name().strip(),
                    p.kind(), p.automatic(), or(c.percentOff(), p.percentOff()), or(c.amountOff(), p.amountOff()),
                    p.currency(), or(c.minSubtotal(), p.minSubtotal()), or(c.minQuantity(), p.minQuantity()),
                    or(c.startsAt(), p.startsAt()), or(c.endsAt(), p.endsAt()), or(c.usageLimit(), p.usageLimit()),
                    or(c.perCustomerLimit(), p.perCustomerLimit()), p.redemptions(),
                    c.productIds() == null ? p.productIds() : ids("product_ids", c.productIds()),
                    c.categoryIds() == null ? p.categoryIds() : ids("category_ids", c.categoryIds()), p.active(), p.version(),
                    p.createdAt(), clock.instant());
            validate(row, PromotionKind.parse(p.kind()).orElseThrow(), false, errors);
            if (row.usageLimit() != null && row.usageLimit() < p.redemptions()) {
                errors.add(new FieldError("usage_limit", "cannot be below the " + p.redemptions()
                        + " redemptions already made"));
            }
            checkTargets(dao, row, errors);
            if (!errors.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "The promotion is not valid", errors);
            }
            if (dao.update(row) == 0) {
                throw versionConflict(dao.findById(id).map(PromotionRow::version).orElse(-1));
            }
            PromotionRow saved = dao.findById(id).orElseThrow();
            event(h, PromotionEvents.CHANGED, saved);
            return view(saved);
        });
    }

    /** Ends a promotion at once: carts stop getting it and checkouts carrying its code answer 409. Idempotent. */
    public PromotionView deactivate(UUID id) {
        return jdbi.inTransaction(h -> {
            PromotionDao dao = h.attach(PromotionDao.class);
            dao.findById(id).orElseThrow(() -> ApiException.notFound("Promotion"));
            if (dao.deactivate(id, clock.instant()) == 1) {
                event(h, PromotionEvents.DEACTIVATED, dao.findById(id).orElseThrow());
            }
            return view(dao.findById(id).orElseThrow());
        });
    }

    // ---- carts and checkout ----

    /** The promotion a shopper's code names; unknown or ended codes are a 400 on the code field. */
    public UUID resolveCode(Handle h, String code) {
        if (code == null || !CODE.matcher(code.strip()).matches()) {
            throw invalidCode();
        }
        PromotionRow row = h.attach(PromotionDao.class).findByCode(normalizeCode(code))
                .filter(PromotionRow::active).orElseThrow(PromotionService::invalidCode);
        return row.id();
    }

    public String codeOf(Handle h, UUID promotionId) {
        return h.attach(PromotionDao.class).findById(promotionId).map(PromotionRow::code).orElse(null);
    }

    /**
     * Chooses the discounts for a cart: the automatic promotion that takes the most off (the earliest created
     * on a tie) plus the cart's code when it applies.
     *
     * @param pricer prices the cart with the given discounts (with its shipping and tax), to compare
     *               automatic promotions by what they really take off
     */
    public Selection select(Handle h, String currency, List<PricingLine> lines, UUID codePromotionId,
                            Function<List<Pricing.Discount>, Pricing.Totals> pricer) {
        PromotionDao dao = h.attach(PromotionDao.class);
        Instant now = clock.instant();
        List<PromotionRow> automatic = dao.listLiveAutomatic();
        if (automatic.isEmpty() && codePromotionId == null) {
            // The common case: nothing to evaluate, so no category look-up on the cart's hot path.
            return new Selection(List.of(), null, null);
        }
        List<Promotion.CartLine> cartLines = cartLines(dao, lines);
        List<Offer> offers = new ArrayList<>();
        Offer best = null;
        long bestAmount = 0;
        for (PromotionRow row : automatic) {
            Promotion p = domain(row);
            Promotion.Eligibility e = p.check(currency, cartLines, now);
            if (e.eligible()) {
                Pricing.Discount d = p.toDiscount(e.eligibleLines());
                long amount = pricer.apply(List.of(d)).discountTotal();
                if (amount > bestAmount) {
                    best = new Offer(p, d);
                    bestAmount = amount;
                }
            }
        }
        if (best != null) {
            offers.add(best);
        }
        if (codePromotionId == null) {
            return new Selection(offers, null, null);
        }
        Promotion code = domain(dao.findById(codePromotionId).orElseThrow());
        Promotion.Eligibility e = code.check(currency, cartLines, now);
        if (!e.eligible()) {
            return new Selection(offers, errorCode(e.problem()), e.message());
        }
        offers.add(new Offer(code, code.toDiscount(e.eligibleLines())));
        return new Selection(offers, null, null);
    }

    /** Pairs the chosen promotions with what Pricing took off for each. */
    public List<AppliedPromotion> applied(Selection s, Pricing.Totals totals) {
        List<AppliedPromotion> applied = new ArrayList<>();
        for (int i = 0; i < s.offers().size(); i++) {
            Promotion p = s.offers().get(i).promotion();
            Pricing.AppliedDiscount d = totals.discounts().get(i);
            applied.add(new AppliedPromotion(p.id(), p.code(), p.name(), p.kind().dbValue(), p.automatic(), d.amount(),
                    d.lineAmounts()));
        }
        return applied;
    }

    /**
     * Redeems the codes an order uses, inside the checkout transaction: one conditional update of the
     * promotion's count (exactly one of many racing checkouts takes a last use; the others get 409
     * promotion_exhausted and their whole checkout rolls back), one of the customer's count when the code is
     * limited per customer, and a redemption row. Automatic promotions have no limits and are not counted here.
     *
     * @param customerId null for a guest, who is then identified by e-mail for per-customer limits
     */
    public void redeem(Handle h, UUID orderId, UUID customerId, String email, List<AppliedPromotion> applied,
                       Instant now) {
        if (applied.isEmpty()) {
            return;
        }
        PromotionDao dao = h.attach(PromotionDao.class);
        String key = customerId != null ? "customer:" + customerId : "email:" + email.strip().toLowerCase(Locale.ROOT);
        for (AppliedPromotion a : applied) {
            if (a.automatic()) {
                continue;
            }
            if (dao.redeem(a.promotionId(), now) == 0) {
                Promotion p = domain(dao.findById(a.promotionId()).orElseThrow());
                Promotion.Eligibility e = p.check(p.currency() == null ? "XXX" : p.currency(), List.of(), now);
                ErrorCode code = e.problem() == null || e.problem() == Promotion.Ineligibility.NOT_APPLICABLE
                        ? ErrorCode.PROMOTION_EXHAUSTED : errorCode(e.problem());
                throw new ApiException(code, "The discount code " + a.code() + " cannot be used: "
                        + (code == ErrorCode.PROMOTION_EXHAUSTED ? "it has been used up" : e.message())
                        + "; nothing was reserved", List.of(new FieldError("discount_code", code.title())));
            }
            Integer perCustomer = dao.findById(a.promotionId()).orElseThrow().perCustomerLimit();
            if (perCustomer != null && dao.takeCustomerUse(a.promotionId(), key, perCustomer, now) == 0) {
                throw new ApiException(ErrorCode.PROMOTION_CUSTOMER_LIMIT_REACHED, "You have already used the code "
                        + a.code() + (perCustomer == 1 ? "" : " " + perCustomer + " times") + "; nothing was reserved",
                        List.of(new FieldError("discount_code", "already used as often as allowed per customer")));
            }
            dao.insertRedemption(Ids.newId(), a.promotionId(), orderId, key, a.amount(), now);
        }
    }

    /**
     * Gives an order's code uses back (an unpaid order was cancelled or its payment timed out). Exactly once:
     * the redemption rows are released by a conditional update that returns them to one caller.
     */
    public void release(Handle h, UUID orderId, Instant now) {
        PromotionDao dao = h.attach(PromotionDao.class);
        for (PromotionDao.ReleasedRow r : dao.releaseForOrder(orderId, now)) {
            dao.giveBack(r.promotionId());
            dao.giveBackCustomerUse(r.promotionId(), r.customerKey(), now);
        }
    }

    // ---- internals ----

    private static List<Promotion.CartLine> cartLines(PromotionDao dao, List<PricingLine> lines) {
        Map<UUID, Set<UUID>> categories = new HashMap<>();
        UUID[] productIds = lines.stream().map(PricingLine::productId).distinct().toArray(UUID[]::new);
        if (productIds.length > 0) {
            dao.categoriesWithAncestors(productIds).forEach(r ->
                    categories.put(r.productId(), new HashSet<>(Arrays.asList(r.categoryIds()))));
        }
        return lines.stream().map(l -> new Promotion.CartLine(l.productId(),
                categories.getOrDefault(l.productId(), Set.of()), l.lineTotal(), l.quantity())).toList();
    }

    private static void validate(PromotionRow r, PromotionKind kind, boolean currencyInvalid, List<FieldError> errors) {
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (r.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (kind == PromotionKind.PERCENTAGE) {
            if (r.percentOff() == null) {
                errors.add(new FieldError("percent_off", "is required for a percentage promotion"));
            }
        } else if (r.percentOff() != null) {
            errors.add(new FieldError("percent_off", "is only for percentage promotions"));
        }
        if (r.percentOff() != null && (r.percentOff() < 1 || r.percentOff() > 100)) {
            errors.add(new FieldError("percent_off", "must be between 1 and 100"));
        }
        if (kind == PromotionKind.FIXED_AMOUNT) {
            if (r.amountOff() == null) {
                errors.add(new FieldError("amount_off", "is required for a fixed_amount promotion"));
            }
            if (r.currency() == null && !currencyInvalid) {
                errors.add(new FieldError("currency", "is required for a fixed_amount promotion"));
            }
        } else if (r.amountOff() != null) {
            errors.add(new FieldError("amount_off", "is only for fixed_amount promotions"));
        }
        if (r.amountOff() != null && r.amountOff() <= 0) {
            errors.add(new FieldError("amount_off", "must be more than 0 (minor units of the currency)"));
        }
        if (r.minSubtotal() != null) {
            if (r.minSubtotal() < 0) {
                errors.add(new FieldError("min_subtotal", "must be 0 or more (minor units of the currency)"));
            }
            if (r.currency() == null && !currencyInvalid) {
                errors.add(new FieldError("currency", "is required with a min_subtotal"));
            }
        }
        if (r.minQuantity() != null && (r.minQuantity() < 1 || r.minQuantity() > 999)) {
            errors.add(new FieldError("min_quantity", "must be between 1 and 999"));
        }
        if (r.startsAt() != null && r.endsAt() != null && !r.endsAt().isAfter(r.startsAt())) {
            errors.add(new FieldError("ends_at", "must be after starts_at"));
        }
        if (r.usageLimit() != null && r.usageLimit() < 1) {
            errors.add(new FieldError("usage_limit", "must be at least 1"));
        }
        if (r.perCustomerLimit() != null && r.perCustomerLimit() < 1) {
            errors.add(new FieldError("per_customer_limit", "must be at least 1"));
        }
        if (r.automatic() && r.usageLimit() != null) {
            errors.add(new FieldError("usage_limit", "is only for codes: automatic promotions have no usage limits"));
        }
        if (r.automatic() && r.perCustomerLimit() != null) {
            errors.add(new FieldError("per_customer_limit",
                    "is only for codes: automatic promotions have no usage limits"));
        }
        if (r.productIds().length > MAX_TARGETS) {
            errors.add(new FieldError("product_ids", "must have at most " + MAX_TARGETS + " entries"));
        }
        if (r.categoryIds().length > MAX_TARGETS) {
            errors.add(new FieldError("category_ids", "must have at most " + MAX_TARGETS + " entries"));
        }
    }

    private static void checkTargets(PromotionDao dao, PromotionRow r, List<FieldError> errors) {
        if (r.productIds().length > 0 && r.productIds().length <= MAX_TARGETS) {
            Set<UUID> found = new HashSet<>(dao.existingProducts(r.productIds()));
            for (int i = 0; i < r.productIds().length; i++) {
                if (!found.contains(r.productIds()[i])) {
                    errors.add(new FieldError("product_ids[" + i + "]", "no such product"));
                }
            }
        }
        if (r.categoryIds().length > 0 && r.categoryIds().length <= MAX_TARGETS) {
            Set<UUID> found = new HashSet<>(dao.existingCategories(r.categoryIds()));
            for (int i = 0; i < r.categoryIds().length; i++) {
                if (!found.contains(r.categoryIds()[i])) {
                    errors.add(new FieldError("category_ids[" + i + "]", "no such category"));
                }
            }
        }
    }

    private void event(Handle h, String type, PromotionRow r) {
        outbox.append(h, type, "promotion", r.id().toString(), new PromotionEvents.PromotionChanged(r.id(), r.code(),
                r.name(), r.kind(), r.automatic(), r.active(), r.version(), clock.instant()));
    }

    static ErrorCode errorCode(Promotion.Ineligibility problem) {
        return switch (problem) {
            case INACTIVE, EXPIRED -> ErrorCode.PROMOTION_EXPIRED;
            case NOT_STARTED -> ErrorCode.PROMOTION_NOT_STARTED;
            case EXHAUSTED -> ErrorCode.PROMOTION_EXHAUSTED;
            case NOT_APPLICABLE -> ErrorCode.PROMOTION_NOT_APPLICABLE;
        };
    }

    private static ApiException invalidCode() {
        return new ApiException(ErrorCode.DISCOUNT_CODE_INVALID, "No active promotion has this code",
                List.of(new FieldError("code", "is not a valid discount code")));
    }

    private static ApiException versionConflict(int current) {
        return new ApiException(ErrorCode.VERSION_CONFLICT,
                "The promotion was changed by someone else (current version " + current + "); reload it and retry",
                List.of(new FieldError("version", "is stale; current version is " + current)));
    }

    private static String normalizeCode(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    private static UUID[] ids(String field, List<UUID> ids) {
        if (ids == null) {
            return new UUID[0];
        }
        if (ids.contains(null)) {
            throw ApiException.validation(field, "must not contain null");
        }
        return new LinkedHashSet<>(ids).toArray(UUID[]::new);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static Promotion domain(PromotionRow r) {
        return new Promotion(r.id(), r.code(), r.name(), PromotionKind.parse(r.kind()).orElseThrow(), r.automatic(),
                r.percentOff(), r.amountOff(), r.currency(), r.minSubtotal(), r.minQuantity(), r.startsAt(),
                r.endsAt(), r.usageLimit(), r.perCustomerLimit(), r.redemptions(), Set.of(r.productIds()),
                Set.of(r.categoryIds()), r.active());
    }

    static PromotionView view(PromotionRow r) {
        String c = r.currency();
        return new PromotionView(r.id(), r.code(), r.name(), r.kind(), r.automatic(), r.percentOff(),
                r.amountOff() == null ? null : Money.of(r.amountOff(), c), c,
                r.minSubtotal() == null || c == null ? null : Money.of(r.minSubtotal(), c), r.minQuantity(),
                r.startsAt(), r.endsAt(), r.usageLimit(), r.perCustomerLimit(), r.redemptions(),
                List.of(r.productIds()), List.of(r.categoryIds()), r.active(), r.version(), r.createdAt(),
                r.updatedAt());
    }
}
