package io.bazaar.crm.segment.web;

import io.bazaar.crm.segment.app.RfmService;
import io.bazaar.crm.segment.web.SegmentRequests.SettingsRequest;
import io.bazaar.shared.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/admin/crm/segment-settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "CRM: segments")
public class SegmentSettingsResource {
    private final RfmService rfm;

    public SegmentSettingsResource(RfmService rfm) {
        this.rfm = rfm;
    }

    @GET
    @Operation(summary = "RFM currency and the marketing frequency cap")
    public RfmService.Settings get() {
        return rfm.settings();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Change the RFM currency and the frequency cap",
            description = "cap: at most cap_max_messages marketing messages per customer in any cap_window_days days.")
    public RfmService.Settings put(@NotNull @Valid SettingsRequest r) {
        return rfm.updateSettings(new RfmService.Settings(r.rfmCurrency(), r.capMaxMessages(), r.capWindowDays()));
    }
}
