package io.bazaar.crm.survey.web;

import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.crm.survey.web.SurveyRequests.AnswersRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The signed link from the survey email: no login, answered once. */
@Path("/v1/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "After-sales: surveys")
public class PublicSurveysResource {
    private final SurveyService surveys;

    public PublicSurveysResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    @GET
    @Path("{token}")
    @Operation(summary = "The survey behind a signed link", description = "Forged or expired: 400 invalid_survey_link.")
    public SurveyService.SurveyForm form(@PathParam("token") String token) {
        return surveys.form(token);
    }

    @POST
    @Path("{token}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the survey, once (a second answer is 409 already_answered)",
            description = "A detractor answer (NPS 0-6 or CSAT 1-2) opens a complaint ticket linked to the order.")
    public Response answer(@PathParam("token") String token, @NotNull @Valid AnswersRequest r) {
        return Response.status(Response.Status.CREATED).entity(surveys.answer(token, MySurveysResource.answers(r)))
                .build();
    }
}
