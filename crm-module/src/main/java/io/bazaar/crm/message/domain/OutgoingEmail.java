package io.bazaar.crm.message.domain;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One email ready to hand to a sender. {@code html} may be null. */
public record OutgoingEmail(UUID messageId, String to, String subject, String text, String html,
                            Map<String, String> headers) {
    public OutgoingEmail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        headers = Map.copyOf(headers);
    }
}
