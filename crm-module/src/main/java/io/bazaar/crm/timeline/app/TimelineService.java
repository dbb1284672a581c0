package io.bazaar.crm.timeline.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.CustomerRegisteredFact;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.crm.timeline.domain.TimelineEntry;
import io.bazaar.crm.timeline.persistence.TimelineDao;
import io.bazaar.crm.timeline.persistence.TimelineRow;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Records facts on customer timelines (the CRM intake) and reads them back for staff. */
public final class TimelineService implements CrmIntake {
    private static final TypeReference<Map<String, String>> REFS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public TimelineService(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.mapper = Objects.requireNonNull(mapper);
    }

    @Override
    public void customerRegistered(Handle handle, UUID eventId, CustomerRegisteredFact fact) {
        TimelineDao dao = handle.attach(TimelineDao.class);
        dao.insertContact(fact.customerId(), fact.email(), fact.name(), fact.registeredAt());
        record(dao, eventId, fact.customerId(), "customer.registered", InteractionKind.TRANSACTIONAL,
                Channel.fromReported(fact.channel()), "Created a customer account", Map.of(), fact.registeredAt());
    }

    private void record(TimelineDao dao, UUID eventId, UUID customerId, String type, InteractionKind kind,
                        Channel channel, String summary, Map<String, String> refs, Instant occurredAt) {
        dao.insert(Ids.newId(), customerId, type, kind.name().toLowerCase(java.util.Locale.ROOT),
                channel.name().toLowerCase(java.util.Locale.ROOT), summary, toJson(refs), occurredAt, eventId, null);
    }

    public Page<TimelineEntry> list(UUID customerId, TimelineFilter filter, Cursor cursor, int limit) {
        List<TimelineRow> rows = jdbi.withExtension(TimelineDao.class, dao -> dao.list(customerId,
                filter.kind() == null ? null : filter.kind().name().toLowerCase(java.util.Locale.ROOT),
                filter.channel() == null ? null : filter.channel().name().toLowerCase(java.util.Locale.ROOT),
                filter.type(), filter.from(), filter.to(),
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        boolean more = rows.size() > limit;
        List<TimelineEntry> entries = rows.stream().limit(limit).map(this::toEntry).toList();
        String next = more ? new Cursor(entries.get(limit - 1).occurredAt(), entries.get(limit - 1).id()).encode() : null;
        return new Page<>(entries, next);
    }

    private TimelineEntry toEntry(TimelineRow row) {
        return new TimelineEntry(row.id(), row.customerId(), row.type(),
                InteractionKind.valueOf(row.kind().toUpperCase(java.util.Locale.ROOT)),
                Channel.valueOf(row.channel().toUpperCase(java.util.Locale.ROOT)), row.summary(), fromJson(row.refs()),
                row.occurredAt(), row.createdAt());
    }

    private String toJson(Map<String, String> refs) {
        try {
            return mapper.writeValueAsString(refs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise refs", e);
        }
    }

    private Map<String, String> fromJson(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, REFS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt refs column", e);
        }
    }
}
