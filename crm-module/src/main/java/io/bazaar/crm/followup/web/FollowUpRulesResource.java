package io.bazaar.crm.followup.web;

import io.bazaar.crm.followup.app.FollowUpService;
import io.bazaar.crm.followup.app.FollowUpService.RuleDraft;
import io.bazaar.crm.followup.app.FollowUpViews.Rule;
import io.bazaar.crm.followup.domain.FollowUpAction;
import io.bazaar.crm.followup.domain.FollowUpTrigger;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/v1/admin/crm/follow-up-rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: follow-up rules")
public class FollowUpRulesResource {
    private static final String TRIGGERS = "order_delivered|return_received|ticket_resolved|first_order|no_order_for_days";

    private final FollowUpService followUps;

    public FollowUpRulesResource(FollowUpService followUps) {
        this.followUps = followUps;
    }

    public record FilterRequest(@Size(max = 100) List<@NotNull UUID> productIds,
                                @Size(max = 100) List<@NotNull UUID> categoryIds,
                                UUID segmentId,
                                @Size(max = 20) List<@NotBlank @Size(max = 50) String> customerTags) {
    }

    public record ActionRequest(
            @NotNull @Pattern(regexp = "send_survey|send_message|create_staff_task",
                    message = "must be send_survey, send_message or create_staff_task") String type,
            UUID surveyTemplateId,
            @Size(max = 50) String template,
            @Size(max = 20) Map<String, @NotNull @Size(max = 2000) String> params,
            @Size(max = 300) String title,
            @Pattern(regexp = "support|manager|admin", message = "must be support, manager or admin") String assigneeRole,
            @Size(max = 40) String dueIn,
            @Pattern(regexp = "interactive|physical", message = "must be interactive or physical") String kind) {
    }

    public record CreateRuleRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = TRIGGERS, message = "must be one of " + TRIGGERS) String trigger,
            Integer triggerDays,
            @NotNull @Size(max = 40) String delay,
            @Valid FilterRequest filter,
            @NotNull @Valid ActionRequest action,
            Boolean enabled) {
    }

    /** Absent fields keep their value; {@code filter} and {@code action} are replaced as a whole. */
    public record UpdateRuleRequest(
            @Size(min = 1, max = 200) String name,
            @Pattern(regexp = TRIGGERS, message = "must be one of " + TRIGGERS) String trigger,
            Integer triggerDays,
            @Size(max = 40) String delay,
            @Valid FilterRequest filter,
            @Valid ActionRequest action,
            Boolean enabled) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a follow-up rule: trigger, delay, optional filter, action",
            description = "Durations are ISO-8601 (P3D, PT12H). Actions: send_survey {survey_template_id}, send_message "
                    + "{template: review_request | promotion, params}, create_staff_task {title, assignee_role, due_in, "
                    + "kind}. Filters: product_ids (any product of the order), category_ids (any category of a "
                    + "line of the order), customer_tags (any tag), segment_id (member of that dynamic segment when "
                    + "the job runs).")
    public Response create(@NotNull @Valid CreateRuleRequest r) {
        RuleDraft draft = new RuleDraft(r.name(), FollowUpTrigger.fromWire(r.trigger()), r.triggerDays(),
                duration("delay", r.delay()), r.filter() == null ? null : r.filter().productIds(),
                r.filter() == null ? null : r.filter().categoryIds(), r.filter() == null ? null : r.filter().customerTags(),
                r.filter() == null ? null : r.filter().segmentId(), null, null, null, null, null, null, null, null,
                !Boolean.FALSE.equals(r.enabled()));
        Rule rule = followUps.createRule(withAction(draft, r.action()));
        return Response.created(URI.create("/v1/admin/crm/follow-up-rules/" + rule.id())).entity(rule).build();
    }

    @GET
    @Operation(summary = "Every follow-up rule (including the shipped defaults)")
    public Page<Rule> list() {
        return new Page<>(followUps.rules(), null);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One follow-up rule")
    public Rule get(@PathParam("id") String id) {
        return followUps.rule(id(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a rule; disabling it cancels its pending jobs")
    public Rule update(@PathParam("id") String id, @NotNull @Valid UpdateRuleRequest r) {
        Duration delay = r.delay() == null ? null : duration("delay", r.delay());
        return followUps.updateRule(id(id), d -> {
            RuleDraft out = new RuleDraft(r.name() == null ? d.name() : r.name(),
                    r.trigger() == null ? d.trigger() : FollowUpTrigger.fromWire(r.trigger()),
                    r.trigger() == null && r.triggerDays() == null ? d.triggerDays() : r.triggerDays(),
                    delay == null ? d.delay() : delay,
                    r.filter() == null ? d.productIds() : r.filter().productIds(),
                    r.filter() == null ? d.categoryIds() : r.filter().categoryIds(),
                    r.filter() == null ? d.customerTags() : r.filter().customerTags(),
                    r.filter() == null ? d.segmentId() : r.filter().segmentId(), d.action(), d.surveyTemplateId(),
                    d.messageTemplate(), d.messageParams(), d.taskTitle(), d.taskAssigneeRole(), d.taskDueIn(),
                    d.taskKind(), r.enabled() == null ? d.enabled() : r.enabled());
            return r.action() == null ? out : withAction(out, r.action());
        });
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a rule; its pending jobs are cancelled, finished ones stay listed")
    public Response delete(@PathParam("id") String id) {
        followUps.deleteRule(id(id));
        return Response.noContent().build();
    }

    private static RuleDraft withAction(RuleDraft d, ActionRequest a) {
        FollowUpAction type = FollowUpAction.fromWire(a.type());
        return new RuleDraft(d.name(), d.trigger(), d.triggerDays(), d.delay(), d.productIds(), d.categoryIds(),
                d.customerTags(), d.segmentId(), type,
                a.surveyTemplateId(), a.template(), a.params(), a.title(),
                a.assigneeRole() == null && type == FollowUpAction.CREATE_STAFF_TASK ? "support" : a.assigneeRole(),
                a.dueIn() == null ? null : duration("action.due_in", a.dueIn()),
                "physical".equals(a.kind()) ? InteractionKind.PHYSICAL : InteractionKind.INTERACTIVE, d.enabled());
    }

    static Duration duration(String field, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, "must be an ISO-8601 duration such as P3D or PT12H");
        }
    }

    private static UUID id(String id) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Follow-up rule"));
    }
}
