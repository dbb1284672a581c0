package io.bazaar.crm.customer.web;

import io.bazaar.crm.customer.app.CustomerProfileService;
import io.bazaar.crm.customer.app.CustomerViews.Customer360;
import io.bazaar.crm.customer.app.CustomerViews.CustomerSummary;
import io.bazaar.crm.customer.app.CustomerViews.ManagedCustomer;
import io.bazaar.crm.customer.domain.CustomerType;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

@Path("/v1/admin/crm")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: customers")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.SUPPORT)
public class CrmCustomersResource {

    public record UpdateCustomerRequest(
            @Pattern(regexp = "individual|business", message = "must be individual or business") String customerType,
            @Size(max = 200) String companyName,
            @Size(max = 50) String taxId,
            @Size(max = 30) List<@NotNull @Size(min = 1, max = 40) String> tags) {
    }

    public record AssignAccountManagerRequest(@NotNull UUID staffId) {
    }

    private final CustomerProfileService customers;

    public CrmCustomersResource(CustomerProfileService customers) {
        this.customers = customers;
    }

    @GET
    @Path("customers")
    @Operation(summary = "Search customers by name, email, phone, order number or tag",
            description = "?q= matches name (Persian/Arabic letter and digit variants equal), email, phone digits or an "
                    + "exact order number; ?tag= filters by tag. Keyset pagination, newest first.")
    public Page<CustomerSummary> search(@QueryParam("q") String q, @QueryParam("tag") String tag,
                                        @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200) {
            throw ApiException.validation("q", "must be at most 200 characters");
        }
        return customers.search(q, tag, Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("customers/{id}")
    @Operation(summary = "Customer 360",
            description = "Profile, customer type, order figures from the CRM's order ledger (net of refunds, cancelled "
                    + "orders excluded), open returns, consents, account manager, tags and the latest timeline entries.")
    public Customer360 get(@PathParam("id") String id) {
        return customers.view(parse(id));
    }

    @PATCH
    @Path("customers/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change customer type (individual/business with company name and tax id) or tags",
            description = "Absent fields stay as they are; a business needs a company name; tags replace the old set.")
    public Customer360 update(@PathParam("id") String id, @NotNull @Valid UpdateCustomerRequest request) {
        return customers.update(parse(id), new CustomerProfileService.ProfileChanges(
                request.customerType() == null ? null : CustomerType.fromDb(request.customerType()),
                request.companyName(), request.taxId(), request.tags()));
    }

    @PUT
    @Path("customers/{id}/account-manager")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Assign a dedicated account manager (a staff member) to the customer")
    public Customer360 assign(@PathParam("id") String id, @NotNull @Valid AssignAccountManagerRequest request) {
        return customers.assignAccountManager(parse(id), request.staffId());
    }

    @DELETE
    @Path("customers/{id}/account-manager")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Remove the customer's account manager")
    public Customer360 unassign(@PathParam("id") String id) {
        return customers.assignAccountManager(parse(id), null);
    }

    @GET
    @Path("account-managers/{staffId}/customers")
    @Operation(summary = "An account manager's customers with their latest activity",
            description = "Ordered by most recent timeline activity; activity_in_last_thirty_days counts timeline entries.")
    public Page<ManagedCustomer> managed(@PathParam("staffId") String staffId, @QueryParam("limit") Integer limit) {
        UUID id = Ids.parse(staffId).orElseThrow(() -> ApiException.notFound("Staff member"));
        return new Page<>(customers.customersOf(id, Cursor.limit(limit, 100, 500)), null);
    }

    private static UUID parse(String id) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Customer"));
    }
}
