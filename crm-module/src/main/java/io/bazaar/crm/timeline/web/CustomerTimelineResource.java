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
import io.bazaar.shared.security.Caller;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Map;
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

    /** A call, meeting or note logged by staff. Timeline type becomes {@code staff.<type>}. */
    public record LogEntryRequest(
            @NotNull @Pattern(regexp = "call|meeting|note|visit|email|message",
                    message = "must be call, meeting, note, visit, email or message") String type,
            @NotNull @Pattern(regexp = "physical|interactive", message = "must be physical or interactive") String kind,
            @NotNull @Pattern(regexp = "web|mobile|email|sms|phone|in_person",
                    message = "must be web, mobile, email, sms, phone or in_person") String channel,
            @NotBlank @Size(max = 2000) String summary,
            Instant occurredAt,
            @Size(max = 10) Map<@Size(max = 40) String, @Size(max = 200) String> refs) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log a call, meeting or note on the customer's timeline",
            description = "Physical (in person, phone) or interactive contact recorded by the signed-in staff member; "
                    + "occurred_at defaults to now.",
            responses = {@ApiResponse(responseCode = "201", description = "Logged"),
                    @ApiResponse(responseCode = "404", description = "No such customer in the CRM")})
    public Response log(@PathParam("customerId") String customerId, @Context SecurityContext security,
                        @NotNull @Valid LogEntryRequest request) {
        UUID id = Ids.parse(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
        TimelineEntry entry = timeline.logByStaff(id, Caller.staffId(security), new TimelineService.StaffEntry(
                "staff." + request.type(), parseEnum(InteractionKind.class, "kind", request.kind()),
                parseEnum(Channel.class, "channel", request.channel()), request.summary().strip(), request.refs(),
                request.occurredAt()));
        return Response.created(URI.create("/v1/admin/crm/customers/" + id + "/timeline/" + entry.id()))
                .entity(entry).build();
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
