package io.bazaar.crm.ticket.web;

import io.bazaar.crm.ticket.app.TicketService;
import io.bazaar.crm.ticket.app.TicketViews.CustomerTicket;
import io.bazaar.crm.ticket.app.TicketViews.PostedMessage;
import io.bazaar.crm.ticket.app.TicketViews.TicketSummary;
import io.bazaar.crm.ticket.domain.TicketPriority;
import io.bazaar.crm.ticket.domain.TicketType;
import io.bazaar.crm.ticket.web.TicketRequests.CsatRequest;
import io.bazaar.crm.ticket.web.TicketRequests.CustomerMessageRequest;
import io.bazaar.crm.ticket.web.TicketRequests.OpenMyTicketRequest;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.UUID;

@Path("/v1/me/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: my tickets")
public class MyTicketsResource {
    private final TicketService tickets;

    public MyTicketsResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a ticket (complaint, suggestion, criticism or question)",
            description = "Optionally about one of your orders (order_id or order_number) or a product (product_ref). "
                    + "Priority starts normal; SLA due times follow from it. Text caught by the moderation filter is "
                    + "held for staff review instead of being published to the thread.")
    public Response open(@Context SecurityContext security, @NotNull @Valid OpenMyTicketRequest r,
                         @Parameter(in = ParameterIn.HEADER, description = "web (default), mobile")
                         @HeaderParam("X-Bazaar-Channel") String channel) {
        UUID customerId = Caller.customerId(security);
        UUID id = tickets.open(new TicketService.OpenTicket(customerId, null, TicketType.fromWire(r.type()),
                r.subject().strip(), r.message(), TicketPriority.NORMAL,
                "mobile".equalsIgnoreCase(channel) ? Channel.MOBILE : Channel.WEB, r.orderId(),
                blankToNull(r.orderNumber()), blankToNull(r.productRef())));
        return Response.created(URI.create("/v1/me/tickets/" + id)).entity(tickets.getMine(customerId, id)).build();
    }

    @GET
    @Operation(summary = "Your tickets, newest first")
    public Page<TicketSummary> list(@Context SecurityContext security, @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        return tickets.listMine(Caller.customerId(security), Cursor.decode(cursor), Cursor.limit(limit, 20, 100));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of your tickets with its published messages and status history")
    public CustomerTicket get(@Context SecurityContext security, @PathParam("id") String id) {
        return tickets.getMine(Caller.customerId(security), parse(id));
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write in your ticket",
            description = "Reopens a resolved ticket and answers a waiting_on_customer one. visibility is "
                    + "'flagged' when the moderation filter held the text for review. A closed ticket is 409.")
    public Response reply(@Context SecurityContext security, @PathParam("id") String id,
                          @NotNull @Valid CustomerMessageRequest r) {
        PostedMessage m = tickets.customerReply(Caller.customerId(security), parse(id), r.body());
        return Response.status(Response.Status.CREATED).entity(m).build();
    }

    @POST
    @Path("{id}/csat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate how the ticket was handled (1-5), once, after it is resolved",
            description = "A second answer is 409 already_answered; before resolution 409 csat_not_available.")
    public CustomerTicket csat(@Context SecurityContext security, @PathParam("id") String id,
                               @NotNull @Valid CsatRequest r) {
        return tickets.answerCsat(Caller.customerId(security), parse(id), r.score(), r.comment());
    }

    static UUID parse(String id) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Ticket"));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
