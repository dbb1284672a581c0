package io.bazaar.store.order.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.order.app.OrderService;
import io.bazaar.store.order.app.OrderViews.OrderSummary;
import io.bazaar.store.order.app.OrderViews.OrderView;
import io.bazaar.store.order.domain.OrderStatus;
import io.bazaar.store.order.web.OrderRequests.CancelRequest;
import io.bazaar.store.order.web.OrderRequests.NoteRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

@Path("/v1/admin/orders")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Orders (staff)")
public class AdminOrdersResource {
    private final OrderService orders;

    public AdminOrdersResource(OrderService orders) {
        this.orders = orders;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Search orders, newest first",
            description = "Filters: status, customer_id, q (order number or email), from/to (ISO instants).")
    public Page<OrderSummary> list(@QueryParam("status") String status, @QueryParam("customer_id") String customerId,
                                   @QueryParam("q") String q, @QueryParam("from") String from,
                                   @QueryParam("to") String to, @QueryParam("limit") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        String s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = OrderStatus.fromDb(status.strip()).dbValue();
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("status", "unknown status '" + status + "'");
            }
        }
        UUID customer = null;
        if (customerId != null && !customerId.isBlank()) {
            customer = io.bazaar.shared.id.Ids.parse(customerId)
                    .orElseThrow(() -> ApiException.validation("customer_id", "must be a customer id"));
        }
        return orders.search(new OrderService.OrderFilter(s, customer, q == null || q.isBlank() ? null : q.strip(),
                instant("from", from), instant("to", to)), Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "One order with lines, payment, status history and staff notes")
    public OrderView get(@PathParam("id") String id) {
        return orders.getForStaff(OrdersResource.id(id));
    }

    @POST
    @Path("{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Add an internal note")
    public OrderView note(@Auth AuthUser staff, @PathParam("id") String id, @NotNull @Valid NoteRequest request) {
        return orders.addNote(staff.id(), OrdersResource.id(id), request.body());
    }

    @POST
    @Path("{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Cancel an order that has not shipped (manager)")
    public OrderView cancel(@Auth AuthUser staff, @PathParam("id") String id, @Valid CancelRequest request) {
        return orders.cancelByStaff(staff.id(), OrdersResource.id(id), request == null ? null : request.reason());
    }

    @POST
    @Path("{id}/manual-payment")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Record that a bank transfer or cash payment arrived (manager)",
            description = "pending_payment -> paid; any other status is 409 illegal_transition.")
    public OrderView markPaid(@Auth AuthUser staff, @PathParam("id") String id) {
        return orders.markPaid(OrdersResource.id(id), staff.id());
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field.toLowerCase(Locale.ROOT), "must be an ISO-8601 instant");
        }
    }
}
