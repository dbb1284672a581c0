package io.bazaar.crm.message.domain;

import java.util.Objects;

/** A template filled in for one person: subject (email only), plain text, HTML (email only). */
public record RenderedMessage(String subject, String text, String html) {
    public RenderedMessage {
        Objects.requireNonNull(text, "text");
    }
}
