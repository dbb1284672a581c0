package io.bazaar.crm.segment.web;

import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.crm.segment.web.SegmentRequests.CreateSegmentRequest;
import io.bazaar.crm.segment.web.SegmentRequests.UpdateSegmentRequest;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

@Path("/v1/admin/crm/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "CRM: segments")
public class SegmentsResource {
    private final SegmentService segments;

    public SegmentsResource(SegmentService segments) {
        this.segments = segments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Define a dynamic segment",
            description = "rules: a list of conditions, all must hold (docs/SEGMENTS.md). Invalid rules are 422 "
                    + "invalid_segment_rule with errors[] naming rules[i].key.")
    public Response create(@Context SecurityContext security, @NotNull @Valid CreateSegmentRequest r) {
        SegmentService.Segment s = segments.create(r.name(), r.rules(), Caller.staffId(security));
        return Response.created(URI.create("/v1/admin/crm/segments/" + s.id())).entity(s).build();
    }

    @GET
    @Operation(summary = "Dynamic segments, newest first")
    public Page<SegmentService.Segment> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return segments.list(cursor, Cursor.limit(limit, 50, 200));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A dynamic segment")
    public SegmentService.Segment get(@PathParam("id") String id) {
        return segments.get(id(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Rename a segment or replace its rules")
    public SegmentService.Segment update(@PathParam("id") String id, @NotNull @Valid UpdateSegmentRequest r) {
        return segments.update(id(id), r.name(), r.rules());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Delete a segment no campaign targets (409 otherwise)")
    public Response delete(@PathParam("id") String id) {
        segments.delete(id(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/customers")
    @Operation(summary = "Current members, by customer id (keyset pagination)")
    public Page<SegmentService.Member> members(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                               @QueryParam("cursor") String cursor) {
        return segments.members(new SegmentService.Target(null, id(id)), cursor, Cursor.limit(limit, 50, 500));
    }

    @GET
    @Path("{id}/count")
    @Operation(summary = "How many customers are in the segment now")
    public Map<String, Long> count(@PathParam("id") String id) {
        return Map.of("customers", segments.count(new SegmentService.Target(null, id(id))));
    }

    @GET
    @Path("{id}/export")
    @Produces("text/csv")
    @Operation(summary = "All members as CSV (streamed)",
            description = "customer_id,email,name,phone,locale,customer_type; RFC 4180 quoting, CRLF line ends; cells "
                    + "starting with = + - @ get a leading apostrophe (spreadsheet formula injection).")
    public Response export(@PathParam("id") String id) {
        UUID segmentId = id(id);
        segments.get(segmentId);
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            segments.exportCsv(new SegmentService.Target(null, segmentId), w);
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"segment-" + segmentId + ".csv\"").build();
    }

    private static UUID id(String id) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Segment"));
    }
}
