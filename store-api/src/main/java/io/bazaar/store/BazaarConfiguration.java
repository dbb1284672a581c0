package io.bazaar.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Everything in config.yml; each value can come from an environment variable (see README). */
public class BazaarConfiguration extends Configuration {

    /** Connection pool settings; {@code url: embedded} means "start the embedded PostgreSQL". */
    @Valid
    @NotNull
    @JsonProperty
    public DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    public RedisSettings redis = new RedisSettings();

    @Valid
    @NotNull
    @JsonProperty
    public EmbeddedSettings embedded = new EmbeddedSettings();

    @Valid
    @NotNull
    @JsonProperty
    public AuthSettings auth = new AuthSettings();

    @Valid
    @NotNull
    @JsonProperty
    public HttpSettings http = new HttpSettings();

    @Valid
    @NotNull
    @JsonProperty
    public OutboxSettings outbox = new OutboxSettings();

    @Valid
    @NotNull
    @JsonProperty
    public IdempotencySettings idempotency = new IdempotencySettings();

    @Valid
    @NotNull
    @JsonProperty
    public CheckoutSettings checkout = new CheckoutSettings();

    public static class CheckoutSettings {
        /** Whether catalogue prices include tax (shown as its part) or tax is added on top. */
        @JsonProperty
        public boolean pricesIncludeTax = true;
        /** Currency of a customer's cart; guest carts may choose another at creation. */
        @JsonProperty
        @NotBlank
        public String defaultCurrency = "IRR";
        /** How long checkout holds stock for an unpaid order before giving it back. */
        @JsonProperty
        @NotNull
        public Duration reservationTtl = Duration.minutes(30);
        /** How often the expiry job looks for unpaid orders past their reservation. */
        @JsonProperty
        @NotNull
        public Duration expiryInterval = Duration.seconds(30);
        /** Shown to customers who chose the manual provider; {order_number} is replaced. */
        @JsonProperty
        @NotBlank
        public String manualPaymentInstructions =
                "Pay by bank transfer quoting order {order_number}, or in cash on delivery.";
    }

    @Valid
    @NotNull
    @JsonProperty
    public CrmSettings crm = new CrmSettings();

    @Valid
    @NotNull
    @JsonProperty
    public FulfilmentSettings fulfilment = new FulfilmentSettings();

    /** Shipments, returns and refunds (issue #5). */
    public static class FulfilmentSettings {
        /** How long after a line's delivery the customer may ask to return it. */
        @JsonProperty
        @NotNull
        public Duration returnWindow = Duration.days(7);
        /** HMAC-SHA256 key carriers sign their callbacks with (CARRIER_CALLBACK_SECRET); empty disables them. */
        @JsonProperty
        public String carrierCallbackSecret = "";
        /** How far a callback's X-Bazaar-Timestamp may be from our clock. */
        @JsonProperty
        @NotNull
        public Duration carrierCallbackTolerance = Duration.minutes(5);
    }

    @Valid
    @NotNull
    @JsonProperty
    public StripeSettings stripe = new StripeSettings();

    /**
     * Card payments through Stripe (see docs/PAYMENTS.md). Enabled when both keys are set; with neither,
     * checkout offers only the manual provider.
     */
    public static class StripeSettings {
        /** Secret API key, {@code sk_test_...} or {@code sk_live_...} (STRIPE_SECRET_KEY). */
        @JsonProperty
        public String secretKey = "";
        /** Signing secret of the webhook endpoint, {@code whsec_...} (STRIPE_WEBHOOK_SECRET). */
        @JsonProperty
        public String webhookSecret = "";
        /** Base URL of Stripe's API; empty means Stripe itself. Tests point it at a stub (STRIPE_API_BASE). */
        @JsonProperty
        public String apiBase = "";
        /** How old a webhook signature may be; Stripe's libraries use 5 minutes. */
        @JsonProperty
        @NotNull
        public Duration webhookTolerance = Duration.minutes(5);
        @JsonProperty
        @NotNull
        public Duration connectTimeout = Duration.seconds(10);
        @JsonProperty
        @NotNull
        public Duration readTimeout = Duration.seconds(30);
        /** stripe-java's own retries of failed requests (safe: every POST carries our idempotency key). */
        @JsonProperty
        @Min(0)
        @Max(5)
        public int maxNetworkRetries = 2;
        /** Unpaid Stripe payments older than this are checked against Stripe by the reconciliation job. */
        @JsonProperty
        @NotNull
        public Duration reconcileAfter = Duration.minutes(10);
        /** How often the reconciliation job runs, and how long before it checks a payment again. */
        @JsonProperty
        @NotNull
        public Duration reconcileInterval = Duration.minutes(5);

        public boolean enabled() {
            boolean key = secretKey != null && !secretKey.isBlank();
            boolean hook = webhookSecret != null && !webhookSecret.isBlank();
            if (key != hook) {
                throw new IllegalStateException("Stripe needs both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET "
                        + "(stripe.secretKey and stripe.webhookSecret); only one is set. Set both to take card "
                        + "payments, or neither to run without Stripe.");
            }
            return key;
        }
    }

    public static class RedisSettings {
        /** {@code redis://[:password@]host:port[/db]}; {@code embedded} means "start the embedded Redis". */
        @JsonProperty
        public String url = "embedded";
        @JsonProperty
        @NotNull
        public Duration timeout = Duration.seconds(2);
    }

    public static class EmbeddedSettings {
        /** Where embedded PostgreSQL and Redis keep their data. */
        @JsonProperty
        @NotBlank
        public String dataDir = "./data";
        @JsonProperty
        @NotBlank
        public String databaseName = "bazaar";
        /** 0 picks a free port at each start. */
        @JsonProperty
        @Min(0)
        @Max(65535)
        public int postgresPort = 0;
        @JsonProperty
        @Min(0)
        @Max(65535)
        public int redisPort = 0;
    }

    public static class AuthSettings {
        @JsonProperty
        @NotNull
        public Duration customerSessionTtl = Duration.days(30);
        @JsonProperty
        @NotNull
        public Duration staffSessionTtl = Duration.hours(12);
        @Valid
        @NotNull
        @JsonProperty
        public RateLimit loginPerAccount = new RateLimit(5, Duration.minutes(15));
        @Valid
        @NotNull
        @JsonProperty
        public RateLimit loginPerIp = new RateLimit(30, Duration.minutes(15));
        /** First admin, created at start when no admin exists yet (BAZAAR_ADMIN_EMAIL / _PASSWORD). */
        @JsonProperty
        public String bootstrapAdminEmail = "";
        @JsonProperty
        public String bootstrapAdminPassword = "";
    }

    public static class RateLimit {
        @JsonProperty
        @Min(1)
        public int attempts;
        @JsonProperty
        @NotNull
        public Duration period;

        public RateLimit() {
        }

        public RateLimit(int attempts, Duration period) {
            this.attempts = attempts;
            this.period = period;
        }
    }

    public static class HttpSettings {
        @JsonProperty
        @NotNull
        public DataSize maxBodySize = DataSize.kibibytes(256);
        /** Origins allowed to call the API from a browser; empty means no cross-origin access. */
        @JsonProperty
        @NotNull
        public List<String> corsAllowedOrigins = new ArrayList<>();
        /** Publish the OpenAPI document at /v1/openapi.json. */
        @JsonProperty
        public boolean openApi = true;
    }

    public static class OutboxSettings {
        @JsonProperty
        public boolean dispatcherEnabled = true;
        @JsonProperty
        @NotNull
        public Duration pollInterval = Duration.milliseconds(250);
        @JsonProperty
        @Min(1)
        public int batchSize = 100;
        @JsonProperty
        @Min(1)
        public int maxAttempts = 12;
        @JsonProperty
        @NotNull
        public Duration baseBackoff = Duration.seconds(2);
        @JsonProperty
        @NotNull
        public Duration maxBackoff = Duration.hours(1);
    }

    public static class IdempotencySettings {
        /** How long a stored response is replayed for a retried Idempotency-Key (at least 24h). */
        @JsonProperty
        @NotNull
        public Duration retention = Duration.hours(24);
        /** A request still "in flight" after this long is treated as abandoned (crashed instance). */
        @JsonProperty
        @NotNull
        public Duration inFlightTimeout = Duration.minutes(2);
    }

    /** The CRM: messages (SMTP or dev mailbox), unsubscribe links, legal texts. */
    public static class CrmSettings {
        @JsonProperty
        @NotBlank
        public String shopName = "Bazaar";
        /** Base of links in messages (unsubscribe), e.g. https://shop.example. */
        @JsonProperty
        @NotBlank
        public String publicBaseUrl = "http://localhost:8080";
        /**
         * HMAC key of unsubscribe links (BAZAAR_SECRET). Empty: a random one is generated once and kept
         * in the data directory, which suits development only; set it in production so every instance
         * signs alike.
         */
        @JsonProperty
        public String secret = "";
        @JsonProperty
        @NotNull
        public Duration unsubscribeTokenTtl = Duration.days(365);
        @JsonProperty
        @NotBlank
        public String policyVersion = "2026-01";
        @Valid
        @NotNull
        @JsonProperty
        public SmtpSettings smtp = new SmtpSettings();
        @Valid
        @NotNull
        @JsonProperty
        public MessageSettings messages = new MessageSettings();
        /** Privacy policy text per locale (fa, en). */
        @JsonProperty
        @NotNull
        public java.util.Map<String, String> privacyPolicy = new java.util.HashMap<>();
        /** Terms text per locale (fa, en). */
        @JsonProperty
        @NotNull
        public java.util.Map<String, String> terms = new java.util.HashMap<>();
        /** After-sales (issue #7): tickets, SLA and moderation. */
        @Valid
        @NotNull
        @JsonProperty
        public TicketSettings tickets = new TicketSettings();
        // ---- Follow-ups (issue #7) ----
        @Valid
        @NotNull
        @JsonProperty
        public FollowUpSettings followUps = new FollowUpSettings();
        // ---- end ----
        // ---- Loyalty program (issue #8) ----
        @Valid
        @NotNull
        @JsonProperty
        public LoyaltySettings loyalty = new LoyaltySettings();
        // ---- end ----
        // ---- Segments and campaigns (issue #8) ----
        @Valid
        @NotNull
        @JsonProperty
        public CampaignSettings campaigns = new CampaignSettings();
        // ---- end ----
    }

    /** Segments and campaigns (issue #8). The frequency cap and RFM currency are staff settings in the database. */
    public static class CampaignSettings {
        /** The RFM refresh, campaign dispatch and occasion jobs (all cluster-safe). */
        @JsonProperty
        public boolean jobsEnabled = true;
        /** A full RFM refresh runs when the last one is older than this. */
        @JsonProperty
        @NotNull
        public Duration rfmRefreshInterval = Duration.hours(1);
        /** How often each instance looks for due campaigns. */
        @JsonProperty
        @NotNull
        public Duration dispatchInterval = Duration.seconds(30);
    }

    // ---- Loyalty program (issue #8): redemption, referrals, tiers; defaults in LoyaltyProgramRules.defaults() ----
    public static class LoyaltySettings {
        @Valid
        @JsonProperty
        public RedemptionSettings redemption;
        @Valid
        @JsonProperty
        public ReferralSettings referral;
        /** Lowest first; the last is the top (VIP) tier. Absent: the default silver/gold/vip. */
        @Valid
        @JsonProperty
        public List<TierSettings> tiers;
        /** false: the shop runs no tiers (no tier discounts, no tier changes); points and referrals go on. */
        @JsonProperty
        public boolean tiersEnabled = true;
        /** How often a customer's tier is re-evaluated without new orders (spend ageing out). */
        @JsonProperty
        @NotNull
        public Duration tierReevaluationInterval = Duration.days(1);
        /** How often each instance runs the (cluster-safe) tier re-evaluation job. */
        @JsonProperty
        @NotNull
        public Duration tierJobInterval = Duration.minutes(10);
    }

    public static class RedemptionSettings {
        /** Minor units one point takes off, per currency (IRR: 1000, EUR: 1 = 0.01 EUR). */
        @JsonProperty
        @NotNull
        public java.util.Map<String, Long> pointValue = new java.util.HashMap<>();
        @JsonProperty
        public long minPoints = 100;
        @JsonProperty
        public int minSharePercent = 0;
        @JsonProperty
        public int maxSharePercent = 50;
    }

    public static class ReferralSettings {
        @JsonProperty
        public int friendDiscountPercent = 10;
        @JsonProperty
        public long referrerPoints = 500;
    }

    public static class TierSettings {
        @JsonProperty
        @NotNull
        public String code;
        @JsonProperty
        @NotNull
        public String name;
        /** Rolling 12-month net spend per currency, minor units. */
        @JsonProperty
        @NotNull
        public java.util.Map<String, Long> thresholds = new java.util.HashMap<>();
        @JsonProperty
        public int discountPercent;
        @JsonProperty
        public boolean freeShipping;
        @JsonProperty
        public boolean earlyAccess;
    }
    // ---- end ----

    // ---- Follow-ups (issue #7) ----
    /** Follow-up rules' executor and the quiet hours in which no follow-up goes out. */
    public static class FollowUpSettings {
        /** Runs the executor on this instance (cluster-safe: any number of instances may). */
        @JsonProperty
        public boolean executorEnabled = true;
        @JsonProperty
        @NotNull
        public Duration pollInterval = Duration.seconds(30);
        /** Local time (HH:mm) quiet hours start; equal to quietEnd means no quiet hours. */
        @JsonProperty
        @NotNull
        @jakarta.validation.constraints.Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm")
        public String quietStart = "21:00";
        @JsonProperty
        @NotNull
        @jakarta.validation.constraints.Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm")
        public String quietEnd = "09:00";
        /** The shop's time zone (IANA id) the quiet hours are read in. */
        @JsonProperty
        @NotBlank
        public String timeZone = "Asia/Tehran";
    }
    // ---- end ----

    /** After-sales tickets (issue #7). */
    public static class TicketSettings {
        /** How often each instance looks for SLA breaches (cluster-safe: SKIP LOCKED). */
        @JsonProperty
        public boolean slaCheckEnabled = true;
        @JsonProperty
        @NotNull
        public Duration slaCheckInterval = Duration.minutes(1);
        /** Time a manager has for the task an SLA breach creates. */
        @JsonProperty
        @NotNull
        public Duration escalationTaskDue = Duration.hours(1);
        /** How long a signed survey link can be answered. */
        @JsonProperty
        @NotNull
        public Duration surveyLinkTtl = Duration.days(30);
        /** Overrides per priority (urgent, high, normal, low); absent priorities keep the defaults. */
        @JsonProperty
        @NotNull
        public java.util.Map<String, SlaTarget> sla = new java.util.HashMap<>();
        /** Words or phrases that hold a customer's ticket message for staff review. */
        @JsonProperty
        @NotNull
        public List<String> blockedWords = new ArrayList<>();
    }

    public static class SlaTarget {
        @JsonProperty
        @NotNull
        public Duration firstResponse;
        @JsonProperty
        @NotNull
        public Duration resolution;
    }

    public static class SmtpSettings {
        /** Empty host: the dev mailbox (messages stored, visible at /v1/admin/crm/dev-mailbox). */
        @JsonProperty
        public String host = "";
        @JsonProperty
        @Min(1)
        @Max(65535)
        public int port = 587;
        @JsonProperty
        public String username = "";
        @JsonProperty
        public String password = "";
        @JsonProperty
        @NotBlank
        public String from = "Bazaar <no-reply@bazaar.local>";
        @JsonProperty
        public boolean startTls = true;
    }

    public static class MessageSettings {
        @JsonProperty
        public boolean senderEnabled = true;
        @JsonProperty
        @NotNull
        public Duration pollInterval = Duration.seconds(1);
        @JsonProperty
        @Min(1)
        public int maxAttempts = 8;
        @JsonProperty
        @NotNull
        public Duration baseBackoff = Duration.seconds(30);
        @JsonProperty
        @NotNull
        public Duration maxBackoff = Duration.hours(2);
    }

    // ---- Reviews, questions (issue #7, part 5) and recommendations (issue #8, part 6) ----
    /** Moderation of reviews, product questions and answers (docs/REVIEWS.md). */
    @Valid
    @NotNull
    @JsonProperty
    public ReviewSettings reviews = new ReviewSettings();

    public static class ReviewSettings {
        /** Publish text the automatic filter finds clean at once; false holds everything for staff. */
        @JsonProperty
        public boolean autoApproveClean = true;
        /** Hold text containing a link (http://, https://, www.). */
        @JsonProperty
        public boolean holdLinks = true;
        /** Extra blocked words for reviews and questions, on top of crm.tickets.blockedWords. */
        @JsonProperty
        @NotNull
        public List<String> blockedWords = new ArrayList<>();
    }

    /** Recommendations (docs/REVIEWS.md#recommendations). */
    @Valid
    @NotNull
    @JsonProperty
    public RecommendationSettings recommendations = new RecommendationSettings();

    public static class RecommendationSettings {
        /** How often the "bought together" table is rebuilt from paid orders (one instance per interval). */
        @JsonProperty
        @NotNull
        public Duration refreshInterval = Duration.hours(1);
        /** Whether this instance runs the refresh job at all. */
        @JsonProperty
        public boolean refreshEnabled = true;
        /** Only orders placed this long ago or later count as co-purchases. */
        @JsonProperty
        @NotNull
        public Duration lookback = Duration.days(365);
        /** How long ranked candidates stay in Redis; stock, status and "already bought" are checked live. */
        @JsonProperty
        @NotNull
        public Duration cacheTtl = Duration.minutes(10);
    }
    // ---- end reviews and recommendations ----

    // ---- Abandoned-cart leads (issue #6) ----
    @Valid
    @NotNull
    @JsonProperty
    public AbandonedCartSettings abandonedCarts = new AbandonedCartSettings();

    /** Guest carts with an email left unbought become CRM leads. */
    public static class AbandonedCartSettings {
        @JsonProperty
        public boolean enabled = true;
        /** How long after its last change an open guest cart with an email counts as abandoned. */
        @JsonProperty
        @NotNull
        public Duration after = Duration.hours(24);
        /** How often the job looks for abandoned carts (cluster-safe: SKIP LOCKED). */
        @JsonProperty
        @NotNull
        public Duration checkInterval = Duration.minutes(1);
    }
    // ---- end ----
}
