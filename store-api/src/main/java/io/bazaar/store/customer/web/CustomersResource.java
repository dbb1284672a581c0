package io.bazaar.store.customer.web;

import io.bazaar.store.customer.app.CustomerService;
import io.bazaar.store.customer.domain.Customer;
import io.bazaar.store.customer.web.CustomerRequests.CustomerResponse;
import io.bazaar.store.customer.web.CustomerRequests.RegisterCustomerRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class CustomersResource {
    private final CustomerService customers;

    public CustomersResource(CustomerService customers) {
        this.customers = customers;
    }

    @POST
    @Operation(summary = "Register a customer account",
            description = "Creates the account; sign in with POST /v1/sessions to get a token. Accepts Idempotency-Key.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Account created"),
                    @ApiResponse(responseCode = "400", description = "Invalid input or weak password"),
                    @ApiResponse(responseCode = "409", description = "Email already registered")})
    public Response register(@NotNull @Valid RegisterCustomerRequest request,
                             @Parameter(in = ParameterIn.HEADER, description = "web (default), mobile")
                             @HeaderParam("X-Bazaar-Channel") String channel) {
        Customer c = customers.register(new CustomerService.Registration(request.email(), request.password(),
                request.name(), request.phone(), request.locale(), "mobile".equalsIgnoreCase(channel) ? "mobile" : "web"));
        return Response.created(URI.create("/v1/me")).entity(CustomerResponse.of(c)).build();
    }
}
