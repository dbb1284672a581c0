package io.bazaar.crm.task.web;

import io.bazaar.crm.task.app.StaffTaskService;
import io.bazaar.crm.task.app.StaffTaskService.StaffTask;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.Locale;
import java.util.UUID;

@Path("/v1/admin/crm/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: staff tasks")
public class StaffTasksResource {
    private final StaffTaskService tasks;

    public StaffTasksResource(StaffTaskService tasks) {
        this.tasks = tasks;
    }

    public record CreateTaskRequest(UUID customerId, UUID orderId, @NotBlank @Size(max = 300) String title,
                                    @Size(max = 4000) String notes, UUID assigneeId,
                                    @Pattern(regexp = "support|manager|admin", message = "must be support, manager or admin")
                                    String assigneeRole,
                                    @NotNull Instant dueAt,
                                    @Pattern(regexp = "interactive|physical", message = "must be interactive or physical")
                                    String kind) {
    }

    public record FinishTaskRequest(@Size(max = 2000) String outcome,
                                    @Pattern(regexp = "web|mobile|email|sms|phone|in_person",
                                            message = "must be web, mobile, email, sms, phone or in_person")
                                    String channel) {
    }

    public record UpdateTaskRequest(UUID assigneeId, Instant dueAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a task (e.g. call this customer); lands on the customer's timeline",
            description = "assignee_role defaults to support; kind (interactive | physical) defaults to interactive.")
    public Response create(@Context SecurityContext security, @NotNull @Valid CreateTaskRequest r) {
        StaffTask t = tasks.create(new StaffTaskService.NewTask(r.customerId(), r.orderId(), r.title().strip(),
                r.notes(), r.assigneeId(), r.assigneeRole() == null ? "support" : r.assigneeRole(), r.dueAt(),
                "physical".equals(r.kind()) ? InteractionKind.PHYSICAL : InteractionKind.INTERACTIVE, "staff",
                Caller.staffId(security)));
        return Response.created(URI.create("/v1/admin/crm/tasks/" + t.id())).entity(t).build();
    }

    @GET
    @Operation(summary = "Staff tasks, newest first",
            description = "Filters: status (open | done | cancelled), assignee_id, assignee=me, role (unassigned tasks "
                    + "of a role), customer_id, ticket_id. Keyset pagination (limit, cursor).")
    public Page<StaffTask> list(@Context SecurityContext security, @QueryParam("status") String status,
                                @QueryParam("assignee_id") String assigneeId, @QueryParam("assignee") String assignee,
                                @QueryParam("role") String role, @QueryParam("customer_id") String customerId,
                                @QueryParam("ticket_id") String ticketId, @QueryParam("limit") Integer limit,
                                @QueryParam("cursor") String cursor) {
        if (status != null && !status.equals("open") && !status.equals("done") && !status.equals("cancelled")) {
            throw ApiException.validation("status", "must be open, done or cancelled");
        }
        if (role != null && !StaffTaskService.ROLES.contains(role)) {
            throw ApiException.validation("role", "must be support, manager or admin");
        }
        if (assignee != null && !"me".equals(assignee)) {
            throw ApiException.validation("assignee", "only 'me' is supported; use assignee_id for others");
        }
        UUID who = assignee != null ? Caller.staffId(security) : uuid("assignee_id", assigneeId);
        return tasks.list(new StaffTaskService.TaskFilter(status, who, role, uuid("customer_id", customerId),
                uuid("ticket_id", ticketId)), Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One task")
    public StaffTask get(@PathParam("id") String id) {
        return tasks.get(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Task")));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reassign an open task or move its due time (409 once finished)")
    public StaffTask update(@PathParam("id") String id, @NotNull @Valid UpdateTaskRequest r) {
        return tasks.update(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Task")), r.assigneeId(), r.dueAt());
    }

    @POST
    @Path("{id}/completion")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Mark a task done (409 if it is not open)",
            description = "Optional body {outcome, channel}: how the customer was reached; the task lands on the "
                    + "timeline as task.completed with the task's kind.")
    public StaffTask complete(@Context SecurityContext security, @PathParam("id") String id,
                              @Valid FinishTaskRequest r) {
        return tasks.complete(Caller.staffId(security), Ids.parse(id).orElseThrow(() -> ApiException.notFound("Task")),
                r == null ? null : r.outcome(),
                r == null || r.channel() == null ? null : Channel.valueOf(r.channel().toUpperCase(Locale.ROOT)));
    }

    @POST
    @Path("{id}/cancellation")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Cancel an open task (409 if it is not open)")
    public StaffTask cancel(@Context SecurityContext security, @PathParam("id") String id, @Valid FinishTaskRequest r) {
        return tasks.cancel(Caller.staffId(security), Ids.parse(id).orElseThrow(() -> ApiException.notFound("Task")),
                r == null ? null : r.outcome());
    }

    private static UUID uuid(String field, String value) {
        return value == null ? null : Ids.parse(value).orElseThrow(() -> ApiException.validation(field, "must be a UUID"));
    }
}
