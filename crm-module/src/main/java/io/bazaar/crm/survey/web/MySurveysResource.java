package io.bazaar.crm.survey.web;

import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.crm.survey.web.SurveyRequests.AnswersRequest;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Caller;
import io.bazaar.shared.security.Roles;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The same surveys answered in-app by the signed-in customer; another customer's survey is 404. */
@Path("/v1/me/surveys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: surveys")
public class MySurveysResource {
    private final SurveyService surveys;

    public MySurveysResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of your surveys (by invitation id)")
    public SurveyService.SurveyForm form(@Context SecurityContext security, @PathParam("id") String id) {
        return surveys.formInApp(Caller.customerId(security), parse(id));
    }

    @POST
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer one of your surveys in-app, once")
    public Response answer(@Context SecurityContext security, @PathParam("id") String id,
                           @NotNull @Valid AnswersRequest r) {
        return Response.status(Response.Status.CREATED)
                .entity(surveys.answerInApp(Caller.customerId(security), parse(id), answers(r))).build();
    }

    static List<SurveyService.Answer> answers(AnswersRequest r) {
        return r.answers().stream().map(a -> new SurveyService.Answer(a.key(), a.score(), a.choices(), a.text()))
                .toList();
    }

    private static java.util.UUID parse(String id) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound("Survey"));
    }
}
