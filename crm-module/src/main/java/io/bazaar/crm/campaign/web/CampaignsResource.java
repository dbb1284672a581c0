package io.bazaar.crm.campaign.web;

import io.bazaar.crm.campaign.app.CampaignService;
import io.bazaar.crm.campaign.web.CampaignRequests.CreateCampaignRequest;
import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

@Path("/v1/admin/crm/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@SecurityRequirement(name = "bearer")
@Tag(name = "CRM: campaigns")
public class CampaignsResource {
    private final CampaignService campaigns;

    public CampaignsResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign to a segment, sent now or at send_at",
            description = "Consent (marketing, or surveys for survey campaigns) is checked per person when it is "
                    + "sent; marketing messages respect the frequency cap (GET /v1/admin/crm/segment-settings). "
                    + "counts: targeted, sent, pending, skipped_no_consent, skipped_frequency_cap, failed.")
    public Response create(@Context SecurityContext security, @NotNull @Valid CreateCampaignRequest r) {
        SegmentService.Target target = new SegmentService.Target(r.target().rfmSegment(), r.target().segmentId());
        CampaignService.Campaign c = campaigns.create(new CampaignService.Create(r.name(),
                r.kind() == null ? "message" : r.kind(), r.channel(), r.template(), r.params(), r.surveyTemplateId(),
                target, r.sendAt(), r.repeatEveryDays()), Caller.staffId(security));
        return Response.created(URI.create("/v1/admin/crm/campaigns/" + c.id())).entity(c).build();
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Campaigns, newest first, with their counts")
    public Page<CampaignService.Campaign> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return campaigns.list(Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "A campaign and its counts")
    public CampaignService.Campaign get(@PathParam("id") String id) {
        return campaigns.get(id(id));
    }

    @POST
    @Path("{id}/cancellation")
    @Operation(summary = "Cancel a scheduled campaign (409 once it is sent)")
    public CampaignService.Campaign cancel(@PathParam("id") String id) {
        return campaigns.cancel(id(id));
    }

    @POST
    @Path("dispatch")
    @Operation(summary = "Send every due campaign now",
            description = "What the scheduled job does; safe to call from several places at once.")
    public Map<String, Integer> dispatch() {
        return Map.of("campaigns_sent", campaigns.dispatchDue());
    }

    private static UUID id(String id) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Campaign"));
    }
}
