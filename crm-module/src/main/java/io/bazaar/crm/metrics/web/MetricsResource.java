package io.bazaar.crm.metrics.web;

import io.bazaar.crm.metrics.app.MetricsService;
import io.bazaar.crm.metrics.app.MetricsViews.Churn;
import io.bazaar.crm.metrics.app.MetricsViews.Cohorts;
import io.bazaar.crm.metrics.app.MetricsViews.CommunicationMix;
import io.bazaar.crm.metrics.app.MetricsViews.LeadConversions;
import io.bazaar.crm.metrics.app.MetricsViews.LifetimeValue;
import io.bazaar.crm.metrics.app.MetricsViews.OrderValue;
import io.bazaar.crm.metrics.app.MetricsViews.RepeatPurchase;
import io.bazaar.crm.metrics.app.MetricsViews.Retention;
import io.bazaar.crm.metrics.app.MetricsViews.ReturnRates;
import io.bazaar.crm.metrics.app.MetricsViews.Satisfaction;
import io.bazaar.crm.metrics.app.MetricsViews.SlaCompliance;
import io.bazaar.crm.metrics.domain.MetricsPeriod;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.money.Money;
import io.bazaar.shared.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Retention and growth metrics for managers, computed from the CRM's own ledgers. Ranges are
 * {@code [from, to)}: ISO-8601 instants or dates (a date means 00:00 UTC). Formulas: docs/METRICS.md.
 */
@Path("/v1/admin/crm/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: metrics")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.MANAGER)
public class MetricsResource {
    private final MetricsService metrics;

    public MetricsResource(MetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("retention")
    @Operation(summary = "Retention and churn rate per period",
            description = "For each month/quarter/year P starting in [from, to): customers who bought in P-1 and again "
                    + "in P / customers who bought in P-1; churn = 1 - retention.")
    public Retention retention(@QueryParam("period") String period, @QueryParam("from") String from,
                               @QueryParam("to") String to) {
        return metrics.retention(period(period), instant("from", from), instant("to", to));
    }

    @GET
    @Path("repeat-purchase")
    @Operation(summary = "Repeat-purchase rate in a range",
            description = "Customers with at least two purchases in [from, to) / customers with at least one.")
    public RepeatPurchase repeatPurchase(@QueryParam("from") String from, @QueryParam("to") String to) {
        return metrics.repeatPurchase(instant("from", from), instant("to", to));
    }

    @GET
    @Path("churn")
    @Operation(summary = "Inactivity churn at a point in time",
            description = "Customers whose last purchase up to `at` (default now) is more than inactive_days "
                    + "(default 180) old / customers with any purchase up to `at`.")
    public Churn churn(@QueryParam("at") String at, @QueryParam("inactive_days") Integer inactiveDays) {
        return metrics.churn(at == null ? metrics.now() : instant("at", at), inactiveDays == null ? 180 : inactiveDays);
    }

    @GET
    @Path("order-value")
    @Operation(summary = "Average order value (net of refunds) in one currency",
            description = "Net revenue of purchases placed in [from, to) in `currency` / their number.")
    public OrderValue orderValue(@QueryParam("currency") String currency, @QueryParam("from") String from,
                                 @QueryParam("to") String to) {
        return metrics.orderValue(currency(currency), instant("from", from), instant("to", to));
    }

    @GET
    @Path("lifetime-value")
    @Operation(summary = "Customer lifetime value: historic and predicted, in one currency",
            description = "Historic: net spend per customer up to `at` (default now). Predicted: AOV x purchases per "
                    + "customer per year x expected lifespan (1 / annual churn, capped at 5 years), over the 365 days "
                    + "up to `at`.")
    public LifetimeValue lifetimeValue(@QueryParam("currency") String currency, @QueryParam("at") String at) {
        return metrics.lifetimeValue(currency(currency), at == null ? metrics.now() : instant("at", at));
    }

    @GET
    @Path("cohorts")
    @Operation(summary = "Monthly cohort retention table",
            description = "Cohort = month of a customer's first purchase (months starting in [from, to)); cell k = "
                    + "share of the cohort that bought in month cohort + k (k < months, default 12).")
    public Cohorts cohorts(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("months") Integer months) {
        return metrics.cohorts(instant("from", from), instant("to", to), months == null ? 12 : months);
    }

    @GET
    @Path("satisfaction")
    @Operation(summary = "NPS and CSAT trend per period",
            description = "From all survey answers (NPS and CSAT questions of every template) and ticket CSAT ratings.")
    public Satisfaction satisfaction(@QueryParam("period") String period, @QueryParam("from") String from,
                                     @QueryParam("to") String to) {
        return metrics.satisfaction(period(period), instant("from", from), instant("to", to));
    }

    @GET
    @Path("ticket-sla")
    @Operation(summary = "Ticket SLA compliance per period",
            description = "Per period of the ticket's opening: first-response and resolution targets met / (met + missed).")
    public SlaCompliance ticketSla(@QueryParam("period") String period, @QueryParam("from") String from,
                                   @QueryParam("to") String to) {
        return metrics.ticketSla(period(period), instant("from", from), instant("to", to));
    }

    @GET
    @Path("return-rates")
    @Operation(summary = "Return rate by product",
            description = "Units returned (returns not rejected) / units sold, over paid orders placed in [from, to); "
                    + "highest rate first, at most `limit` (default 50, max 500) products.")
    public ReturnRates returnRates(@QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("limit") Integer limit) {
        if (limit != null && (limit < 1 || limit > 500)) {
            throw ApiException.validation("limit", "must be from 1 to 500");
        }
        return metrics.returnRates(instant("from", from), instant("to", to), limit == null ? 50 : limit);
    }

    @GET
    @Path("lead-conversion")
    @Operation(summary = "Lead conversion rate and median time to convert",
            description = "Leads created in [from, to): converted (so far) / all, overall and per source.")
    public LeadConversions leadConversion(@QueryParam("from") String from, @QueryParam("to") String to) {
        return metrics.leadConversion(instant("from", from), instant("to", to));
    }

    @GET
    @Path("communication-mix")
    @Operation(summary = "Share of transactional, interactive and physical interactions per period",
            description = "Timeline entries per kind by the time they happened.")
    public CommunicationMix communicationMix(@QueryParam("period") String period, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        return metrics.communicationMix(period(period), instant("from", from), instant("to", to));
    }

    private static MetricsPeriod period(String value) {
        if (value == null) {
            return MetricsPeriod.MONTH;
        }
        try {
            return MetricsPeriod.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("period", e.getMessage());
        }
    }

    private static String currency(String value) {
        if (value == null) {
            throw ApiException.validation("currency", "is required (ISO 4217 code such as IRR)");
        }
        try {
            return Money.currency(value).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("currency", e.getMessage());
        }
    }

    static Instant instant(String name, String value) {
        if (value == null) {
            throw ApiException.validation(name, "is required (ISO-8601 instant or date)");
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z or a date "
                    + "such as 2026-01-01");
        }
    }
}
