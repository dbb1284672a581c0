package io.bazaar.store.returns.web;

import io.bazaar.store.returns.app.ReturnService;
import io.bazaar.store.returns.app.ReturnService.ReturnView;
import io.bazaar.store.returns.web.ReturnRequests.GuestReturnRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Returns of a guest order, reached with the order access token sent at checkout ({@code X-Order-Token}).
 * A missing or wrong token answers 404, as for an unknown order.
 */
@Path("/v1/orders/{orderId}/returns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Returns")
public class GuestReturnsResource {
    private static final String TOKEN_HEADER = "X-Order-Token";
    private final ReturnService returns;

    public GuestReturnsResource(ReturnService returns) {
        this.returns = returns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A guest asks to return (or exchange) delivered lines of their order (X-Order-Token)",
            description = "The same checks as POST /v1/me/returns.")
    public Response create(@PathParam("orderId") String orderId, @HeaderParam(TOKEN_HEADER) String token,
                           @HeaderParam("X-Bazaar-Channel") String channel, @NotNull @Valid GuestReturnRequest request) {
        UUID order = MeReturnsResource.id("Order", orderId);
        ReturnView view = returns.requestAsGuest(token, new ReturnService.RequestCommand(order,
                MeReturnsResource.lines(request.lines()), request.reasonCode(), request.comment(),
                channel == null ? "web" : channel));
        return Response.created(URI.create("/v1/orders/" + order + "/returns/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "The returns of a guest order (X-Order-Token)")
    public List<ReturnView> list(@PathParam("orderId") String orderId, @HeaderParam(TOKEN_HEADER) String token) {
        return returns.listForGuest(MeReturnsResource.id("Order", orderId), token);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One return of a guest order with its status history (X-Order-Token)")
    public ReturnView get(@PathParam("orderId") String orderId, @PathParam("id") String id,
                          @HeaderParam(TOKEN_HEADER) String token) {
        return returns.getForGuest(MeReturnsResource.id("Order", orderId), token, MeReturnsResource.id("Return", id));
    }
}
