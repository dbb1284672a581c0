package io.bazaar.crm.survey.persistence;

import java.time.Instant;
import java.util.UUID;

public record SurveyTemplateRow(UUID id, String name, String locale, String questions, Instant createdAt) {
}
