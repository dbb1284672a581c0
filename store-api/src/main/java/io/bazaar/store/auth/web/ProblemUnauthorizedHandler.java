package io.bazaar.store.auth.web;

import io.bazaar.shared.error.ErrorCode;
import io.bazaar.store.platform.web.Problems;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.Response;

/** 401 in the API's problem+json shape instead of dropwizard-auth's plain text. */
public final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return Problems.builder(ErrorCode.UNAUTHENTICATED,
                        "Send a valid bearer token: Authorization: Bearer <token> (sign in at POST /v1/sessions)",
                        java.util.List.of())
                .header("WWW-Authenticate", prefix + " realm=\"" + realm + "\"")
                .build();
    }
}
