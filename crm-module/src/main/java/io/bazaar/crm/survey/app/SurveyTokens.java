package io.bazaar.crm.survey.app;

import io.bazaar.shared.security.SignedTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;


/**
 * Signed survey links, after {@code UnsubscribeTokens}: {@code base64url(s1|invitation|expiry)} + "."
 * + {@code base64url(HMAC-SHA256)} with the CRM secret. The link answers without login and cannot be
 * made for another invitation without the secret; "once" is enforced by the invitation row.
 */
public final class SurveyTokens {

    public record Claim(UUID invitationId, Instant expiresAt) {
    }

    private final SignedTokens tokens;

    public SurveyTokens(String secret) {
        // A distinct key label keeps survey and unsubscribe tokens from being swapped.
        this.tokens = new SignedTokens("survey", secret);
    }

    public String issue(UUID invitationId, Instant expiresAt) {
        return tokens.sign(List.of("s1", invitationId.toString(), Long.toString(expiresAt.getEpochSecond())));
    }

    /** Empty for a forged or malformed token; expiry is returned for the caller to judge against its clock. */
    public Optional<Claim> verify(String token) {
        return tokens.verify(token).flatMap(parts -> {
            if (parts.size() != 3 || !"s1".equals(parts.get(0))) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Claim(UUID.fromString(parts.get(1)),
                        Instant.ofEpochSecond(Long.parseLong(parts.get(2)))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
