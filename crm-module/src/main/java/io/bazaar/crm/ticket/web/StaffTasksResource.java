package io.bazaar.crm.ticket.web;

import io.bazaar.crm.ticket.app.TicketService;
import io.bazaar.crm.ticket.app.TicketViews.StaffTask;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@Path("/v1/admin/crm/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: staff tasks")
public class StaffTasksResource {
    private final TicketService tickets;

    public StaffTasksResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @GET
    @Operation(summary = "Staff tasks (e.g. SLA escalations for managers), newest first",
            description = "?status=open|done, ?ticket_id= filter.")
    public Page<StaffTask> list(@QueryParam("status") String status, @QueryParam("ticket_id") String ticketId,
                                @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (status != null && !status.equals("open") && !status.equals("done")) {
            throw ApiException.validation("status", "must be open or done");
        }
        return tickets.tasks(status, ticketId == null ? null : Ids.parse(ticketId)
                        .orElseThrow(() -> ApiException.validation("ticket_id", "must be a UUID")),
                Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @POST
    @Path("{id}/completion")
    @Operation(summary = "Mark a task done (409 if it already is)")
    public StaffTask complete(@Context SecurityContext security, @PathParam("id") String id) {
        return tickets.completeTask(Caller.staffId(security),
                Ids.parse(id).orElseThrow(() -> ApiException.notFound("Task")));
    }
}
