package io.bazaar.store.returns.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.refund.app.RefundService.RefundView;
import io.bazaar.store.returns.app.ReturnService;
import io.bazaar.store.returns.app.ReturnService.ReturnView;
import io.bazaar.store.returns.domain.ReturnStatus;
import io.bazaar.store.returns.web.ReturnRequests.DecisionRequest;
import io.bazaar.store.returns.web.ReturnRequests.ExtraPaymentRequest;
import io.bazaar.store.returns.web.ReturnRequests.ReplacementShipmentRequest;
import io.bazaar.store.returns.web.ReturnRequests.ReceiptRequest;
import io.bazaar.store.returns.web.ReturnRequests.RejectionRequest;
import io.bazaar.store.returns.web.ReturnRequests.ReturnRefundRequest;
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

/** Staff handle returns: approve or reject, receive the goods, refund. */
@Path("/v1/admin/returns")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Returns (staff)")
public class AdminReturnsResource {
    private final ReturnService returns;

    public AdminReturnsResource(ReturnService returns) {
        this.returns = returns;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Search returns, newest first (?status=, ?order_id=)")
    public List<ReturnView> list(@QueryParam("status") String status, @QueryParam("order_id") String orderId,
                                 @QueryParam("limit") Integer limit) {
        String s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = ReturnStatus.fromDb(status.strip()).dbValue();
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("status", "unknown status '" + status + "'");
            }
        }
        java.util.UUID order = orderId == null || orderId.isBlank() ? null : Ids.parse(orderId)
                .orElseThrow(() -> ApiException.validation("order_id", "must be an order id"));
        return returns.search(s, order, limit == null ? 50 : Math.max(1, Math.min(limit, 200)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "One return with lines and status history")
    public ReturnView get(@PathParam("id") String id) {
        return returns.getForStaff(MeReturnsResource.id("Return", id));
    }

    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Approve a requested return (manager); an exchange reserves its replacement")
    public ReturnView approve(@Auth AuthUser staff, @PathParam("id") String id, @Valid DecisionRequest request) {
        return returns.approve(staff.id(), MeReturnsResource.id("Return", id), request == null ? null : request.message());
    }

    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Reject a requested return with a message to the customer (manager)")
    public ReturnView reject(@Auth AuthUser staff, @PathParam("id") String id,
                             @NotNull @Valid RejectionRequest request) {
        return returns.reject(staff.id(), MeReturnsResource.id("Return", id), request.message().strip());
    }

    @POST
    @Path("{id}/receipt")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Receive the returned goods: each unit restocked or written off as damaged (manager)")
    public ReturnView receive(@Auth AuthUser staff, @PathParam("id") String id, @NotNull @Valid ReceiptRequest request) {
        List<ReturnService.ReceiptLine> lines = request.lines().stream().map(l -> new ReturnService.ReceiptLine(
                Ids.parse(l.orderLineId()).orElseThrow(() -> ApiException.validation("lines.order_line_id",
                        "must be an order line id")), l.restocked(), l.damaged())).toList();
        return returns.receive(staff.id(), MeReturnsResource.id("Return", id), lines);
    }

    @POST
    @Path("{id}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Refund a received return through the order's payment provider (manager)",
            description = "The paid value of the returned lines, plus the order's shipping if include_shipping.")
    public Response refund(@Auth AuthUser staff, @PathParam("id") String id, @Valid ReturnRefundRequest request) {
        RefundView refund = returns.refund(staff.id(), MeReturnsResource.id("Return", id),
                request != null && Boolean.TRUE.equals(request.includeShipping()));
        return Response.created(URI.create("/v1/admin/refunds/" + refund.id())).entity(refund).build();
    }

    @POST
    @Path("{id}/extra-payment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Record that an exchange's extra payment was received (manager)",
            description = "A dearer replacement's difference, collected out of band (bank transfer, cash, payment "
                    + "link). Once: a second call is 409 illegal_transition.")
    public ReturnView extraPayment(@Auth AuthUser staff, @PathParam("id") String id,
                                   @Valid ExtraPaymentRequest request) {
        return returns.markExtraPaymentReceived(staff.id(), MeReturnsResource.id("Return", id),
                request == null ? null : request.reference());
    }

    @POST
    @Path("{id}/replacement-shipment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Ship an approved exchange's replacement (manager)",
            description = "Consumes the replacement reserved at approval; 409 extra_payment_pending while a dearer "
                    + "replacement's difference has not been received. Tracked and delivered like any shipment.")
    public Response shipReplacement(@Auth AuthUser staff, @PathParam("id") String id,
                                    @NotNull @Valid ReplacementShipmentRequest request) {
        ReturnView view = returns.shipReplacement(staff.id(), MeReturnsResource.id("Return", id), request.carrier(),
                request.trackingNumber(), request.trackingUrl());
        return Response.created(URI.create("/v1/admin/shipments/" + view.replacementShipmentId())).entity(view).build();
    }
}
