package io.bazaar.store.staff.web;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.app.IssuedSession;
import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.auth.domain.StaffRole;
import io.bazaar.store.platform.idempotency.IdempotencyExempt;
import io.bazaar.store.staff.app.StaffService;
import io.bazaar.store.staff.domain.StaffMember;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff")
public class StaffResource {

    public record CreateStaffRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "support|manager|admin", message = "must be support, manager or admin") String role,
            @NotNull @Size(max = 128) String password) {
    }

    public record StaffSignInRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 1024) String password) {
    }

    public record StaffResponse(UUID id, String email, String name, String role, boolean active, Instant createdAt) {
        static StaffResponse of(StaffMember m) {
            return new StaffResponse(m.id(), m.email(), m.name(), m.role().roleName(), m.active(), m.createdAt());
        }
    }

    public record StaffSessionResponse(String token, String tokenType, Instant expiresAt) {
    }

    private final StaffService staff;
    private final SessionService sessions;

    public StaffResource(StaffService staff, SessionService sessions) {
        this.staff = staff;
        this.sessions = sessions;
    }

    @POST
    @Path("sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @IdempotencyExempt("the response carries a bearer token, which is never stored")
    @Operation(summary = "Sign in as staff", description = "Rate-limited like customer sign-in.")
    public Response signIn(@NotNull @Valid StaffSignInRequest request, @Context HttpServletRequest http) {
        IssuedSession s = staff.signIn(request.email(), request.password(), http.getRemoteAddr());
        return Response.created(URI.create("/v1/admin/sessions/current"))
                .entity(new StaffSessionResponse(s.token(), "Bearer", s.expiresAt()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("sessions/current")
    @PermitAll
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sign out: revoke the token used for this request")
    public Response signOut(@Auth AuthUser user) {
        sessions.revoke(user.sessionId());
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.SUPPORT)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The signed-in staff member")
    public StaffResponse me(@Auth AuthUser user) {
        return StaffResponse.of(staff.get(user.id()));
    }

    @POST
    @Path("staff")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a staff account (admin only)")
    public Response create(@Auth AuthUser admin, @NotNull @Valid CreateStaffRequest request) {
        StaffMember m = staff.create(request.email(), request.name(), StaffRole.fromRoleName(request.role()),
                request.password(), admin.id());
        return Response.created(URI.create("/v1/admin/staff/" + m.id())).entity(StaffResponse.of(m)).build();
    }

    @GET
    @Path("staff")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "List staff accounts, newest first (admin only)")
    public Page<StaffResponse> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Page<StaffMember> page = staff.list(Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
        return new Page<>(page.data().stream().map(StaffResponse::of).toList(), page.nextCursor());
    }

    @GET
    @Path("staff/{id}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "One staff account (admin only)")
    public StaffResponse get(@PathParam("id") String id) {
        return StaffResponse.of(staff.get(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Staff member"))));
    }
}
