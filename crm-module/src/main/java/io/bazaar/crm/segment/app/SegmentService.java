package io.bazaar.crm.segment.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.segment.domain.RfmSegment;
import io.bazaar.crm.segment.domain.SegmentCondition;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Staff-defined dynamic segments and segment membership (dynamic or named RFM). Members are resolved live by
 * one parameterised query ({@link SegmentQuery}), so a list, its count and its CSV always agree.
 */
public final class SegmentService {
    private static final String MEMBER_COLUMNS = "c.customer_id, c.email, c.name, c.phone, c.locale, c.customer_type";

    public record Segment(UUID id, String name, JsonNode rules, Instant createdAt, Instant updatedAt) {
    }

    public record Member(UUID customerId, String email, String name, String phone, String locale,
                         String customerType) {
    }

    /** Who a campaign or list targets: a named RFM segment or a dynamic segment. Exactly one is set. */
    public record Target(String rfmSegment, UUID segmentId) {
        public Target {
            if ((rfmSegment == null) == (segmentId == null)) {
                throw new ApiException(ErrorCode.INVALID_SEGMENT_RULE, "Name exactly one of rfm_segment or segment_id",
                        List.of(new io.bazaar.shared.error.FieldError("target", "exactly one of rfm_segment, segment_id")));
            }
            if (rfmSegment != null && RfmSegment.fromWire(rfmSegment) == null) {
                throw new ApiException(ErrorCode.INVALID_SEGMENT_RULE, "No RFM segment is called " + rfmSegment,
                        List.of(new io.bazaar.shared.error.FieldError("target.rfm_segment",
                                "must be one of champions, loyal, potential, new, at_risk, hibernating, lost, lead")));
            }
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;

    public SegmentService(Jdbi jdbi, Clock clock, ObjectMapper mapper) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.mapper = Objects.requireNonNull(mapper);
    }

    // ---- CRUD ----

    public Segment create(String name, JsonNode rules, UUID staffId) {
        SegmentRules.parse(rules);
        String clean = cleanName(name);
        Instant now = clock.instant();
        UUID id = Ids.newId();
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO crm_segment (id, name, rules, created_by, created_at, updated_at)
                            VALUES (:id, :name, CAST(:rules AS jsonb), :staff, :now, :now)
                            """).bind("id", id).bind("name", clean).bind("rules", json(rules)).bind("staff", staffId)
                    .bind("now", now).execute());
        } catch (UnableToExecuteStatementException e) {
            throw nameTaken(e, clean);
        }
        return get(id);
    }

    public Segment update(UUID id, String name, JsonNode rules) {
        get(id);
        if (rules != null) {
            SegmentRules.parse(rules);
        }
        String clean = name == null ? null : cleanName(name);
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            UPDATE crm_segment SET name = COALESCE(:name, name),
                                   rules = COALESCE(CAST(:rules AS jsonb), rules), version = version + 1,
                                   updated_at = :now
                            WHERE id = :id
                            """).bind("id", id).bind("name", clean).bind("rules", rules == null ? null : json(rules))
                    .bind("now", clock.instant()).execute());
        } catch (UnableToExecuteStatementException e) {
            throw nameTaken(e, clean);
        }
        return get(id);
    }

    /** Campaigns that named the segment keep it: deleting one in use is a 409. */
    public void delete(UUID id) {
        get(id);
        boolean used = jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM crm_campaign WHERE segment_id = :id)")
                .bind("id", id).mapTo(Boolean.class).one());
        if (used) {
            throw new ApiException(ErrorCode.CONFLICT, "Campaigns target this segment; it cannot be deleted");
        }
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM crm_segment WHERE id = :id").bind("id", id).execute());
    }

    public Segment get(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, name, rules::text AS rules, created_at, updated_at FROM crm_segment WHERE id = :id
                        """).bind("id", id).map((rs, ctx) -> segment(rs)).findOne())
                .orElseThrow(() -> ApiException.notFound("Segment"));
    }

    public Page<Segment> list(String after, int limit) {
        UUID afterId = decode(after);
        List<Segment> rows = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, name, rules::text AS rules, created_at, updated_at FROM crm_segment
                        WHERE (CAST(:after AS uuid) IS NULL OR id < :after) ORDER BY id DESC LIMIT :limit
                        """).bind("after", afterId).bind("limit", limit + 1).map((rs, ctx) -> segment(rs)).list());
        return page(rows, limit, Segment::id);
    }

    // ---- membership ----

    /** The compiled predicate of a target, for this class's lists and for campaigns. */
    public SegmentQuery query(Handle h, Target target) {
        List<SegmentCondition> conditions;
        if (target.rfmSegment() != null) {
            conditions = List.of(new SegmentCondition.InRfmSegment(RfmSegment.fromWire(target.rfmSegment())));
        } else {
            String rules = h.createQuery("SELECT rules::text FROM crm_segment WHERE id = :id")
                    .bind("id", target.segmentId()).mapTo(String.class).findOne()
                    .orElseThrow(() -> ApiException.notFound("Segment"));
            conditions = SegmentRules.parse(readTree(rules));
        }
        return SegmentQuery.compile(conditions, clock.instant());
    }

    /** Whether the customer is in the dynamic segment now (inside the caller's transaction); false if it is gone. */
    public boolean isMember(Handle h, UUID segmentId, UUID customerId) {
        SegmentQuery q;
        try {
            q = query(h, new Target(null, segmentId));
        } catch (ApiException e) {
            return false;
        }
        return bindAll(h.createQuery("SELECT EXISTS (SELECT 1 FROM crm_contact c WHERE c.customer_id = :member AND "
                + q.where() + ")"), q).bind("member", customerId).mapTo(Boolean.class).one();
    }

    public Page<Member> members(Target target, String cursor, int limit) {
        UUID after = decode(cursor);
        List<Member> rows = jdbi.withHandle(h -> {
            SegmentQuery q = query(h, target);
            return bindAll(h.createQuery("SELECT " + MEMBER_COLUMNS + " FROM crm_contact c WHERE " + q.where()
                    + "\n  AND (CAST(:after AS uuid) IS NULL OR c.customer_id > :after) ORDER BY c.customer_id LIMIT :limit"),
                    q).bind("after", after).bind("limit", limit + 1).map((rs, ctx) -> member(rs)).list();
        });
        return page(rows, limit, Member::customerId);
    }

    public long count(Target target) {
        return jdbi.withHandle(h -> {
            SegmentQuery q = query(h, target);
            return bindAll(h.createQuery("SELECT count(*) FROM crm_contact c WHERE " + q.where()), q)
                    .mapTo(Long.class).one();
        });
    }

    /** All members in id order, in the caller's transaction (campaigns). */
    public List<Member> members(Handle h, Target target) {
        SegmentQuery q = query(h, target);
        return bindAll(h.createQuery("SELECT " + MEMBER_COLUMNS + " FROM crm_contact c WHERE " + q.where()
                + " ORDER BY c.customer_id"), q).map((rs, ctx) -> member(rs)).list();
    }

    /**
     * Streams the members as RFC 4180 CSV (CRLF, fields quoted when they hold a comma, quote or line break).
     * Cells starting with {@code = + - @} get a leading apostrophe so spreadsheets do not run them as formulas.
     */
    public void exportCsv(Target target, Writer out) {
        jdbi.useHandle(h -> {
            SegmentQuery q = query(h, target);
            // A cursor over the result (fetch size in a transaction) keeps memory flat for big segments.
            h.begin();
            try {
                write(out, "customer_id,email,name,phone,locale,customer_type\r\n");
                bindAll(h.createQuery("SELECT " + MEMBER_COLUMNS + " FROM crm_contact c WHERE " + q.where()
                        + " ORDER BY c.customer_id"), q).setFetchSize(500).map((rs, ctx) -> member(rs))
                        .forEach((Consumer<Member>) m -> write(out, String.join(",", csv(m.customerId().toString()),
                                csv(m.email()), csv(m.name()), csv(m.phone()), csv(m.locale()), csv(m.customerType()))
                                + "\r\n"));
                h.commit();
            } catch (RuntimeException e) {
                h.rollback();
                throw e;
            }
        });
    }

    public static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    // ---- helpers ----

    static <T extends SqlStatement<T>> T bindAll(T statement, SegmentQuery q) {
        q.binds().forEach(statement::bind);
        return statement;
    }

    private static void write(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cleanName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw ApiException.validation("name", "must be 1 to 100 characters");
        }
        return n;
    }

    private static ApiException nameTaken(UnableToExecuteStatementException e, String name) {
        if (e.getMessage() != null && e.getMessage().contains("crm_segment_name_key")) {
            return new ApiException(ErrorCode.CONFLICT, "Another segment is called '" + name + "'");
        }
        throw e;
    }

    private Segment segment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Segment(rs.getObject("id", UUID.class), rs.getString("name"), readTree(rs.getString("rules")),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant());
    }

    private static Member member(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Member(rs.getObject("customer_id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("phone"), rs.getString("locale"), rs.getString("customer_type"));
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored segment rules are not JSON", e);
        }
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.toString().getBytes(StandardCharsets.UTF_8));
    }

    static UUID decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_CURSOR, "The cursor is not one this API issued");
        }
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, UUID> id) {
        List<T> data = rows.stream().limit(limit).toList();
        return new Page<>(data, rows.size() > limit ? encode(id.apply(data.get(limit - 1))) : null);
    }
}
