package io.bazaar.crm.message.web;

import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageViews.DevMailboxMessage;
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

@Path("/v1/admin/crm/dev-mailbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CRM: messages")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.SUPPORT)
public class DevMailboxResource {
    private final MessageService messages;

    public DevMailboxResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    @Operation(summary = "Emails 'delivered' to the development mailbox, newest first",
            description = "Filled only when no SMTP host is configured (the embedded default). Filter with ?to=.")
    public Page<DevMailboxMessage> list(@QueryParam("to") String to, @QueryParam("limit") Integer limit,
                                        @QueryParam("cursor") String cursor) {
        return messages.devMailbox(to, Cursor.decode(cursor), Cursor.limit(limit, 50, 200));
    }
}
