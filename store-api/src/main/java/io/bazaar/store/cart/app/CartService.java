package io.bazaar.store.cart.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.security.OpaqueTokens;
import io.bazaar.store.cart.app.CartViews.CartLineView;
import io.bazaar.store.cart.app.CartViews.CartView;
import io.bazaar.store.cart.app.CartViews.NewGuestCart;
import io.bazaar.store.cart.app.CartViews.Problem;
import io.bazaar.store.cart.app.CartViews.ShippingOption;
import io.bazaar.store.cart.persistence.CartDao;
import io.bazaar.store.cart.persistence.CartDao.CartRow;
import io.bazaar.store.cart.persistence.CartDao.PricedLineRow;
import io.bazaar.store.cart.persistence.CartDao.ShippingRateRow;
import io.bazaar.store.cart.persistence.CheckoutCartRead;
import io.bazaar.store.cart.persistence.CreateGuestCart;
import io.bazaar.store.catalog.domain.Availability;
import io.bazaar.store.order.domain.Pricing;
import io.bazaar.store.promotion.app.PromotionService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Guest and customer carts. Every read and change re-prices the lines from the catalogue and
 * re-checks availability; a client never sends a price or a total.
 */
public final class CartService {
    private static final String TOKEN_PREFIX = "bzc_";
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    public static final int MAX_QUANTITY = 999;

    /** Which cart a request addresses: a guest token, or the signed-in customer. */
    public record CartRef(String guestToken, UUID customerId) {
        public static CartRef guest(String token) {
            return new CartRef(token, null);
        }

        public static CartRef customer(UUID customerId) {
            return new CartRef(null, customerId);
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final boolean pricesIncludeTax;
    private final String defaultCurrency;
    private final PromotionService promotions;

    public CartService(Jdbi jdbi, Clock clock, ObjectMapper mapper, boolean pricesIncludeTax, String defaultCurrency,
                       PromotionService promotions) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mapper = mapper;
        this.pricesIncludeTax = pricesIncludeTax;
        this.defaultCurrency = defaultCurrency;
        this.promotions = promotions;
    }

    // ---- Loyalty (issue #8) ----
    private volatile LoyaltyPort loyalty = LoyaltyPort.NONE;

    /** Wired at start by the CRM integration. */
    public void useLoyalty(LoyaltyPort port) {
        this.loyalty = java.util.Objects.requireNonNull(port);
    }

    public LoyaltyPort loyalty() {
        return loyalty;
    }

    /** Points asked for on a cart or a checkout: a number, or as many as allowed ({@code max}). */
    public record RedeemRequest(Long points, boolean max) {
        public boolean wanted() {
            return max || (points != null && points > 0);
        }
    }

    /**
     * Asks to redeem points on the customer's cart. Checked now against the cart as it is (422/409 with the
     * reason otherwise, and the cart keeps its previous request), again at every view and at checkout.
     */
    public CartView setPointsRedemption(UUID customerId, Long points, boolean max) {
        if (!max && (points == null || points <= 0)) {
            throw ApiException.validation("points", "must be a positive number of points, or send \"max\": true");
        }
        if (max && points != null) {
            throw ApiException.validation("points", "send either points or max, not both");
        }
        return change(CartRef.customer(customerId), (h, cart) -> {
            RedeemRequest request = new RedeemRequest(max ? null : points, max);
            LoyaltyPricing lp = loyaltyPricing(h, cart, h.attach(CartDao.class).pricedLines(cart.id(), cart.currency()),
                    customerId, request, null, 0, List.of(), true);
            if (lp.error() != null) {
                throw lp.error();
            }
            h.attach(CartDao.class).setRedeemRequest(cart.id(), request.points(), max, clock.instant());
        });
    }

    public CartView clearPointsRedemption(UUID customerId) {
        return change(CartRef.customer(customerId), (h, cart) -> h.attach(CartDao.class)
                .setRedeemRequest(cart.id(), null, false, clock.instant()));
    }
    // ---- end ----

    /** A line of a new guest cart: a variant and how many. */
    public record NewLine(UUID variantId, int quantity) {
    }

    public NewGuestCart createGuestCart(String currency) {
        return createGuestCart(currency, List.of());
    }

    /**
     * A new guest cart, with {@code lines} in it if any (what a storefront sends when the shopper adds the first
     * item): each line is checked as {@link #addLine} checks it (a variant named twice adds up), and a line that
     * cannot be added refuses the whole cart, with the line's index in the error's field, and writes nothing.
     */
    public NewGuestCart createGuestCart(String currency, List<NewLine> lines) {
        String code = validCurrency(currency == null ? defaultCurrency : currency);
        Map<UUID, Integer> wanted = new LinkedHashMap<>();
        Map<UUID, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            NewLine line = lines.get(i);
            requireQuantity(line.quantity());
            wanted.merge(line.variantId(), line.quantity(), Integer::sum);
            firstIndex.putIfAbsent(line.variantId(), i);
        }
        String token = OpaqueTokens.newToken(TOKEN_PREFIX);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        CartRow cart = new CartRow(id, null, code, null, null, "open", 0, null, null, false);
        // Autocommitted: one statement prices the variants and inserts the cart with its lines when every line can be
        // bought (CreateGuestCart); the answer is rendered from those rows without reading the cart back (an empty
        // cart has nothing any promotion could apply to).
        CartView view = jdbi.withHandle(h -> {
            EarlyAccess gate = new EarlyAccess(h, null, loyalty, now);
            if (wanted.isEmpty()) {
                h.attach(CartDao.class).insert(id, hash(token), null, code, now);
                return render(h, cart, List.of(), gate);
            }
            UUID[] variantIds = wanted.keySet().toArray(UUID[]::new);
            Integer[] quantities = wanted.values().toArray(Integer[]::new);
            CreateGuestCart.Result result = CreateGuestCart.run(h, id, hash(token), code, now, variantIds, quantities,
                    MAX_QUANTITY);
            Map<UUID, PricedLineRow> found = new HashMap<>();
            for (PricedLineRow row : result.lines()) {
                found.put(row.variantId(), row);
            }
            List<PricedLineRow> rows = new ArrayList<>(variantIds.length);
            for (int i = 0; i < variantIds.length; i++) {
                String field = "lines[" + firstIndex.get(variantIds[i]) + "].";
                PricedLineRow row = found.get(variantIds[i]);
                if (row == null) {
                    throw noSuchVariant(field);
                }
                checkBuyable(row, cart, quantities[i], gate, field);
                rows.add(row.withQuantity(quantities[i]));
            }
            if (!result.created()) {
                // Every line passed the checks the statement makes stricter than these: insert the cart on its own.
                h.attach(CartDao.class).insertWithLines(id, hash(token), code, now, variantIds, quantities);
            }
            return render(h, cart, rows, gate);
        });
        return new NewGuestCart(token, view);
    }

    public CartView view(CartRef ref) {
        return jdbi.inTransaction(h -> {
            CartRow cart = resolve(h, ref, false);
            return render(h, cart, earlyAccess(h, cart.customerId()));
        });
    }

    /** 403 early_access_only when the product is still in its early-access window and the cart's owner is not entitled. */
    public CartView addLine(CartRef ref, UUID variantId, int quantity) {
        requireQuantity(quantity);
        return editLine(ref, variantId, (h, cart, gate, v) -> {
            if (v == null) {
                throw noSuchVariant();
            }
            int wanted = v.quantity() + quantity;
            checkBuyable(v, cart, wanted, gate);
            h.attach(CartDao.class).upsertLine(cart.id(), variantId, wanted, clock.instant());
            return wanted;
        });
    }

    /** Checked like {@link #addLine}, early access included; removing a line is always allowed. */
    public CartView setQuantity(CartRef ref, UUID variantId, int quantity) {
        requireQuantity(quantity);
        return editLine(ref, variantId, (h, cart, gate, v) -> {
            if (v == null || v.quantity() == 0) {
                throw ApiException.notFound("Cart line");
            }
            checkBuyable(v, cart, quantity, gate);
            h.attach(CartDao.class).upsertLine(cart.id(), variantId, quantity, clock.instant());
            return quantity;
        });
    }

    public CartView removeLine(CartRef ref, UUID variantId) {
        return editLine(ref, variantId, (h, cart, gate, v) -> {
            if (v == null || v.quantity() == 0 || h.attach(CartDao.class).deleteLine(cart.id(), variantId) == 0) {
                throw ApiException.notFound("Cart line");
            }
            return 0;
        });
    }

    /** Chooses where the order ships and how, so the cart can show shipping and tax. */
    public CartView setShipping(CartRef ref, String country, String method) {
        String c = country == null ? null : country.toUpperCase(Locale.ROOT);
        if (c != null && !c.matches("[A-Z]{2}")) {
            throw ApiException.validation("country", "must be an ISO 3166-1 alpha-2 code such as IR or DE");
        }
        return change(ref, (h, cart) -> {
            CartDao dao = h.attach(CartDao.class);
            if (method != null) {
                if (c == null) {
                    throw ApiException.validation("country", "is required to choose a shipping method");
                }
                boolean offered = dao.shippingOptions(cart.currency(), c).stream().anyMatch(o -> o.code().equals(method));
                if (!offered) {
                    throw new ApiException(ErrorCode.SHIPPING_UNAVAILABLE, "Shipping method '" + method
                            + "' does not ship to " + c + " in " + cart.currency(),
                            List.of(new FieldError("shipping_method", "is not available for this address")));
                }
            }
            dao.updateShipping(cart.id(), c, method, clock.instant());
        });
    }

    /**
     * Puts a discount code on the cart. It must name an active promotion that applies to the cart as it is
     * now (409 with the reason otherwise, and the cart keeps its previous code). A cart holds one code.
     */
    public CartView applyDiscountCode(CartRef ref, String code) {
        return change(ref, (h, cart) -> {
            UUID promotionId = promotions.resolveCode(h, code);
            PromotionService.Selection s = select(h, cart, h.attach(CartDao.class).pricedLines(cart.id(),
                    cart.currency()), promotionId, null, 0);
            if (s.codeProblem() != null) {
                throw s.problem();
            }
            h.attach(CartDao.class).setPromotion(cart.id(), promotionId, clock.instant());
        });
    }

    /** Takes the discount code off the cart; harmless when there is none. */
    // ---- Abandoned-cart leads (issue #6) ----
    /**
     * Attaches the shopper's email to a guest cart, so a cart left behind can become a CRM lead. Counts as
     * activity: the abandonment clock starts again.
     */
    public CartView setEmail(CartRef ref, String email) {
        if (ref.customerId() != null) {
            throw new IllegalStateException("only guest carts carry an email");
        }
        return change(ref, (h, cart) -> h.attach(io.bazaar.store.cart.persistence.AbandonedCartDao.class)
                .setEmail(cart.id(), email.strip()));
    }
    // ---- end ----

    public CartView removeDiscountCode(CartRef ref) {
        return change(ref, (h, cart) -> h.attach(CartDao.class).setPromotion(cart.id(), null, clock.instant()));
    }

    /** Moves a guest cart's lines into the customer's cart (quantities add up); the guest cart is closed. */
    public CartView merge(UUID customerId, String guestToken) {
        return jdbi.inTransaction(h -> {
            CartDao dao = h.attach(CartDao.class);
            CartRow guest = findByToken(dao, guestToken).orElseThrow(() -> ApiException.notFound("Cart"));
            CartRow mine = lockOpen(h, CartRef.customer(customerId));
            dao.lock(guest.id());
            if (!guest.currency().equals(mine.currency())) {
                throw ApiException.validation("cart_token", "the guest cart is in " + guest.currency()
                        + " but your cart is in " + mine.currency());
            }
            dao.mergeLines(guest.id(), mine.id());
            dao.carryPromotion(guest.id(), mine.id());
            dao.close(guest.id(), "merged", clock.instant());
            return render(h, dao.touchReturning(mine.id(), clock.instant()), earlyAccess(h, customerId));
        });
    }

    /**
     * Prices the cart for checkout inside the caller's transaction, locking the cart row so one cart
     * can only be checked out once at a time.
     */
    public PricedCart priceForCheckout(Handle h, CartRef ref, String country, String shippingMethod) {
        return priceForCheckout(h, ref, country, shippingMethod, null);
    }

    /**
     * As above; a customer checking out a guest cart (a {@link CartRef} with both a token and a customer) buys
     * as that customer. {@code redeem} non-null replaces the points asked for on the cart.
     */
    public PricedCart priceForCheckout(Handle h, CartRef ref, String country, String shippingMethod,
                                       RedeemRequest redeem) {
        // Locked with its lines' variants, and priced for the address and method the checkout names, in one round
        // trip (CheckoutCartRead). They are not written to the cart: it is closed by this same transaction, or
        // nothing of it is kept. A guest cart another checkout closed while this one waited for the lock is used
        // up: 404, like any closed cart; a customer without an open cart has nothing to check out.
        CheckoutCartRead.Read read = ref.guestToken() != null
                ? tokenHash(ref.guestToken()).map(hash -> CheckoutCartRead.byToken(h, hash, country, shippingMethod))
                        .orElseThrow(() -> ApiException.notFound("Cart"))
                : CheckoutCartRead.byCustomer(h, ref.customerId(), country, shippingMethod);
        CartRow cart = read.cart().orElseThrow(() -> ref.guestToken() != null ? ApiException.notFound("Cart")
                : new ApiException(ErrorCode.CART_EMPTY, "The cart is empty")).shippingTo(country, shippingMethod);
        List<PricedLineRow> rows = read.lines();
        if (rows.isEmpty()) {
            throw new ApiException(ErrorCode.CART_EMPTY, "The cart is empty");
        }
        List<PricedCart.Line> lines = new ArrayList<>();
        List<Pricing.Line> pricing = new ArrayList<>();
        for (PricedLineRow r : rows) {
            if (!"active".equals(r.productStatus()) || r.unitPrice() == null) {
                throw new ApiException(ErrorCode.PRODUCT_UNAVAILABLE, "'" + r.title() + "' (" + r.sku()
                        + ") can no longer be bought in " + cart.currency() + "; remove it from the cart",
                        List.of(new FieldError("lines", r.variantId().toString())));
            }
            int grams = r.weightGrams() == null ? 0 : r.weightGrams();
            lines.add(new PricedCart.Line(r.variantId(), r.productId(), r.sku(), r.title(), options(r.options()),
                    r.quantity(), r.unitPrice(), r.stockOnHand(), grams, List.of(r.categoryIds())));
            pricing.add(new Pricing.Line(r.unitPrice(), r.quantity(), grams));
        }
        UUID buyer = ref.customerId() != null ? ref.customerId() : cart.customerId();
        // Early access is re-checked here, inside the checkout transaction and before anything is reserved: a
        // line added while the buyer's tier had early access is refused once the tier is gone (one tier lookup,
        // and only when a line is still in its window).
        EarlyAccess gate = earlyAccess(h, buyer);
        for (PricedLineRow r : rows) {
            gate.check(r.title(), r.earlyAccessUntil(), "lines", r.variantId().toString());
        }
        if (cart.shippingMethod() == null || cart.shippingCountry() == null) {
            throw new ApiException(ErrorCode.SHIPPING_UNAVAILABLE, "Choose a shipping address country and method first",
                    List.of(new FieldError("shipping_method", "is required")));
        }
        String method = cart.shippingMethod();
        CartDao.MethodRateRow methodRate = read.rate().orElseThrow(() -> new ApiException(ErrorCode.SHIPPING_UNAVAILABLE,
                        "Shipping method '" + method + "' is no longer available for this address"));
        ShippingRateRow rate = methodRate.rate();
        int taxBp = methodRate.taxBp() == null ? 0 : methodRate.taxBp();
        Pricing.ShippingRate shippingRate = new Pricing.ShippingRate(rate.kind(), rate.amount(), rate.perKgAmount(),
                rate.freeOverAmount());
        int minDays = rate.minDays() + rows.stream().mapToInt(PricedLineRow::deliveryMinDays).max().orElse(0);
        int maxDays = rate.maxDays() + rows.stream().mapToInt(PricedLineRow::deliveryMaxDays).max().orElse(0);
        // Promotions are re-checked here, inside the checkout transaction: a code that expired, was used up or
        // no longer fits the cart since it was applied stops the checkout before anything is reserved.
        PromotionService.Selection selection = select(h, cart, rows, cart.promotionId(), shippingRate, taxBp);
        if (selection.codeProblem() != null) {
            throw selection.problem();
        }
        RedeemRequest request = redeem != null ? redeem : redeemRequest(cart);
        LoyaltyPricing lp = loyaltyPricing(h, cart, rows, buyer, request, shippingRate, taxBp, selection.discounts(),
                true);
        if (lp.error() != null) {
            throw lp.error();
        }
        List<Pricing.Discount> all = new ArrayList<>(selection.discounts());
        all.addAll(lp.discounts());
        Pricing.Totals totals = Pricing.compute(pricing, shippingRate, taxBp, pricesIncludeTax, all);
        return new PricedCart(cart.id(), buyer, cart.currency(), lines, shippingRate, method, minDays,
                maxDays, taxBp, pricesIncludeTax, totals, promotions.applied(selection, totals),
                lp.applied(totals, selection.offers().size()));
    }

    // ---- internals ----

    private interface Change {
        void apply(Handle h, CartRow cart);
    }

    /** A change that checks lines against early access; the same gate then renders the cart (one tier lookup). */
    private interface LineChange {
        void apply(Handle h, CartRow cart, EarlyAccess gate);
    }

    private CartView change(CartRef ref, Change change) {
        return changeLines(ref, (h, cart, gate) -> change.apply(h, cart));
    }

    /**
     * A change of one line. {@code line} is the variant as the cart would price it, with the quantity the cart holds
     * (0 when none; null when there is no such variant); the edit writes the line and answers its new quantity.
     */
    private interface LineEdit {
        int apply(Handle h, CartRow cart, EarlyAccess gate, PricedLineRow line);
    }

    /**
     * Adds, changes or removes one line with two statements besides the edit's own write: the cart locked and touched
     * in one, its priced lines with the edited variant among them in the other. The answer is rendered from those
     * lines as the edit left them (the cart is locked, so nothing else can have changed them).
     */
    private CartView editLine(CartRef ref, UUID variantId, LineEdit edit) {
        return jdbi.inTransaction(h -> {
            CartRow cart = touchOpen(h, ref);
            EarlyAccess gate = earlyAccess(h, cart.customerId());
            List<PricedLineRow> rows = h.attach(CartDao.class).pricedLinesWith(cart.id(), variantId, cart.currency());
            PricedLineRow line = rows.stream().filter(r -> r.variantId().equals(variantId)).findFirst().orElse(null);
            int quantity = edit.apply(h, cart, gate, line);
            List<PricedLineRow> after = new ArrayList<>(rows.size());
            for (PricedLineRow r : rows) {
                if (r != line) {
                    after.add(r);
                } else if (quantity > 0) {
                    after.add(r.withQuantity(quantity));
                }
            }
            return render(h, cart, after, gate);
        });
    }

    private CartView changeLines(CartRef ref, LineChange change) {
        return jdbi.inTransaction(h -> {
            CartRow cart = lockOpen(h, ref);
            EarlyAccess gate = earlyAccess(h, cart.customerId());
            change.apply(h, cart, gate);
            // Still locked: the row as the change left it comes back with the touch.
            return render(h, h.attach(CartDao.class).touchReturning(cart.id(), clock.instant()), gate);
        });
    }

    private EarlyAccess earlyAccess(Handle h, UUID customerId) {
        return new EarlyAccess(h, customerId, loyalty, clock.instant());
    }

    /**
     * The open cart a request addresses; {@code lock}: locked for the rest of the transaction, and then answered
     * whatever its status is now (a cart checked out while this request waited for the lock comes back with its
     * new status, for the caller to refuse).
     */
    private CartRow resolve(Handle h, CartRef ref, boolean lock) {
        CartDao dao = h.attach(CartDao.class);
        if (ref.customerId() != null && ref.guestToken() == null) {
            CartRow open = dao.findOpenByCustomer(ref.customerId()).orElseGet(() -> {
                // A customer's cart exists from the first look; the unique index settles a creation race.
                dao.insert(Ids.newId(), null, ref.customerId(), defaultCurrency, clock.instant());
                return dao.findOpenByCustomer(ref.customerId()).orElseThrow();
            });
            return lock ? dao.lock(open.id()).orElseThrow(() -> ApiException.notFound("Cart")) : open;
        }
        // Guest carts: found and locked in one statement (the token is unique).
        return (lock ? tokenHash(ref.guestToken()).flatMap(dao::lockByToken) : findByToken(dao, ref.guestToken()))
                .orElseThrow(() -> ApiException.notFound("Cart"));
    }

    /**
     * The open cart, locked. A guest cart no longer open is gone (404). A customer's cart checked out while this
     * request waited for it is replaced by the customer's next cart, which the request then changes.
     */
    private CartRow lockOpen(Handle h, CartRef ref) {
        CartRow cart = resolve(h, ref, true);
        if (!"open".equals(cart.status()) && ref.guestToken() == null) {
            cart = resolve(h, ref, true);
        }
        if (!"open".equals(cart.status())) {
            throw ApiException.notFound("Cart");
        }
        return cart;
    }

    /**
     * {@link #lockOpen}, touching the cart (version and updated_at) in the same statement: for changes that write
     * lines only, so the row answered is the row as it stays. A cart closed meanwhile is not touched.
     */
    private CartRow touchOpen(Handle h, CartRef ref) {
        CartDao dao = h.attach(CartDao.class);
        Instant now = clock.instant();
        if (ref.guestToken() != null) {
            return tokenHash(ref.guestToken()).flatMap(hash -> dao.touchOpenByToken(hash, now))
                    .orElseThrow(() -> ApiException.notFound("Cart"));
        }
        // A customer's cart checked out while this request waited for it: the customer's next cart is changed.
        return dao.touchOpen(resolve(h, ref, false).id(), now)
                .or(() -> dao.touchOpen(resolve(h, ref, false).id(), now))
                .orElseThrow(() -> ApiException.notFound("Cart"));
    }

    private static Optional<CartRow> findByToken(CartDao dao, String token) {
        return tokenHash(token).flatMap(dao::findOpenByToken);
    }

    /** The stored hash of a guest cart token; empty for anything not shaped like one (never looked up). */
    private static Optional<byte[]> tokenHash(String token) {
        return OpaqueTokens.hasShape(TOKEN_PREFIX, token) ? Optional.of(hash(token)) : Optional.empty();
    }

    private static ApiException noSuchVariant() {
        return noSuchVariant("");
    }

    /** {@code field}: the prefix of the line's fields in errors[] ("" for a single line, "lines[2]." in a list). */
    private static ApiException noSuchVariant(String field) {
        return new ApiException(ErrorCode.NOT_FOUND, "No such variant", List.of(new FieldError(field + "variant_id",
                "does not exist")));
    }

    private void checkBuyable(PricedLineRow v, CartRow cart, int wanted, EarlyAccess gate) {
        checkBuyable(v, cart, wanted, gate, "");
    }

    private void checkBuyable(PricedLineRow v, CartRow cart, int wanted, EarlyAccess gate, String field) {
        if (!"active".equals(v.productStatus())) {
            throw noSuchVariant(field);
        }
        if (v.unitPrice() == null) {
            throw new ApiException(ErrorCode.PRODUCT_UNAVAILABLE, "This product has no price in " + cart.currency(),
                    List.of(new FieldError(field + "variant_id", "is not sold in " + cart.currency())));
        }
        if (wanted > MAX_QUANTITY) {
            throw ApiException.validation(field + "quantity", "must be at most " + MAX_QUANTITY + " in total");
        }
        gate.check(v.title(), v.earlyAccessUntil(), field + "variant_id",
                "is in early access until " + v.earlyAccessUntil());
        if (v.stockOnHand() < wanted) {
            throw new ApiException(ErrorCode.OUT_OF_STOCK, v.stockOnHand() == 0
                    ? "'" + v.title() + "' is out of stock"
                    : "Only " + v.stockOnHand() + " of '" + v.title() + "' left",
                    List.of(new FieldError(field + "quantity", "at most " + v.stockOnHand() + " available")));
        }
    }

    private CartView render(Handle h, CartRow cart, EarlyAccess gate) {
        return render(h, cart, h.attach(CartDao.class).pricedLines(cart.id(), cart.currency()), gate);
    }

    private CartView render(Handle h, CartRow cart, List<PricedLineRow> rows, EarlyAccess gate) {
        CartDao dao = h.attach(CartDao.class);
        List<CartLineView> lines = new ArrayList<>();
        List<Pricing.Line> pricing = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int items = 0;
        for (PricedLineRow r : rows) {
            boolean sellable = sellable(r);
            long unit = r.unitPrice() == null ? 0 : r.unitPrice();
            Availability availability = !sellable ? new Availability("unavailable", "no longer available", null)
                    : r.stockOnHand() > 0 && r.stockOnHand() < r.quantity()
                    ? new Availability("insufficient_stock", "only " + r.stockOnHand() + " left", r.stockOnHand())
                    : Availability.of(r.stockOnHand());
            if (!sellable) {
                problems.add(new Problem(r.variantId(), "product_unavailable", "no longer sold in " + cart.currency()));
            } else if (!gate.mayBuy(r.earlyAccessUntil())) {
                problems.add(new Problem(r.variantId(), ErrorCode.EARLY_ACCESS_ONLY.code(),
                        gate.problem(r.earlyAccessUntil())));
            } else if (r.stockOnHand() < r.quantity()) {
                problems.add(new Problem(r.variantId(), "out_of_stock", r.stockOnHand() == 0 ? "out of stock"
                        : "only " + r.stockOnHand() + " available"));
            }
            int grams = r.weightGrams() == null ? 0 : r.weightGrams();
            if (sellable) {
                pricing.add(new Pricing.Line(unit, r.quantity(), grams));
            }
            items += r.quantity();
            lines.add(new CartLineView(r.variantId(), r.productId(), r.sku(), r.title(), options(r.options()),
                    r.quantity(), Money.of(unit, cart.currency()),
                    Money.of(Math.multiplyExact(unit, (long) r.quantity()), cart.currency()),
                    Money.of(0, cart.currency()), availability));
        }
        List<ShippingRateRow> offered = List.of();
        Pricing.ShippingRate chosen = null;
        int taxBp = 0;
        if (cart.shippingCountry() != null) {
            offered = dao.shippingOptions(cart.currency(), cart.shippingCountry());
            for (ShippingRateRow o : offered) {
                if (o.code().equals(cart.shippingMethod())) {
                    chosen = new Pricing.ShippingRate(o.kind(), o.amount(), o.perKgAmount(), o.freeOverAmount());
                }
            }
            taxBp = dao.taxRate(cart.shippingCountry(), "").orElse(0);
        }
        UUID promotionId = cart.promotionId();
        PromotionService.Selection selection = select(h, cart, rows.stream().filter(CartService::sellable).toList(),
                promotionId, chosen, taxBp);
        if (selection.codeProblem() != null) {
            problems.add(new Problem(null, selection.codeProblem().code(), selection.codeProblemMessage()));
        }
        LoyaltyPricing lp = LoyaltyPricing.EMPTY;
        if (cart.customerId() != null && !pricing.isEmpty()) {
            lp = loyaltyPricing(h, cart, rows, cart.customerId(), redeemRequest(cart), chosen, taxBp,
                    selection.discounts(), false);
            if (lp.problem() != null) {
                problems.add(lp.problem());
            }
        }
        List<Pricing.Discount> allDiscounts = new ArrayList<>(selection.discounts());
        allDiscounts.addAll(lp.discounts());
        List<ShippingOption> options = new ArrayList<>();
        for (ShippingRateRow o : offered) {
            // Before any free-shipping discount (that shows as a discount line), after the others: a free-over
            // threshold looks at the discounted subtotal.
            Pricing.ShippingRate rate = new Pricing.ShippingRate(o.kind(), o.amount(), o.perKgAmount(),
                    o.freeOverAmount());
            long price = Pricing.compute(pricing, rate, 0, true, allDiscounts).shippingTotal();
            options.add(new ShippingOption(o.code(), o.name(), Money.of(price, cart.currency()), o.minDays(),
                    o.maxDays()));
        }
        Pricing.Totals t = Pricing.compute(pricing, chosen, taxBp, pricesIncludeTax, allDiscounts);
        String c = cart.currency();
        // Each sellable line's share of the discounts, in the order the lines were priced.
        List<CartLineView> shown = new ArrayList<>();
        int priced = 0;
        for (int i = 0; i < lines.size(); i++) {
            CartLineView l = lines.get(i);
            long discount = sellable(rows.get(i)) ? t.lines().get(priced++).discount() : 0;
            shown.add(new CartLineView(l.variantId(), l.productId(), l.sku(), l.title(), l.options(), l.quantity(),
                    l.unitPrice(), l.lineTotal(), Money.of(discount, c), l.availability()));
        }
        String code = promotionId == null ? null : promotions.codeOf(h, promotionId);
        List<io.bazaar.store.promotion.app.PromotionViews.DiscountView> discountViews = new ArrayList<>(
                promotions.applied(selection, t).stream().map(a -> a.view(c)).toList());
        List<PricedCart.AppliedLoyalty> loyaltyLines = lp.applied(t, selection.offers().size());
        loyaltyLines.forEach(l -> discountViews.add(loyaltyView(l, c)));
        CartViews.PointsRedemption points = null;
        if (cart.customerId() != null) {
            RedeemRequest r = redeemRequest(cart);
            long used = loyaltyLines.stream().filter(l -> "points".equals(l.source())).mapToLong(l -> l.points()).sum();
            long amount = loyaltyLines.stream().filter(l -> "points".equals(l.source()))
                    .mapToLong(PricedCart.AppliedLoyalty::amount).sum();
            points = new CartViews.PointsRedemption(lp.balance(), r == null ? null : r.points(), r != null && r.max(),
                    used, Money.of(amount, c));
        }
        return new CartView(cart.id(), c, shown, items, cart.shippingCountry(), cart.shippingMethod(), options, code,
                discountViews,
                new CartViews.Totals(Money.of(t.subtotal(), c), Money.of(t.discountTotal(), c),
                        Money.of(t.shippingTotal(), c), Money.of(t.taxTotal(), c), Money.of(t.grandTotal(), c),
                        pricesIncludeTax), problems, points);
    }

    // ---- Loyalty pricing (issue #8) ----

    /**
     * The loyalty discounts, applied after the promotions: the tier percentage, the referral first-order
     * percentage, then points (on what is left of the goods), then the tier's free shipping (unless a promotion
     * already gives it).
     */
    record LoyaltyPricing(List<Pricing.Discount> discounts, List<String[]> labels, List<Long> points, long balance,
                          Problem problem, ApiException error) {
        static final LoyaltyPricing EMPTY = new LoyaltyPricing(List.of(), List.of(), List.of(), 0, null, null);

        /** Pairs the loyalty discounts with what Pricing took off for each; zero lines are left out. */
        List<PricedCart.AppliedLoyalty> applied(Pricing.Totals totals, int promotionCount) {
            List<PricedCart.AppliedLoyalty> out = new ArrayList<>();
            for (int i = 0; i < discounts.size(); i++) {
                Pricing.AppliedDiscount d = totals.discounts().get(promotionCount + i);
                if (d.amount() > 0) {
                    out.add(new PricedCart.AppliedLoyalty(labels.get(i)[0], labels.get(i)[1], labels.get(i)[2],
                            d.amount(), points.get(i), d.lineAmounts()));
                }
            }
            return out;
        }
    }

    private static RedeemRequest redeemRequest(CartRow cart) {
        return cart.redeemMaxPoints() || cart.redeemPoints() != null
                ? new RedeemRequest(cart.redeemPoints(), cart.redeemMaxPoints()) : null;
    }

    /** {@code lines}: the cart's priced lines as the caller already read them (unsellable ones are left out). */
    private LoyaltyPricing loyaltyPricing(Handle h, CartRow cart, List<PricedLineRow> lines, UUID customerId,
                                          RedeemRequest request, Pricing.ShippingRate rate, int taxBp,
                                          List<Pricing.Discount> promotionDiscounts, boolean strict) {
        boolean wantsPoints = request != null && request.wanted();
        if (customerId == null) {
            if (wantsPoints) {
                ApiException e = new ApiException(ErrorCode.POINTS_NOT_REDEEMABLE,
                        "Sign in to redeem loyalty points; guest checkouts cannot use them",
                        List.of(new FieldError("redeem_points", "needs a signed-in customer")));
                return new LoyaltyPricing(List.of(), List.of(), List.of(), 0, null, e);
            }
            return LoyaltyPricing.EMPTY;
        }
        List<PricedLineRow> rows = lines.stream().filter(CartService::sellable).toList();
        List<Pricing.Line> pricing = rows.stream().map(r -> new Pricing.Line(r.unitPrice(), r.quantity(),
                r.weightGrams() == null ? 0 : r.weightGrams())).toList();
        if (pricing.isEmpty()) {
            return LoyaltyPricing.EMPTY;
        }
        LoyaltyPort.Benefits b = loyalty.benefits(h, customerId, cart.currency());
        java.util.Set<Integer> everyLine = new java.util.HashSet<>();
        for (int i = 0; i < pricing.size(); i++) {
            everyLine.add(i);
        }
        List<Pricing.Discount> discounts = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        List<Long> points = new ArrayList<>();
        if (b.tierDiscountPercent() > 0) {
            discounts.add(new Pricing.Discount("loyalty:tier", Pricing.DiscountKind.PERCENTAGE, b.tierDiscountPercent(),
                    0, everyLine));
            labels.add(new String[] {"tier", b.tierName() + " " + b.tierDiscountPercent() + "%", "percentage"});
            points.add(null);
        }
        if (b.referralDiscountPercent() > 0) {
            discounts.add(new Pricing.Discount("loyalty:referral", Pricing.DiscountKind.PERCENTAGE,
                    b.referralDiscountPercent(), 0, everyLine));
            labels.add(new String[] {"referral", "Referral welcome " + b.referralDiscountPercent() + "%", "percentage"});
            points.add(null);
        }
        Problem problem = null;
        ApiException error = null;
        if (wantsPoints) {
            List<Pricing.Discount> before = new ArrayList<>(promotionDiscounts);
            before.addAll(discounts);
            Pricing.Totals t = Pricing.compute(pricing, rate, taxBp, pricesIncludeTax, before);
            long base = 0;
            for (Pricing.PricedLine l : t.lines()) {
                base = Math.addExact(base, l.lineTotal() - l.discount());
            }
            LoyaltyPort.PointsQuote q = loyalty.quotePoints(cart.currency(), b.pointsBalance(), base,
                    request.points() == null ? 0 : request.points(), request.max());
            if (q.problem() != null) {
                problem = new Problem(null, q.problem().code(), q.message());
                error = new ApiException(q.problem(), "These points cannot be redeemed: " + q.message(),
                        List.of(new FieldError("redeem_points", q.message())));
            } else if (q.amount() > 0) {
                discounts.add(new Pricing.Discount("loyalty:points", Pricing.DiscountKind.FIXED_AMOUNT, 0, q.amount(),
                        everyLine));
                labels.add(new String[] {"points", q.points() + " points", "points"});
                points.add(q.points());
            }
        }
        boolean promotionShipsFree = promotionDiscounts.stream()
                .anyMatch(d -> d.kind() == Pricing.DiscountKind.FREE_SHIPPING);
        if (b.freeShipping() && !promotionShipsFree) {
            discounts.add(new Pricing.Discount("loyalty:shipping", Pricing.DiscountKind.FREE_SHIPPING, 0, 0, everyLine));
            labels.add(new String[] {"tier", b.tierName() + " free shipping", "free_shipping"});
            points.add(null);
        }
        return new LoyaltyPricing(discounts, labels, points, b.pointsBalance(), problem, strict ? error : null);
    }

    private static io.bazaar.store.promotion.app.PromotionViews.DiscountView loyaltyView(PricedCart.AppliedLoyalty l,
                                                                                       String currency) {
        return new io.bazaar.store.promotion.app.PromotionViews.DiscountView(null, null, l.name(), l.kind(), true,
                Money.of(l.amount(), currency), l.source(), l.points());
    }
    // ---- end ----

    private static boolean sellable(PricedLineRow r) {
        return "active".equals(r.productStatus()) && r.unitPrice() != null;
    }

    /**
     * The promotions for these (sellable) lines. {@code rate} null prices without shipping, which is
     * enough to check a code when it is applied.
     */
    private PromotionService.Selection select(Handle h, CartRow cart, List<PricedLineRow> rows, UUID promotionId,
                                              Pricing.ShippingRate rate, int taxBp) {
        List<Pricing.Line> pricing = new ArrayList<>();
        List<PromotionService.PricingLine> promo = new ArrayList<>();
        for (PricedLineRow r : rows) {
            if (sellable(r)) {
                int grams = r.weightGrams() == null ? 0 : r.weightGrams();
                pricing.add(new Pricing.Line(r.unitPrice(), r.quantity(), grams));
                promo.add(new PromotionService.PricingLine(r.productId(),
                        Math.multiplyExact(r.unitPrice(), (long) r.quantity()), r.quantity()));
            }
        }
        // Nothing any promotion could apply to, or no code and no automatic promotion live (read with the lines).
        if (promotionId == null && (promo.isEmpty() || rows.stream().noneMatch(PricedLineRow::automaticPromotions))) {
            return new PromotionService.Selection(List.of(), null, null);
        }
        return promotions.select(h, cart.currency(), promo, promotionId,
                discounts -> Pricing.compute(pricing, rate, taxBp, pricesIncludeTax, discounts));
    }

    private Map<String, String> options(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt variant options", e);
        }
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw ApiException.validation("quantity", "must be between 1 and " + MAX_QUANTITY);
        }
    }

    private static String validCurrency(String code) {
        try {
            return Money.currency(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("currency", e.getMessage());
        }
    }

    static byte[] hash(String token) {
        return OpaqueTokens.sha256(token);
    }
}
