package io.bazaar.crm.consent.web;

import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.app.UnsubscribeTokens;
import io.bazaar.crm.consent.web.ConsentRequests.UnsubscribeResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * One-click unsubscribe without login. GET serves the link in the email; POST serves RFC 8058
 * {@code List-Unsubscribe-Post} from mail clients. Both only ever withdraw, so repeating either is harmless.
 */
@Path("/v1/unsubscribe")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: consent")
public class UnsubscribeResource {
    private final ConsentService consents;

    public UnsubscribeResource(ConsentService consents) {
        this.consents = consents;
    }

    @GET
    @Operation(summary = "Unsubscribe with the signed link from a message",
            description = "Withdraws the one consent (channel and purpose) the token names. A forged or expired "
                    + "token is 400 invalid_unsubscribe_token.")
    public UnsubscribeResponse viaLink(@QueryParam("token") String token) {
        return unsubscribe(token);
    }

    @POST
    @Operation(summary = "One-click unsubscribe (RFC 8058 List-Unsubscribe-Post)")
    public UnsubscribeResponse oneClick(@QueryParam("token") String token) {
        return unsubscribe(token);
    }

    private UnsubscribeResponse unsubscribe(String token) {
        UnsubscribeTokens.Claim claim = consents.unsubscribe(token);
        return new UnsubscribeResponse(true, claim.channel().dbValue(), claim.purpose().dbValue());
    }
}
