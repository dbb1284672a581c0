package io.bazaar.crm.survey.web;

import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.crm.survey.domain.Question;
import io.bazaar.crm.survey.domain.QuestionKind;
import io.bazaar.crm.survey.web.SurveyRequests.CreateTemplateRequest;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

@Path("/v1/admin/crm/survey-templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: surveys (staff)")
public class AdminSurveyTemplatesResource {
    private final SurveyService surveys;

    public AdminSurveyTemplatesResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a survey template (fa or en) with NPS, CSAT, choice and free-text questions")
    public Response create(@NotNull @Valid CreateTemplateRequest r) {
        SurveyService.Template t = surveys.createTemplate(r.name().strip(), r.locale(), r.questions().stream()
                .map(q -> new Question(q.key(), QuestionKind.fromWire(q.kind()), q.text(), q.options(),
                        !Boolean.FALSE.equals(q.required()))).toList());
        return Response.created(URI.create("/v1/admin/crm/survey-templates/" + t.id())).entity(t).build();
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Survey templates, newest first")
    public Page<SurveyService.Template> list(@QueryParam("limit") Integer limit) {
        return new Page<>(surveys.templates(Cursor.limit(limit, 100, 500)), null);
    }

    @GET
    @Path("{id}/results")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Results: NPS and CSAT overall and per month, answer distributions, free-text answers",
            description = "Answers given in [from, to), optionally for one product_ref or category_ref. "
                    + "NPS = % promoters (9-10) - % detractors (0-6), one decimal. CSAT average of 1-5 and % satisfied "
                    + "(4-5), one decimal. Null when there are no answers.")
    public SurveyService.Results results(@PathParam("id") String id, @QueryParam("from") String from,
                                         @QueryParam("to") String to, @QueryParam("product_ref") String productRef,
                                         @QueryParam("category_ref") String categoryRef) {
        return surveys.results(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Survey template")),
                instant("from", from), instant("to", to), productRef, categoryRef);
    }

    static Instant instant(String name, String value) {
        if (value == null) {
            throw ApiException.validation(name, "is required (ISO-8601 instant)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
