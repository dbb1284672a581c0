package io.bazaar.crm.ticket.web;

import io.bazaar.crm.ticket.app.TicketService;
import io.bazaar.crm.ticket.app.TicketViews.SlaReport;
import io.bazaar.crm.ticket.app.TicketViews.StaffTicket;
import io.bazaar.crm.ticket.app.TicketViews.TicketSummary;
import io.bazaar.crm.ticket.domain.TicketPriority;
import io.bazaar.crm.ticket.domain.TicketStatus;
import io.bazaar.crm.ticket.domain.TicketType;
import io.bazaar.crm.ticket.web.TicketRequests.GoodwillRequest;
import io.bazaar.crm.ticket.web.TicketRequests.OpenTicketForCustomerRequest;
import io.bazaar.crm.ticket.web.TicketRequests.StaffMessageRequest;
import io.bazaar.crm.ticket.web.TicketRequests.StatusRequest;
import io.bazaar.crm.ticket.web.TicketRequests.UpdateTicketRequest;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/v1/admin/crm/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: tickets (staff)")
public class AdminTicketsResource {
    private final TicketService tickets;

    public AdminTicketsResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a ticket on a customer's behalf (e.g. from a phone call)",
            description = "channel defaults to phone, priority to normal. The order must be the customer's.")
    public Response open(@Context SecurityContext security, @NotNull @Valid OpenTicketForCustomerRequest r) {
        UUID staffId = Caller.staffId(security);
        UUID id = tickets.open(new TicketService.OpenTicket(r.customerId(), staffId, TicketType.fromWire(r.type()),
                r.subject().strip(), r.message(),
                r.priority() == null ? TicketPriority.NORMAL : TicketPriority.fromWire(r.priority()),
                r.channel() == null ? Channel.PHONE : Channel.fromReported(r.channel()), r.orderId(),
                MyTicketsResource.blankToNull(r.orderNumber()), MyTicketsResource.blankToNull(r.productRef())));
        return Response.created(URI.create("/v1/admin/crm/tickets/" + id)).entity(tickets.staffView(id)).build();
    }

    @GET
    @Operation(summary = "The ticket queue, newest first",
            description = "Filters: status, priority, assignee_id, customer_id, escalated=true|false. Keyset pagination.")
    public Page<TicketSummary> queue(@QueryParam("status") String status, @QueryParam("priority") String priority,
                                     @QueryParam("assignee_id") String assigneeId,
                                     @QueryParam("customer_id") String customerId,
                                     @QueryParam("escalated") Boolean escalated,
                                     @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        TicketStatus s = status == null ? null : TicketStatus.fromWire(status);
        if (status != null && s == null) {
            throw ApiException.validation("status", "must be new, open, waiting_on_customer, resolved or closed");
        }
        return tickets.queue(new TicketService.QueueFilter(s, priority(priority), uuidParam("assignee_id", assigneeId),
                uuidParam("customer_id", customerId), escalated), Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("sla-report")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "SLA compliance over tickets opened in [from, to)",
            description = "compliance_percent = met / (met + missed) * 100, one decimal, per target (first response, "
                    + "resolution). Met: achieved by the due time. Missed: achieved late, or overdue now. Tickets whose "
                    + "target is still ahead count in neither. Optional ?priority=.")
    public SlaReport slaReport(@QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("priority") String priority) {
        return tickets.slaReport(instant("from", from), instant("to", to), priority(priority));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A ticket with every message (flagged and internal too), history, SLA and goodwill")
    public StaffTicket get(@PathParam("id") String id) {
        return tickets.staffView(MyTicketsResource.parse(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change priority (recomputes SLA due times) or assign to a staff member")
    public StaffTicket update(@Context SecurityContext security, @PathParam("id") String id,
                              @NotNull @Valid UpdateTicketRequest r) {
        return tickets.update(Caller.staffId(security), MyTicketsResource.parse(id), priority(r.priority()),
                r.assigneeId(), Boolean.TRUE.equals(r.unassign()));
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reply to the customer, or add an internal note (internal: true)",
            description = "The first public reply is the ticket's first response and opens a new ticket.")
    public Response reply(@Context SecurityContext security, @PathParam("id") String id,
                          @NotNull @Valid StaffMessageRequest r) {
        StaffTicket t = tickets.staffReply(Caller.staffId(security), MyTicketsResource.parse(id), r.body(),
                Boolean.TRUE.equals(r.internal()));
        return Response.status(Response.Status.CREATED).entity(t).build();
    }

    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the ticket to another status",
            description = "new -> open|waiting_on_customer|resolved|closed; open -> waiting_on_customer|resolved|closed; "
                    + "waiting_on_customer -> open|resolved|closed; resolved -> open|closed; closed is final. "
                    + "Anything else is 409 illegal_ticket_transition.")
    public StaffTicket status(@Context SecurityContext security, @PathParam("id") String id,
                              @NotNull @Valid StatusRequest r) {
        return tickets.changeStatus(Caller.staffId(security), MyTicketsResource.parse(id),
                TicketStatus.fromWire(r.status()), r.note());
    }

    @POST
    @Path("{id}/goodwill")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Grant a goodwill refund or loyalty points on a resolved ticket",
            description = "Records who granted what and why; the store carries it out through the GoodwillPort "
                    + "(status 'recorded' until a store integration exists). A refund needs a currency; points take none.")
    public Response goodwill(@Context SecurityContext security, @PathParam("id") String id,
                             @NotNull @Valid GoodwillRequest r) {
        if ("refund".equals(r.kind()) && r.currency() == null) {
            throw ApiException.validation("currency", "is required for a refund");
        }
        if ("points".equals(r.kind()) && r.currency() != null) {
            throw ApiException.validation("currency", "must be absent for points");
        }
        StaffTicket t = tickets.grantGoodwill(Caller.staffId(security), MyTicketsResource.parse(id),
                new TicketService.Goodwill(r.kind(), r.amount(), r.currency(), r.reason().strip()));
        return Response.status(Response.Status.CREATED).entity(t).build();
    }

    private static TicketPriority priority(String p) {
        if (p == null) {
            return null;
        }
        TicketPriority priority = TicketPriority.fromWire(p);
        if (priority == null) {
            throw ApiException.validation("priority", "must be urgent, high, normal or low");
        }
        return priority;
    }

    private static UUID uuidParam(String name, String value) {
        if (value == null) {
            return null;
        }
        return Ids.parse(value).orElseThrow(() -> ApiException.validation(name, "must be a UUID"));
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            throw ApiException.validation(name, "is required (ISO-8601 instant)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
