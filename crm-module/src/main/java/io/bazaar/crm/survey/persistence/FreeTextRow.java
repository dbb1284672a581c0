package io.bazaar.crm.survey.persistence;

import java.time.Instant;
import java.util.UUID;

public record FreeTextRow(UUID invitationId, String questionKey, String textAnswer, String productRef,
                          Instant answeredAt) {
}
