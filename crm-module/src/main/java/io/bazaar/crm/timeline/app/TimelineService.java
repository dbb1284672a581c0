package io.bazaar.crm.timeline.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.crm.timeline.domain.TimelineEntry;
import io.bazaar.crm.timeline.persistence.TimelineDao;
import io.bazaar.crm.timeline.persistence.TimelineRow;
import io.bazaar.shared.db.Micros;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Records facts on customer timelines and reads them back for staff. */
public final class TimelineService {
    private static final TypeReference<Map<String, String>> REFS = new TypeReference<>() {
    };

    /** What staff log by hand: a call, a meeting, a note. */
    public record StaffEntry(String type, InteractionKind kind, Channel channel, String summary,
                             Map<String, String> refs, Instant occurredAt) {
        public StaffEntry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(summary, "summary");
            refs = refs == null ? Map.of() : Map.copyOf(refs);
        }
    }

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final Clock clock;

    public TimelineService(Jdbi jdbi, ObjectMapper mapper, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.mapper = Objects.requireNonNull(mapper);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Records a fact in the caller's transaction, at most once per {@code sourceEventId}.
     *
     * @return true if recorded now, false if this event was already on the timeline
     */
    public boolean record(Handle handle, UUID sourceEventId, UUID customerId, String type, InteractionKind kind,
                          Channel channel, String summary, Map<String, String> refs, Instant occurredAt) {
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        return handle.attach(TimelineDao.class).insert(Ids.newId(), customerId, type, lower(kind.name()),
                lower(channel.name()), summary, toJson(refs), occurredAt, sourceEventId, null) == 1;
    }

    /** A call, meeting or note logged by a staff member; no source event, so never de-duplicated. */
    public TimelineEntry logByStaff(UUID customerId, UUID staffId, StaffEntry entry) {
        UUID id = Ids.newId();
        Instant occurredAt = entry.occurredAt() == null ? clock.instant() : entry.occurredAt();
        return jdbi.inTransaction(h -> {
            TimelineDao dao = h.attach(TimelineDao.class);
            if (!dao.contactExists(customerId)) {
                throw ApiException.notFound("Customer");
            }
            dao.insert(id, customerId, entry.type(), lower(entry.kind().name()), lower(entry.channel().name()),
                    entry.summary(), toJson(entry.refs()), occurredAt, null, staffId);
            return toEntry(dao.findById(id).orElseThrow());
        });
    }

    /**
     * Entries from a JSON array of timeline rows built by SQL ({@code json_build_object} with the columns of
     * {@code crm_timeline_entry}: id, type, kind, channel, summary, refs, and the two timestamps as epoch
     * microseconds, occurred_at_us and created_at_us), so a caller can read a page of entries inside a larger
     * statement, as the customer 360 does.
     */
    public static List<TimelineEntry> fromJsonRows(UUID customerId, JsonNode rows) {
        List<TimelineEntry> entries = new ArrayList<>(rows.size());
        for (JsonNode e : rows) {
            Map<String, String> refs = new LinkedHashMap<>();
            e.path("refs").fields().forEachRemaining(f -> refs.put(f.getKey(), f.getValue().asText()));
            entries.add(entry(UUID.fromString(e.get("id").asText()), customerId, e.get("type").asText(),
                    e.get("kind").asText(), e.get("channel").asText(), e.get("summary").asText(), refs,
                    Micros.toInstant(e.get("occurred_at_us").asLong()), Micros.toInstant(e.get("created_at_us").asLong())));
        }
        return entries;
    }

    public Page<TimelineEntry> list(UUID customerId, TimelineFilter filter, Cursor cursor, int limit) {
        List<TimelineRow> rows = jdbi.withExtension(TimelineDao.class, dao -> dao.list(customerId,
                filter.kind() == null ? null : lower(filter.kind().name()),
                filter.channel() == null ? null : lower(filter.channel().name()),
                filter.type(), filter.from(), filter.to(),
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        boolean more = rows.size() > limit;
        List<TimelineEntry> entries = rows.stream().limit(limit).map(this::toEntry).toList();
        String next = more ? new Cursor(entries.get(limit - 1).occurredAt(), entries.get(limit - 1).id()).encode() : null;
        return new Page<>(entries, next);
    }

    private TimelineEntry toEntry(TimelineRow row) {
        return entry(row.id(), row.customerId(), row.type(), row.kind(), row.channel(), row.summary(),
                fromJson(row.refs()), row.occurredAt(), row.createdAt());
    }

    /** An entry from its stored columns (kind and channel as stored, lower case). */
    private static TimelineEntry entry(UUID id, UUID customerId, String type, String kind, String channel,
                                       String summary, Map<String, String> refs, Instant occurredAt, Instant createdAt) {
        return new TimelineEntry(id, customerId, type, InteractionKind.valueOf(kind.toUpperCase(Locale.ROOT)),
                Channel.valueOf(channel.toUpperCase(Locale.ROOT)), summary, refs, occurredAt, createdAt);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
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
