package io.bazaar.crm.followup.web;

import io.bazaar.crm.followup.app.FollowUpService;
import io.bazaar.crm.followup.app.FollowUpViews.Job;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;

@Path("/v1/admin/crm/follow-up-jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: follow-up rules")
public class FollowUpJobsResource {
    private static final Set<String> STATUSES = Set.of("pending", "done", "cancelled", "skipped");

    private final FollowUpService followUps;

    public FollowUpJobsResource(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @GET
    @Operation(summary = "Scheduled and finished follow-ups, newest first",
            description = "Filters: status (pending | done | cancelled | skipped), rule_id, customer_id, order_id. "
                    + "reason says why a job was skipped, cancelled or deferred (quiet_hours).")
    public Page<Job> list(@QueryParam("status") String status, @QueryParam("rule_id") String ruleId,
                          @QueryParam("customer_id") String customerId, @QueryParam("order_id") String orderId,
                          @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.validation("status", "must be pending, done, cancelled or skipped");
        }
        return followUps.jobs(new FollowUpService.JobFilter(status, uuid("rule_id", ruleId),
                uuid("customer_id", customerId), uuid("order_id", orderId)), Cursor.decode(cursor),
                Cursor.limit(limit, 50, 200));
    }

    private static UUID uuid(String field, String value) {
        return value == null ? null : Ids.parse(value).orElseThrow(() -> ApiException.validation(field, "must be a UUID"));
    }
}
