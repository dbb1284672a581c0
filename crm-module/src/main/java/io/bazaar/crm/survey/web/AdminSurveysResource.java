package io.bazaar.crm.survey.web;

import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.crm.survey.web.SurveyRequests.SendSurveyRequest;
import io.bazaar.shared.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/admin/crm/surveys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: surveys (staff)")
public class AdminSurveysResource {
    private final SurveyService surveys;

    public AdminSurveysResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a survey to a customer",
            description = "Queues the survey_invite email (in the template's locale) with a signed link; survey "
                    + "consent is checked when the email is sent, so without it the message is suppressed.")
    public Response send(@NotNull @Valid SendSurveyRequest r) {
        SurveyService.Sent sent = surveys.send(new SurveyService.Send(r.templateId(), r.customerId(), r.orderId(),
                r.productRef(), r.categoryRef()));
        return Response.status(Response.Status.CREATED).entity(sent).build();
    }
}
