package io.bazaar.store.returns.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.returns.app.ReturnService;
import io.bazaar.store.returns.app.ReturnService.ReturnView;
import io.bazaar.store.returns.web.ReturnRequests.CreateReturnRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The signed-in customer's returns; another customer's return or order id answers 404. */
@Path("/v1/me/returns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Returns")
public class MeReturnsResource {
    private final ReturnService returns;

    public MeReturnsResource(ReturnService returns) {
        this.returns = returns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask to return delivered lines (or exchange them for another variant)",
            description = "Within the return window after delivery (422 return_window_closed); at most the delivered "
                    + "units not yet returned (422 quantity_unavailable).")
    public Response create(@Auth AuthUser user, @HeaderParam("X-Bazaar-Channel") String channel,
                           @NotNull @Valid CreateReturnRequest request) {
        ReturnView view = returns.request(user.id(), new ReturnService.RequestCommand(id("Order", request.orderId()),
                lines(request.lines()), request.reasonCode(), request.comment(), channel == null ? "web" : channel));
        return Response.created(URI.create("/v1/me/returns/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "My returns, newest first")
    public List<ReturnView> list(@Auth AuthUser user, @QueryParam("limit") Integer limit) {
        return returns.listForCustomer(user.id(), limit == null ? 50 : Math.max(1, Math.min(limit, 200)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of my returns with its status history")
    public ReturnView get(@Auth AuthUser user, @PathParam("id") String id) {
        return returns.getForCustomer(user.id(), id("Return", id));
    }

    static List<ReturnService.RequestLine> lines(List<ReturnRequests.ReturnLineRequest> requested) {
        List<ReturnService.RequestLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            ReturnRequests.ReturnLineRequest l = requested.get(i);
            String field = "lines[" + i + "]";
            UUID lineId = Ids.parse(l.orderLineId()).orElseThrow(() -> ApiException.validation(field
                    + ".order_line_id", "must be an order line id"));
            UUID replacement = l.replacementVariantId() == null ? null : Ids.parse(l.replacementVariantId())
                    .orElseThrow(() -> ApiException.validation(field + ".replacement_variant_id", "must be a variant id"));
            lines.add(new ReturnService.RequestLine(lineId, l.quantity(), replacement));
        }
        return lines;
    }

    static UUID id(String what, String raw) {
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(what));
    }
}
