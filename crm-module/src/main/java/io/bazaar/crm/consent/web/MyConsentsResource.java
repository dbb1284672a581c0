package io.bazaar.crm.consent.web;

import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.consent.web.ConsentRequests.ConsentChangeResponse;
import io.bazaar.crm.consent.web.ConsentRequests.ConsentResponse;
import io.bazaar.crm.consent.web.ConsentRequests.ConsentsResponse;
import io.bazaar.crm.consent.web.ConsentRequests.UpdateConsentsRequest;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

@Path("/v1/me/consents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "CRM: consent")
public class MyConsentsResource {
    private final ConsentService consents;

    public MyConsentsResource(ConsentService consents) {
        this.consents = consents;
    }

    @GET
    @Operation(summary = "The signed-in customer's consents and their history",
            description = "One entry per channel (email, sms) and purpose (marketing, surveys, order_updates). "
                    + "Marketing and surveys are opt-in; order updates are on until withdrawn.")
    public ConsentsResponse get(@Context SecurityContext security) {
        return response(Caller.customerId(security));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant or withdraw consents",
            description = "Only the listed consents change; each change is added to the ledger with the time, "
                    + "the source (me_api) and the current policy version.")
    public ConsentsResponse update(@Context SecurityContext security, @NotNull @Valid UpdateConsentsRequest request,
                                   @Parameter(in = ParameterIn.HEADER, description = "web (default), mobile")
                                   @HeaderParam("X-Bazaar-Channel") String channel) {
        UUID customerId = Caller.customerId(security);
        String source = "mobile".equalsIgnoreCase(channel) ? "me_api_mobile" : "me_api";
        consents.changeForCustomer(customerId, request.consents().stream().map(i -> new ConsentService.Change(
                ConsentChannel.fromDb(i.channel()), ConsentPurpose.fromDb(i.purpose()), i.granted())).toList(), source);
        return response(customerId);
    }

    private ConsentsResponse response(UUID customerId) {
        return new ConsentsResponse(consents.policyVersion(),
                consents.current(customerId).stream().map(ConsentResponse::of).toList(),
                consents.history(customerId).stream().map(ConsentChangeResponse::of).toList());
    }

}
