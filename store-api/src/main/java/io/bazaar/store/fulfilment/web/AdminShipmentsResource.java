package io.bazaar.store.fulfilment.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.fulfilment.app.FulfilmentService;
import io.bazaar.store.fulfilment.web.ShipmentRequests.CreateShipmentRequest;
import io.bazaar.store.order.app.OrderViews.ShipmentView;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Staff ship paid orders (partially or fully) and record deliveries. */
@Path("/v1/admin/shipments")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Fulfilment (staff)")
public class AdminShipmentsResource {
    private final FulfilmentService fulfilment;

    public AdminShipmentsResource(FulfilmentService fulfilment) {
        this.fulfilment = fulfilment;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Ship some or all lines of a paid order (manager)",
            description = "Quantities never exceed ordered minus already shipped (422 quantity_unavailable); "
                    + "an unpaid or cancelled order is 409 order_not_paid. Omit lines to ship everything left.")
    public Response create(@Auth AuthUser staff, @NotNull @Valid CreateShipmentRequest request) {
        List<FulfilmentService.ShipLine> lines = request.lines() == null ? List.of() : request.lines().stream()
                .map(l -> new FulfilmentService.ShipLine(Ids.parse(l.orderLineId()).orElseThrow(
                        () -> ApiException.validation("lines.order_line_id", "must be an order line id")), l.quantity()))
                .toList();
        ShipmentView view = fulfilment.ship(staff.id(), new FulfilmentService.ShipCommand(id("Order", request.orderId()),
                request.carrier(), request.trackingNumber(), request.trackingUrl(), lines));
        return Response.created(URI.create("/v1/admin/shipments/" + view.id())).entity(view).build();
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "The shipments of an order (?order_id=)")
    public List<ShipmentView> list(@QueryParam("order_id") String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ApiException.validation("order_id", "is required");
        }
        return fulfilment.forOrder(id("Order", orderId));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "One shipment")
    public ShipmentView get(@PathParam("id") String id) {
        return fulfilment.shipment(id("Shipment", id));
    }

    @POST
    @Path("{id}/delivery")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Mark a shipment delivered (manager)", description = "A delivered shipment is 409 illegal_transition.")
    public ShipmentView deliver(@Auth AuthUser staff, @PathParam("id") String id) {
        return fulfilment.markDeliveredByStaff(staff.id(), id("Shipment", id));
    }

    static UUID id(String what, String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(what));
    }
}
