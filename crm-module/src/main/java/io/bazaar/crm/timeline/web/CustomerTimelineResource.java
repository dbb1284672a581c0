package io.bazaar.crm.timeline.web;

import io.bazaar.crm.timeline.app.TimelineFilter;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.crm.timeline.domain.TimelineEntry;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

@Path("/v1/admin/crm/customers/{customerId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: timeline")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.SUPPORT)
public class CustomerTimelineResource {
    private final TimelineService timeline;

    public CustomerTimelineResource(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GET
    @Operation(summary = "A customer's timeline, newest first",
            description = "Every interaction with the customer: kind (transactional, interactive, physical), "
                    + "channel, type and period filters; keyset pagination with limit and cursor.")
    public Page<TimelineEntry> list(@PathParam("customerId") String customerId,
                                    @QueryParam("kind") String kind,
                                    @QueryParam("channel") String channel,
                                    @QueryParam("type") String type,
                                    @QueryParam("from") String from,
                                    @QueryParam("to") String to,
                                    @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        UUID id = Ids.parse(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
        TimelineFilter filter;
        try {
            filter = new TimelineFilter(parseEnum(InteractionKind.class, "kind", kind),
                    parseEnum(Channel.class, "channel", channel), blankToNull(type),
                    parseInstant("from", from), parseInstant("to", to));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("from", e.getMessage());
        }
        return timeline.list(id, filter, Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field, "unknown value '" + raw + "'");
        }
    }

    private static Instant parseInstant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
