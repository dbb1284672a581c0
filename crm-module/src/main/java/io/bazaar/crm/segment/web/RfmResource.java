package io.bazaar.crm.segment.web;

import io.bazaar.crm.segment.app.RfmService;
import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/admin/crm/rfm")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "CRM: segments")
public class RfmResource {
    private final RfmService rfm;
    private final SegmentService segments;

    public RfmResource(RfmService rfm, SegmentService segments) {
        this.rfm = rfm;
        this.segments = segments;
    }

    @GET
    @Path("segments")
    @Operation(summary = "Customers per named RFM segment",
            description = "champions, loyal, potential, new, at_risk, hibernating, lost (scored customers) and lead "
                    + "(contacts who never bought); refreshed_at is the last full refresh.")
    public RfmService.Counts counts() {
        return rfm.counts();
    }

    @GET
    @Path("segments/{segment}/customers")
    @Operation(summary = "Members of a named RFM segment, by customer id (keyset pagination)")
    public Page<SegmentService.Member> members(@PathParam("segment") String segment,
                                               @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return segments.members(new SegmentService.Target(segment, null), cursor, Cursor.limit(limit, 50, 500));
    }

    @GET
    @Path("customers/{id}")
    @Operation(summary = "One customer's RFM scores and segment", description = "404 for a customer without orders "
            + "that count (a lead).")
    public RfmService.Score score(@PathParam("id") String id) {
        return rfm.score(Ids.parse(id).orElseThrow(() -> ApiException.notFound("RFM score")))
                .orElseThrow(() -> ApiException.notFound("RFM score"));
    }

    @POST
    @Path("refresh")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Recompute every customer's RFM scores now",
            description = "The same set-based refresh the job runs; waits for one already running elsewhere.")
    public RfmService.RefreshResult refresh() {
        return rfm.refresh();
    }
}
