package io.bazaar.crm.survey.domain;

import java.util.List;
import java.util.Objects;

/** One question of a survey template; {@code options} only for choice questions. */
public record Question(String key, QuestionKind kind, String text, List<String> options, boolean required) {
    public Question {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        options = options == null ? List.of() : List.copyOf(options);
    }
}
