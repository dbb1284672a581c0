package io.bazaar.crm.message.web;

import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageViews.MessageResponse;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

@Path("/v1/admin/crm/customers/{customerId}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: messages")
@SecurityRequirement(name = "bearer")
public class CustomerMessagesResource {

    public record SendMessageRequest(
            @NotNull @Pattern(regexp = "promotion|survey_invite", message = "must be promotion or survey_invite") String template,
            @NotNull @Pattern(regexp = "email|sms", message = "must be email or sms") String channel,
            @Size(max = 5) Map<@Pattern(regexp = "headline|text") String, @Size(max = 2000) String> params) {
    }

    private final MessageService messages;

    public CustomerMessagesResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Messages to this customer and their status (queued, sent, failed, suppressed)")
    public Page<MessageResponse> list(@PathParam("customerId") String customerId) {
        UUID id = Ids.parse(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
        return new Page<>(messages.listForSubject(id, 100), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Queue a marketing or survey message to one customer",
            description = "Consent for the channel and purpose is checked when the message is sent; without it the "
                    + "message ends as suppressed.",
            responses = @ApiResponse(responseCode = "202", description = "Queued"))
    public Response send(@PathParam("customerId") String customerId, @NotNull @Valid SendMessageRequest request) {
        UUID id = Ids.parse(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
        UUID messageId = messages.sendToCustomer(id, request.template(), ConsentChannel.fromDb(request.channel()),
                request.params() == null ? Map.of() : request.params());
        return Response.accepted(Map.of("id", messageId, "status", "queued")).build();
    }
}
