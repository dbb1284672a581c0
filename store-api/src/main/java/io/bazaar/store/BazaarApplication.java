package io.bazaar.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.bazaar.crm.CrmModule;
import io.bazaar.shared.db.JdbiSetup;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.shared.outbox.OutboxDispatcher;
import io.bazaar.store.auth.app.PasswordHasher;
import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.auth.domain.PasswordPolicy;
import io.bazaar.store.auth.web.ProblemUnauthorizedHandler;
import io.bazaar.store.auth.web.TokenAuthenticator;
import io.bazaar.store.cart.app.AbandonedCarts;
import io.bazaar.store.cart.app.CartService;
import io.bazaar.store.cart.web.CartsResource;
import io.bazaar.store.cart.web.MeCartResource;
import io.bazaar.store.catalog.app.InventoryService;
import io.bazaar.store.catalog.app.CatalogCache;
import io.bazaar.store.catalog.app.CatalogQueries;
import io.bazaar.store.catalog.app.CatalogService;
import io.bazaar.store.catalog.app.DemoCatalogue;
import io.bazaar.store.catalog.app.ProductImporter;
import io.bazaar.store.catalog.cli.GenerateCatalogueCommand;
import io.bazaar.store.catalog.web.AdminCatalogResource;
import io.bazaar.store.catalog.web.CatalogResource;
import io.bazaar.store.crmintegration.CrmIntakeConsumer;
import io.bazaar.store.fulfilment.app.FulfilmentService;
import io.bazaar.store.fulfilment.domain.CarrierSignature;
import io.bazaar.store.fulfilment.web.AdminShipmentsResource;
import io.bazaar.store.fulfilment.web.CarrierCallbackResource;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.refund.app.RefundService;
import io.bazaar.store.refund.web.AdminRefundsResource;
import io.bazaar.store.returns.app.ReturnService;
import io.bazaar.store.returns.web.AdminReturnsResource;
import io.bazaar.store.returns.web.GuestReturnsResource;
import io.bazaar.store.returns.web.MeReturnsResource;
import io.bazaar.store.order.web.AdminOrdersResource;
import io.bazaar.store.order.web.CheckoutResource;
import io.bazaar.store.order.web.MeCheckoutResource;
import io.bazaar.store.order.web.MeOrdersResource;
import io.bazaar.store.order.web.OrdersResource;
import io.bazaar.store.payment.app.ManualPaymentProvider;
import io.bazaar.store.payment.app.StripePaymentProvider;
import io.bazaar.store.payment.app.StripeReconciler;
import io.bazaar.store.payment.app.StripeWebhooks;
import io.bazaar.store.payment.domain.PaymentProvider;
import io.bazaar.store.payment.web.StripeWebhookResource;
import io.bazaar.store.crmintegration.CrmSettingsMapper;
import io.bazaar.store.crmintegration.StoreCrmPorts;
import io.bazaar.store.crmintegration.StoreGoodwillRefunds;
import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.customer.web.CustomersResource;
import io.bazaar.store.customer.web.MeResource;
import io.bazaar.store.customer.web.SessionsResource;
import io.bazaar.store.platform.DataServices;
import io.bazaar.store.platform.commands.CreateAdminCommand;
import io.bazaar.store.platform.commands.DbCommand;
import io.bazaar.store.platform.db.Migrations;
import io.bazaar.store.platform.db.MicrosecondClock;
import io.bazaar.store.platform.db.SqlObjectWarmup;
import io.bazaar.store.platform.idempotency.IdempotencyFeature;
import io.bazaar.store.platform.idempotency.IdempotencyFilter;
import io.bazaar.store.platform.idempotency.IdempotencyStore;
import io.bazaar.store.platform.openapi.OpenApiResource;
import io.bazaar.store.platform.ratelimit.LoginThrottle;
import io.bazaar.store.platform.redis.RedisClient;
import io.bazaar.store.platform.redis.RedisHealthCheck;
import io.bazaar.store.platform.web.BodyLimitFilter;
import io.bazaar.store.platform.web.CachedParameterNames;
import io.bazaar.store.platform.web.ExceptionMappers;
import io.bazaar.store.platform.web.HealthResource;
import io.bazaar.store.platform.web.JettyProblemErrorHandler;
import io.bazaar.store.platform.web.PingResource;
import io.bazaar.store.platform.web.SecurityHeadersFilter;
import io.bazaar.store.platform.web.TraceIdFilter;
import io.bazaar.store.promotion.app.PromotionService;
import io.bazaar.store.promotion.web.AdminPromotionsResource;
import io.bazaar.store.staff.app.StaffService;
import io.bazaar.store.staff.web.StaffResource;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import io.dropwizard.jersey.validation.Validators;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bazaar's entry point. Everything is wired here by hand with constructors, in the order a reader
 * would explain it: data services, schema, infrastructure, features, HTTP.
 */
public class BazaarApplication extends Application<BazaarConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(BazaarApplication.class);

    /**
     * Every SqlObject DAO, store and CRM: their metadata is built once at start ({@link SqlObjectWarmup}).
     * {@code ArchitectureTest} fails when a DAO is missing here.
     */
    public static final List<Class<?>> SQL_OBJECT_DAOS = List.of(
            io.bazaar.shared.outbox.OutboxDao.class,
            io.bazaar.store.auth.persistence.SessionDao.class,
            io.bazaar.store.customer.persistence.CustomerDao.class,
            io.bazaar.store.staff.persistence.StaffDao.class,
            io.bazaar.store.platform.idempotency.IdempotencyDao.class,
            io.bazaar.store.catalog.persistence.CategoryDao.class,
            io.bazaar.store.catalog.persistence.ProductDao.class,
            io.bazaar.store.catalog.persistence.ProductSearchDao.class,
            io.bazaar.store.cart.persistence.CartDao.class,
            io.bazaar.store.order.persistence.OrderDao.class,
            io.bazaar.crm.customer.persistence.OrderLedgerDao.class,
            io.bazaar.crm.customer.persistence.ContactDao.class,
            io.bazaar.crm.lead.persistence.LeadDao.class,
            io.bazaar.crm.timeline.persistence.TimelineDao.class,
            io.bazaar.crm.message.persistence.MessageDao.class,
            io.bazaar.crm.message.persistence.DevMailboxDao.class,
            io.bazaar.crm.consent.persistence.ConsentDao.class,
            io.bazaar.crm.loyalty.persistence.PointsDao.class,
            io.bazaar.crm.loyalty.persistence.LoyaltyProgramDao.class, // loyalty program (issue #8)
            io.bazaar.crm.survey.persistence.SurveyDao.class,
            io.bazaar.crm.ticket.persistence.TicketDao.class,
            io.bazaar.store.fulfilment.persistence.ShipmentDao.class,
            io.bazaar.store.order.persistence.OrderDiscountDao.class,
            io.bazaar.store.payment.persistence.StripeEventDao.class,
            io.bazaar.store.promotion.persistence.PromotionDao.class,
            io.bazaar.store.refund.persistence.RefundDao.class,
            io.bazaar.store.returns.persistence.ReturnDao.class,
            // ---- Follow-ups, staff tasks, FAQ (issue #7) ----
            io.bazaar.crm.followup.persistence.FollowUpDao.class,
            io.bazaar.crm.task.persistence.StaffTaskDao.class,
            io.bazaar.crm.faq.persistence.FaqDao.class,
            // ---- Reviews, questions (issue #7) and recommendations (issue #8) ----
            io.bazaar.store.review.persistence.ReviewDao.class,
            io.bazaar.store.review.persistence.QuestionDao.class,
            io.bazaar.store.recommendation.persistence.RecommendationDao.class,
            // ---- Metrics (issue #8) ----
            io.bazaar.crm.metrics.persistence.MetricsDao.class,
            // ---- Abandoned-cart leads (issue #6) ----
            io.bazaar.store.cart.persistence.AbandonedCartDao.class);
            // ---- end ----

    private final Set<Object> registeredResources = new LinkedHashSet<>();
    private Jdbi jdbi;
    private Outbox outbox;
    private OutboxDispatcher dispatcher;
    private CatalogQueries catalogQueries;
    private DemoCatalogue demoCatalogue;
    private CrmModule crm;
    private StripeReconciler stripeReconciler;
    private io.bazaar.store.recommendation.app.RecommendationService recommendations; // issue #8

    public static void main(String[] args) throws Exception {
        new BazaarApplication().run(args);
    }

    @Override
    public String getName() {
        return "bazaar";
    }

    /** The application's clock; tests override it to move time. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void initialize(Bootstrap<BazaarConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DbCommand());
        bootstrap.addCommand(new CreateAdminCommand());
        bootstrap.addCommand(new GenerateCatalogueCommand());
        // Dropwizard's validator, with its parameter names remembered instead of read again on every request.
        bootstrap.setValidatorFactory(Validators.newConfiguration()
                .parameterNameProvider(new CachedParameterNames(new JerseyParameterNameProvider()))
                .buildValidatorFactory());
    }

    /** Strict JSON: unknown fields, wrong types and numbers-for-strings are 400s, not silently coerced. */
    public static void configureMapper(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    @Override
    public void run(BazaarConfiguration config, Environment env) throws Exception {
        Clock clock = new MicrosecondClock(clock());
        // Configured here, not in initialize(): config.yml is parsed with Dropwizard's own conventions.
        ObjectMapper mapper = env.getObjectMapper();
        configureMapper(mapper);

        // Data services first: embedded PostgreSQL/Redis when no URL is configured.
        DataServices dataServices = DataServices.resolve(config);
        env.lifecycle().manage(dataServices);

        ManagedDataSource migrationSource = config.database.build(env.metrics(), "flyway");
        try {
            Migrations.migrate(migrationSource);
        } finally {
            migrationSource.stop();
        }

        ManagedDataSource dataSource = config.database.build(env.metrics(), "postgresql");
        if (dataSource instanceof DataSourceProxy pool) {
            // The pool's statement facade wraps every statement and result set in a dynamic proxy, so each column
            // read went through reflection (about 2% of the store's CPU on the checkout path). It only serves
            // statement interceptors (none here) and statements used after their connection went back to the pool
            // (Jdbi closes its statements with their handle).
            pool.getPoolProperties().setUseStatementFacade(false);
        }
        jdbi = JdbiSetup.configure(new JdbiFactory().build(env, config.database, dataSource, "postgresql"));
        SqlObjectWarmup.warm(jdbi, SQL_OBJECT_DAOS);

        RedisClient redis = new RedisClient(config.redis.url, (int) config.redis.timeout.toMilliseconds());
        env.lifecycle().manage(redis);
        env.healthChecks().register("redis", new RedisHealthCheck(redis));

        // Shared infrastructure.
        outbox = new Outbox(mapper, clock);
        IdempotencyStore idempotency = new IdempotencyStore(jdbi, clock,
                config.idempotency.retention.toJavaDuration(), config.idempotency.inFlightTimeout.toJavaDuration());
        LoginThrottle throttle = new LoginThrottle(redis.pool(), clock,
                new LoginThrottle.Limit(config.auth.loginPerAccount.attempts, config.auth.loginPerAccount.period.toJavaDuration()),
                new LoginThrottle.Limit(config.auth.loginPerIp.attempts, config.auth.loginPerIp.period.toJavaDuration()));
        PasswordHasher hasher = new PasswordHasher();
        PasswordPolicy policy = new PasswordPolicy();
        SessionService sessions = new SessionService(jdbi, clock, config.auth.customerSessionTtl.toJavaDuration(),
                config.auth.staffSessionTtl.toJavaDuration());

        // Features.
        CustomerService customers = new CustomerService(jdbi, clock, outbox, hasher, policy, sessions, throttle);
        StaffService staff = new StaffService(jdbi, clock, hasher, policy, sessions, throttle);
        staff.bootstrapAdmin(config.auth.bootstrapAdminEmail, config.auth.bootstrapAdminPassword);

        // ---- Promotions (issue #4, item 2): discount codes and automatic promotions for carts and checkout ----
        PromotionService promotions = new PromotionService(jdbi, clock, outbox);
        // ---- end Promotions ----
        // ---- Cart, checkout, orders and payments ----
        CartService carts = new CartService(jdbi, clock, mapper, config.checkout.pricesIncludeTax,
                config.checkout.defaultCurrency, promotions);
        // Payments: manual always; Stripe when its keys are configured (docs/PAYMENTS.md).
        List<PaymentProvider> paymentProviders = new ArrayList<>();
        paymentProviders.add(new ManualPaymentProvider(config.checkout.manualPaymentInstructions));
        StripePaymentProvider stripe = null;
        if (config.stripe.enabled()) {
            stripe = new StripePaymentProvider(StripePaymentProvider.client(config.stripe.secretKey,
                    config.stripe.apiBase, config.stripe.connectTimeout.toJavaDuration(),
                    config.stripe.readTimeout.toJavaDuration(), config.stripe.maxNetworkRetries));
            paymentProviders.add(stripe);
            LOG.info("Stripe payments are enabled{}", config.stripe.apiBase.isBlank() ? ""
                    : " (API at " + config.stripe.apiBase + ")");
        }
        OrderService orders = new OrderService(jdbi, clock, mapper, outbox, carts, new InventoryService(),
                paymentProviders, config.checkout.reservationTtl.toJavaDuration(), promotions);
        StripeWebhooks stripeWebhooks = stripe == null ? null : new StripeWebhooks(jdbi, clock, orders,
                config.stripe.webhookSecret, config.stripe.webhookTolerance.toJavaDuration());
        stripeReconciler = stripe == null ? null : new StripeReconciler(jdbi, clock, orders, stripe,
                config.stripe.reconcileAfter.toJavaDuration(), config.stripe.reconcileInterval.toJavaDuration());
        // ---- end cart, checkout, orders ----
        // ---- Catalogue (issue #3) ----
        CatalogCache catalogCache = new CatalogCache(redis.pool(), mapper, 600, 120);
        CatalogService catalog = new CatalogService(jdbi, clock, outbox, catalogCache, mapper);
        catalogQueries = new CatalogQueries(jdbi, catalogCache, mapper);
        ProductImporter productImporter = new ProductImporter(catalog, mapper);
        demoCatalogue = new DemoCatalogue(catalog, productImporter, mapper);
        if (dataServices.embedded()) {
            // First start of the embedded default: a newcomer can browse at once. No-op once products exist.
            demoCatalogue.loadIfEmpty();
        }
        // ---- end Catalogue ----

        // ---- Fulfilment, returns, exchanges and refunds (issue #5) ----
        FulfilmentService fulfilment = new FulfilmentService(jdbi, clock, outbox, orders,
                new CarrierSignature(config.fulfilment.carrierCallbackSecret,
                        config.fulfilment.carrierCallbackTolerance.toJavaDuration()));
        orders.useShipmentViews(fulfilment);
        RefundService refunds = new RefundService(jdbi, clock, outbox, orders);
        ReturnService returns = new ReturnService(jdbi, clock, outbox, orders, fulfilment, refunds,
                new InventoryService(), config.fulfilment.returnWindow.toJavaDuration());
        // ---- end fulfilment ----

        // --- CRM (issue #6) -------------------------------------------------------------------
        // The CRM and the one integration point between it and the store: intake from the outbox,
        // and the store's side of the CRM's ports (staff directory, personal data export/erasure).
        StoreCrmPorts crmPorts = new StoreCrmPorts(customers, staff, orders, returns, outbox);
        crm = new CrmModule(jdbi, mapper, clock, CrmSettingsMapper.toCrmConfig(config), crmPorts, crmPorts, crmPorts,
                CrmSettingsMapper.toTicketSettings(config), new StoreGoodwillRefunds(refunds),
                CrmSettingsMapper.toFollowUpSettings(config)); // follow-up quiet hours (issue #7)
        outbox.register(new CrmIntakeConsumer(crm.intake(), mapper));
        // --- end CRM ---------------------------------------------------------------------------
        // ---- Segments and campaigns (issue #8): the catalogue feeds the new-products occasion ----
        crm.occasions().useNewProducts(new io.bazaar.store.crmintegration.StoreNewProducts(jdbi));
        // ---- end ----

        // ---- Loyalty checkout (issue #8): redemption, referral discount and tier benefits at checkout ----
        crm.loyaltyProgram().configure(CrmSettingsMapper.toLoyaltyRules(config));
        carts.useLoyalty(new io.bazaar.store.crmintegration.CrmLoyaltyAdapter(crm.loyaltyProgram()));
        // ---- end ----
        // ---- Reviews and questions (issue #7, part 5), recommendations (issue #8, part 6) ----
        // Reviews and questions share the tickets' blocked words, plus their own (docs/REVIEWS.md).
        List<String> communityBlocked = new ArrayList<>(config.crm.tickets.blockedWords);
        communityBlocked.addAll(config.reviews.blockedWords);
        io.bazaar.store.review.app.CommunitySettings community = new io.bazaar.store.review.app.CommunitySettings(
                config.reviews.autoApproveClean, communityBlocked, config.reviews.holdLinks);
        io.bazaar.store.review.app.ReviewService reviews = new io.bazaar.store.review.app.ReviewService(jdbi, clock,
                outbox, catalogQueries, catalog, fulfilment, community);
        crmPorts.useReviews(reviews);
        io.bazaar.store.review.app.QuestionService questions = new io.bazaar.store.review.app.QuestionService(jdbi,
                clock, outbox, catalogQueries, fulfilment, community);
        recommendations = new io.bazaar.store.recommendation.app.RecommendationService(jdbi, clock, catalogQueries,
                        new io.bazaar.store.recommendation.app.RecommendationCache(redis.pool(),
                                config.recommendations.cacheTtl.toSeconds()),
                        config.recommendations.refreshInterval.toJavaDuration(),
                        config.recommendations.lookback.toJavaDuration());
        // ---- end reviews and recommendations ----

        dispatcher = new OutboxDispatcher(jdbi, outbox, mapper, clock, config.outbox.batchSize,
                config.outbox.maxAttempts, config.outbox.baseBackoff.toJavaDuration(),
                config.outbox.maxBackoff.toJavaDuration());
        ScheduledExecutorService jobs = env.lifecycle().scheduledExecutorService("bazaar-jobs-%d").threads(2).build();
        if (config.outbox.dispatcherEnabled) {
            long every = config.outbox.pollInterval.toMilliseconds();
            jobs.scheduleWithFixedDelay(guarded("outbox dispatch", dispatcher::dispatchAll), every, every,
                    TimeUnit.MILLISECONDS);
        }
        long expiryEvery = config.checkout.expiryInterval.toMilliseconds();
        jobs.scheduleWithFixedDelay(guarded("reservation expiry", () -> {
            while (orders.expireUnpaid(100) == 100) {
                // keep going while whole batches expire
            }
        }), expiryEvery, expiryEvery, TimeUnit.MILLISECONDS);
        if (stripeReconciler != null) {
            // Settles Stripe payments whose webhook never arrived; cluster-safe (claims with SKIP LOCKED).
            long every = config.stripe.reconcileInterval.toMilliseconds();
            StripeReconciler reconciler = stripeReconciler;
            jobs.scheduleWithFixedDelay(guarded("stripe reconciliation", () -> {
                while (reconciler.reconcile(50) == 50) {
                    // keep going while whole batches are due
                }
            }), every, every, TimeUnit.MILLISECONDS);
        }
        if (config.crm.messages.senderEnabled) { // CRM (issue #6): the notification outbox sender
            long every = config.crm.messages.pollInterval.toMilliseconds();
            jobs.scheduleWithFixedDelay(guarded("crm messages", crm.messages()::dispatchDue), every, every,
                    TimeUnit.MILLISECONDS);
        }
        jobs.scheduleWithFixedDelay(guarded("points expiry", () -> {
            while (crm.loyalty().expireDue(100) == 100) {
                // keep going while whole batches expire
            }
        }), 1, 10, TimeUnit.MINUTES);
        // ---- Loyalty tiers (issue #8): re-evaluate due customers (spend ageing out), cluster-safe (SKIP LOCKED) ----
        long tierEvery = config.crm.loyalty.tierJobInterval.toMilliseconds();
        jobs.scheduleWithFixedDelay(guarded("loyalty tiers", () -> {
            while (crm.loyaltyProgram().reevaluateDueTiers(100) == 100) {
                // keep going while whole batches are due
            }
        }), tierEvery, tierEvery, TimeUnit.MILLISECONDS);
        // ---- end ----
        // ---- After-sales (issue #7): SLA breach detection, cluster-safe (SKIP LOCKED) ----
        if (config.crm.tickets.slaCheckEnabled) {
            long every = config.crm.tickets.slaCheckInterval.toMilliseconds();
            jobs.scheduleWithFixedDelay(guarded("ticket SLA breaches", crm.tickets()::detectBreaches), every, every,
                    TimeUnit.MILLISECONDS);
        }
        // ---- end after-sales ----
        // Catalogue (issue #3): the "best selling" sort ranks by units sold in the last 30 days.
        jobs.scheduleWithFixedDelay(guarded("best sellers", () -> catalogQueries.refreshBestSellers(clock.instant(),
                Duration.ofDays(30))), 1, 15, TimeUnit.MINUTES);
        // ---- Follow-ups (issue #7): due follow-up jobs, cluster-safe (SKIP LOCKED) ----
        if (config.crm.followUps.executorEnabled) {
            long every = config.crm.followUps.pollInterval.toMilliseconds();
            jobs.scheduleWithFixedDelay(guarded("follow-ups", crm.followUps()::runDue), every, every,
                    TimeUnit.MILLISECONDS);
        }
        // ---- end follow-ups ----
        // ---- Recommendations (issue #8): co-purchase rebuild, one instance per interval (conditional update) ----
        if (config.recommendations.refreshEnabled) {
            jobs.scheduleWithFixedDelay(guarded("recommendation refresh", recommendations::refreshIfDue), 1, 1,
                    TimeUnit.MINUTES);
        }
        // ---- end recommendations ----
        // ---- Abandoned-cart leads (issue #6): cluster-safe (SKIP LOCKED + conditional mark) ----
        if (config.abandonedCarts.enabled) {
            AbandonedCarts abandoned = new AbandonedCarts(jdbi, clock, outbox, config.abandonedCarts.after.toJavaDuration());
            long every = config.abandonedCarts.checkInterval.toMilliseconds();
            jobs.scheduleWithFixedDelay(guarded("abandoned carts", () -> {
                while (abandoned.detect(100) == 100) {
                    // keep going while whole batches are due
                }
            }), every, every, TimeUnit.MILLISECONDS);
        }
        // ---- end ----
        // ---- Segments and campaigns (issue #8): all cluster-safe (SKIP LOCKED claims, unique recipients) ----
        if (config.crm.campaigns.jobsEnabled) {
            jobs.scheduleWithFixedDelay(guarded("rfm refresh", () -> crm.rfm().refreshIfDue(
                    config.crm.campaigns.rfmRefreshInterval.toJavaDuration())), 1, 5, TimeUnit.MINUTES);
            long every = config.crm.campaigns.dispatchInterval.toMilliseconds();
            jobs.scheduleWithFixedDelay(guarded("campaigns", crm.campaigns()::dispatchDue), every, every,
                    TimeUnit.MILLISECONDS);
            jobs.scheduleWithFixedDelay(guarded("occasions", crm.occasions()::runDue), 2, 60, TimeUnit.MINUTES);
        }
        // ---- end ----
        jobs.scheduleWithFixedDelay(guarded("housekeeping", () -> {
            idempotency.purgeExpired();
            sessions.purgeExpired(Duration.ofDays(7));
        }), 1, 10, TimeUnit.MINUTES);

        // HTTP: servlet filters, then Jersey providers and resources.
        env.servlets().addFilter("trace-id", new TraceIdFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        env.servlets().addFilter("security-headers", new SecurityHeadersFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), true, "/*");
        if (!config.http.corsAllowedOrigins.isEmpty()) {
            CrossOriginHandler cors = new CrossOriginHandler();
            cors.setAllowedOriginPatterns(Set.copyOf(config.http.corsAllowedOrigins.stream()
                    .map(o -> java.util.regex.Pattern.quote(o)).toList()));
            cors.setAllowedMethods(Set.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id",
                    "X-Bazaar-Channel", "If-Match"));
            cors.setExposedHeaders(Set.of("Location", "Retry-After", "X-Request-Id", "Idempotent-Replayed"));
            cors.setAllowCredentials(false);
            env.getApplicationContext().insertHandler(cors);
        }

        env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JettyProblemErrorHandler()));
        env.getApplicationContext().setErrorHandler(new JettyProblemErrorHandler());
        ExceptionMappers.all().forEach(env.jersey()::register);
        env.jersey().register(new BodyLimitFilter(config.http.maxBodySize.toBytes(),
                Map.of(AdminCatalogResource.IMPORT_PATH, 1024L * 1024 * 1024)));
        TokenAuthenticator authenticator = new TokenAuthenticator(sessions);
        env.jersey().register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<AuthUser>()
                .setAuthenticator(authenticator)
                .setAuthorizer(authenticator)
                .setPrefix("Bearer")
                .setRealm("bazaar")
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter()));
        env.jersey().register(RolesAllowedDynamicFeature.class);
        env.jersey().register(new AuthValueFactoryProvider.Binder<>(AuthUser.class));
        env.jersey().register(new IdempotencyFeature(new IdempotencyFilter(idempotency)));

        resource(env, new HealthResource(env.healthChecks()));
        resource(env, new PingResource());
        resource(env, new CustomersResource(customers));
        resource(env, new SessionsResource(customers, sessions));
        resource(env, new MeResource(customers));
        resource(env, new StaffResource(staff, sessions));
        resource(env, new CartsResource(carts));
        resource(env, new MeCartResource(carts));
        resource(env, new CheckoutResource(orders));
        resource(env, new MeCheckoutResource(orders, customers));
        resource(env, new OrdersResource(orders));
        resource(env, new MeOrdersResource(orders));
        resource(env, new AdminOrdersResource(orders));
        // Fulfilment, returns and refunds (issue #5).
        resource(env, new AdminShipmentsResource(fulfilment));
        resource(env, new CarrierCallbackResource(fulfilment, mapper, env.getValidator()));
        resource(env, new MeReturnsResource(returns));
        resource(env, new GuestReturnsResource(returns));
        resource(env, new AdminReturnsResource(returns));
        resource(env, new AdminRefundsResource(refunds));
        resource(env, new StripeWebhookResource(stripeWebhooks));
        resource(env, new CatalogResource(catalogQueries));
        resource(env, new AdminCatalogResource(catalog, productImporter));
        resource(env, new AdminPromotionsResource(promotions)); // Promotions (issue #4)
        // ---- Reviews and questions (issue #7), recommendations (issue #8) ----
        resource(env, new io.bazaar.store.review.web.ProductReviewsResource(reviews));
        resource(env, new io.bazaar.store.review.web.MeReviewsResource(reviews));
        resource(env, new io.bazaar.store.review.web.AdminReviewsResource(reviews));
        resource(env, new io.bazaar.store.review.web.ProductQuestionsResource(questions));
        resource(env, new io.bazaar.store.review.web.QuestionsResource(questions));
        resource(env, new io.bazaar.store.review.web.AdminQuestionsResource(questions));
        resource(env, new io.bazaar.store.review.web.AdminAnswersResource(questions));
        resource(env, new io.bazaar.store.recommendation.web.ProductRecommendationsResource(recommendations));
        resource(env, new io.bazaar.store.recommendation.web.MeRecommendationsResource(recommendations));
        resource(env, new io.bazaar.store.recommendation.web.AdminRecommendationsResource(recommendations));
        // ---- end reviews and recommendations ----
        crm.resources().forEach(r -> resource(env, r));
        if (config.http.openApi) {
            env.jersey().register(new OpenApiResource(this::resourceClasses, mapper));
        }
        LOG.info("Bazaar is wired{}", dataServices.embedded() ? " (embedded PostgreSQL/Redis under "
                + config.embedded.dataDir + ")" : "");
    }

    private void resource(Environment env, Object resource) {
        if (!resource.getClass().isAnnotationPresent(Path.class)) {
            throw new IllegalArgumentException(resource.getClass() + " is not a JAX-RS resource");
        }
        registeredResources.add(resource);
        env.jersey().register(resource);
    }

    /** Classes of every resource registered; the OpenAPI document and its test are built from this. */
    public Set<Class<?>> resourceClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        registeredResources.forEach(r -> classes.add(r.getClass()));
        return classes;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Outbox outbox() {
        return outbox;
    }

    public CatalogQueries catalogQueries() {
        return catalogQueries;
    }

    public DemoCatalogue demoCatalogue() {
        return demoCatalogue;
    }

    public CrmModule crm() {
        return crm;
    }

    /** The Stripe reconciliation job, or null when Stripe is not configured. */
    public StripeReconciler stripeReconciler() {
        return stripeReconciler;
    }

    /** Recommendations (issue #8); tests drive its refresh job directly, as two instances would. */
    public io.bazaar.store.recommendation.app.RecommendationService recommendations() {
        return recommendations;
    }

    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Set when the JVM starts shutting down. Ctrl-C on {@code mvn -Prun} signals the embedded PostgreSQL too, which
     * may stop before the jobs do: a job cut off then is part of stopping, not an error.
     */
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "bazaar-shutdown-flag"));
    }

    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (shuttingDown) {
                    LOG.info("background job '{}' stopped by shutdown: {}", name, e.getClass().getSimpleName());
                    return;
                }
                // A scheduled task that throws is never run again; log and keep the schedule alive.
                LOG.error("background job '{}' failed; it will run again at its next tick", name, e);
            }
        };
    }
}
