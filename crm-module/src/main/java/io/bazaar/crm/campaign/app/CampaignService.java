package io.bazaar.crm.campaign.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.message.domain.MessageCategory;
import io.bazaar.crm.segment.app.RfmService;
import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Campaigns: a marketing message (email or SMS, from a template) or a survey invitation to a segment, now or
 * at a time, optionally repeated. A due campaign is claimed with {@code FOR UPDATE SKIP LOCKED} and sent in
 * that one transaction; the recipient primary key (campaign, run, customer) makes each person get one
 * message per run even if dispatchers race. Consent is checked per person when the campaign is sent (and
 * again by the message sender), and marketing messages respect the frequency cap.
 */
public final class CampaignService {
    /** Templates a message campaign may use: the marketing ones. */
    public static final Set<String> MARKETING_TEMPLATES = Set.of(MessageTemplates.PROMOTION, MessageTemplates.BIRTHDAY,
            MessageTemplates.PURCHASE_ANNIVERSARY, MessageTemplates.NEW_PRODUCTS);
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    public record Create(String name, String kind, String channel, String template, Map<String, String> params,
                         UUID surveyTemplateId, SegmentService.Target target, Instant sendAt,
                         Integer repeatEveryDays) {
    }

    public record Counts(long targeted, long sent, long pending, long skippedNoConsent, long skippedFrequencyCap,
                         long failed) {
    }

    public record TargetView(String rfmSegment, UUID segmentId) {
    }

    public record Campaign(UUID id, String name, String kind, String channel, String template,
                           Map<String, String> params, UUID surveyTemplateId, TargetView target, String status,
                           Instant sendAt, Integer repeatEveryDays, int runs, Instant lastRunAt, Counts counts,
                           Instant createdAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SegmentService segments;
    private final RfmService rfm;
    private final ConsentService consents;
    private final MessageService messages;
    private final SurveyService surveys;

    public CampaignService(Jdbi jdbi, Clock clock, ObjectMapper mapper, SegmentService segments, RfmService rfm,
                           ConsentService consents, MessageService messages, SurveyService surveys) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.mapper = Objects.requireNonNull(mapper);
        this.segments = Objects.requireNonNull(segments);
        this.rfm = Objects.requireNonNull(rfm);
        this.consents = Objects.requireNonNull(consents);
        this.messages = Objects.requireNonNull(messages);
        this.surveys = Objects.requireNonNull(surveys);
    }

    // ---- staff ----

    /** Creates the campaign; one without a future {@code sendAt} is sent before this returns. */
    public Campaign create(Create c, UUID staffId) {
        validate(c);
        // PostgreSQL keeps microseconds: compare with what will be stored.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Instant sendAt = c.sendAt() == null || c.sendAt().isBefore(now) ? now : c.sendAt();
        UUID id = Ids.newId();
        jdbi.useHandle(h -> {
            if (c.target().segmentId() != null) {
                segments.get(c.target().segmentId());
            }
            h.createUpdate("""
                            INSERT INTO crm_campaign (id, name, kind, channel, template, params, survey_template_id,
                                                      rfm_segment, segment_id, status, send_at, repeat_every_days,
                                                      created_by, created_at, updated_at)
                            VALUES (:id, :name, :kind, :channel, :template, CAST(:params AS jsonb), :survey, :rfm,
                                    :segment, 'scheduled', :sendAt, :repeat, :staff, :now, :now)
                            """).bind("id", id).bind("name", c.name().strip()).bind("kind", c.kind())
                    .bind("channel", c.channel()).bind("template", c.template()).bind("params", json(c.params()))
                    .bind("survey", c.surveyTemplateId()).bind("rfm", c.target().rfmSegment())
                    .bind("segment", c.target().segmentId()).bind("sendAt", sendAt).bind("repeat", c.repeatEveryDays())
                    .bind("staff", staffId).bind("now", now).execute();
        });
        if (!sendAt.isAfter(now)) {
            dispatch(id);
        }
        return get(id);
    }

    private void validate(Create c) {
        if (c.name() == null || c.name().isBlank() || c.name().strip().length() > 100) {
            throw ApiException.validation("name", "must be 1 to 100 characters");
        }
        if (!Set.of("message", "survey").contains(c.kind())) {
            throw ApiException.validation("kind", "must be message or survey");
        }
        if (!Set.of("email", "sms").contains(c.channel())) {
            throw ApiException.validation("channel", "must be email or sms");
        }
        if ("message".equals(c.kind())) {
            if (c.template() == null || !MARKETING_TEMPLATES.contains(c.template())) {
                throw ApiException.validation("template", "must be one of " + MARKETING_TEMPLATES.stream().sorted()
                        .toList());
            }
            if (c.surveyTemplateId() != null) {
                throw ApiException.validation("survey_template_id", "only for survey campaigns");
            }
        } else {
            if (c.surveyTemplateId() == null) {
                throw ApiException.validation("survey_template_id", "is required for a survey campaign");
            }
            if (c.template() != null) {
                throw ApiException.validation("template", "survey campaigns use the survey invitation template");
            }
            if (!"email".equals(c.channel())) {
                throw ApiException.validation("channel", "survey invitations go by email");
            }
            boolean exists = jdbi.withHandle(h -> h.createQuery(
                    "SELECT EXISTS (SELECT 1 FROM crm_survey_template WHERE id = :id)").bind("id", c.surveyTemplateId())
                    .mapTo(Boolean.class).one());
            if (!exists) {
                throw ApiException.validation("survey_template_id", "no survey template has this id");
            }
        }
        if (c.params() != null && (c.params().size() > 20 || c.params().entrySet().stream().anyMatch(e ->
                e.getKey() == null || !e.getKey().matches("[a-z_]{1,40}") || e.getValue() == null
                        || e.getValue().length() > 2000))) {
            throw ApiException.validation("params", "at most 20 entries, keys [a-z_], values up to 2000 characters");
        }
        if (c.repeatEveryDays() != null && (c.repeatEveryDays() < 1 || c.repeatEveryDays() > 365)) {
            throw ApiException.validation("repeat_every_days", "must be between 1 and 365");
        }
    }

    public Campaign get(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM crm_campaign WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> campaign(h, rs)).findOne()).orElseThrow(() -> ApiException.notFound("Campaign"));
    }

    public Page<Campaign> list(Cursor cursor, int limit) {
        List<Campaign> rows = jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM crm_campaign
                        WHERE (CAST(:at AS timestamptz) IS NULL OR (created_at, id) < (:at, :id))
                        ORDER BY created_at DESC, id DESC LIMIT :limit
                        """).bind("at", cursor == null ? null : cursor.at()).bind("id", cursor == null ? null : cursor.id())
                .bind("limit", limit + 1).map((rs, ctx) -> campaign(h, rs)).list());
        List<Campaign> data = rows.stream().limit(limit).toList();
        String next = rows.size() > limit ? new Cursor(data.get(limit - 1).createdAt(), data.get(limit - 1).id()).encode()
                : null;
        return new Page<>(data, next);
    }

    /** Only a scheduled campaign can be cancelled; one being sent or sent is a 409. */
    public Campaign cancel(UUID id) {
        get(id);
        int n = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE crm_campaign SET status = 'cancelled', updated_at = :now WHERE id = :id AND status = 'scheduled'
                """).bind("id", id).bind("now", clock.instant()).execute());
        if (n == 0) {
            throw new ApiException(ErrorCode.CONFLICT, "Only a scheduled campaign can be cancelled");
        }
        return get(id);
    }

    // ---- sending ----

    /** The job: sends every due campaign. Safe on any number of threads and instances. */
    public int dispatchDue() {
        // Each campaign at most once per call: a periodic campaign that is somehow still due after its run
        // waits for the next call instead of looping here.
        java.util.Set<UUID> done = new java.util.HashSet<>();
        while (true) {
            Optional<UUID> ran = jdbi.inTransaction(h -> claim(h, null, done).map(id -> {
                run(h, id);
                return id;
            }));
            if (ran.isEmpty()) {
                return done.size();
            }
            done.add(ran.get());
        }
    }

    /** Sends one campaign if it is due and nobody else is sending it; true when this call sent it. */
    public boolean dispatch(UUID campaignId) {
        return jdbi.inTransaction(h -> claim(h, campaignId, java.util.Set.of()).map(id -> {
            run(h, id);
            return true;
        }).orElse(false));
    }

    private Optional<UUID> claim(Handle h, UUID only, java.util.Set<UUID> except) {
        return h.createQuery("""
                        SELECT id FROM crm_campaign
                        WHERE status = 'scheduled' AND send_at <= :now AND (CAST(:only AS uuid) IS NULL OR id = :only)
                          AND id <> ALL (CAST(:except AS uuid[]))
                        ORDER BY send_at, id LIMIT 1
                        FOR UPDATE SKIP LOCKED
                        """).bind("now", clock.instant()).bind("only", only)
                .bind("except", except.toArray(UUID[]::new)).mapTo(UUID.class).findOne();
    }

    private record Due(int runs, String rfmSegment, UUID segmentId, String channel, String kind, String params,
                       String template, UUID surveyTemplateId, Integer repeatEveryDays, Instant sendAt) {
    }

    private void run(Handle h, UUID id) {
        Due c = h.createQuery("SELECT * FROM crm_campaign WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Due(rs.getInt("runs"), rs.getString("rfm_segment"),
                        rs.getObject("segment_id", UUID.class), rs.getString("channel"), rs.getString("kind"),
                        rs.getString("params"), rs.getString("template"), rs.getObject("survey_template_id", UUID.class),
                        rs.getObject("repeat_every_days", Integer.class),
                        rs.getObject("send_at", OffsetDateTime.class).toInstant())).one();
        int run = c.runs() + 1;
        Instant now = clock.instant();
        SegmentService.Target target = new SegmentService.Target(c.rfmSegment(), c.segmentId());
        ConsentChannel channel = ConsentChannel.fromDb(c.channel());
        boolean survey = "survey".equals(c.kind());
        Map<String, String> params = params(c.params());
        RfmService.Settings cap = rfm.settings(h);
        for (SegmentService.Member m : segments.members(h, target)) {
            int inserted = h.createUpdate("""
                            INSERT INTO crm_campaign_recipient (campaign_id, run, customer_id, status, created_at)
                            VALUES (:c, :run, :customer, 'queued', :now) ON CONFLICT DO NOTHING
                            """).bind("c", id).bind("run", run).bind("customer", m.customerId()).bind("now", now)
                    .execute();
            if (inserted == 0) {
                continue;
            }
            String dedupe = "campaign:" + id + ":" + run + ":" + m.customerId();
            Outcome o = survey ? sendSurvey(h, c.surveyTemplateId(), m, dedupe)
                    : sendMarketing(h, m, channel, c.template(), params, dedupe, cap, true);
            h.createUpdate("""
                            UPDATE crm_campaign_recipient SET status = :status, message_id = :message, detail = :detail
                            WHERE campaign_id = :c AND run = :run AND customer_id = :customer
                            """).bind("status", o.status()).bind("message", o.messageId()).bind("detail", o.detail())
                    .bind("c", id).bind("run", run).bind("customer", m.customerId()).execute();
        }
        Integer repeat = c.repeatEveryDays();
        Instant sendAt = c.sendAt();
        if (repeat == null) {
            h.createUpdate("""
                    UPDATE crm_campaign SET status = 'sent', runs = :run, last_run_at = :now, updated_at = :now WHERE id = :id
                    """).bind("run", run).bind("now", now).bind("id", id).execute();
        } else {
            // Periodic (e.g. a quarterly survey): the next run is the next period after now, and always at least
            // one period later than this one (send_at is stored in microseconds, the clock has nanoseconds: a
            // send_at rounded up past "now" must still move on, or the campaign would stay due for ever).
            Instant next = sendAt;
            do {
                next = next.plus(Duration.ofDays(repeat));
            } while (!next.isAfter(now));
            h.createUpdate("""
                    UPDATE crm_campaign SET send_at = :next, runs = :run, last_run_at = :now, updated_at = :now
                    WHERE id = :id
                    """).bind("next", next).bind("run", run).bind("now", now).bind("id", id).execute();
        }
    }

    /** What happened to one recipient. */
    record Outcome(String status, UUID messageId, String detail) {
    }

    private Outcome sendSurvey(Handle h, UUID templateId, SegmentService.Member m, String dedupe) {
        if (!consents.allows(h, m.customerId(), ConsentChannel.EMAIL, ConsentPurpose.SURVEYS)) {
            return new Outcome("skipped_no_consent", null, null);
        }
        return surveys.send(h, new SurveyService.Send(templateId, m.customerId(), null, null, null), dedupe)
                .map(s -> new Outcome("queued", s.messageId(), null))
                .orElse(new Outcome("failed", null, "not sent"));
    }

    /**
     * One marketing message to one person, in the caller's transaction: consent first, then the frequency cap
     * (the contact row is locked so two campaigns cannot both squeeze under the cap for the same person).
     *
     * @param enforceCap false for occasion greetings, which count towards the cap but are not stopped by it
     */
    Outcome sendMarketing(Handle h, SegmentService.Member m, ConsentChannel channel, String template,
                          Map<String, String> params, String dedupe, RfmService.Settings cap, boolean enforceCap) {
        if (!consents.allows(h, m.customerId(), channel, ConsentPurpose.MARKETING)) {
            return new Outcome("skipped_no_consent", null, null);
        }
        String recipient = channel == ConsentChannel.EMAIL ? m.email() : m.phone();
        if (recipient == null || recipient.isBlank()) {
            return new Outcome("failed", null, "no " + (channel == ConsentChannel.EMAIL ? "email" : "phone number"));
        }
        h.createQuery("SELECT customer_id FROM crm_contact WHERE customer_id = :id FOR UPDATE")
                .bind("id", m.customerId()).mapTo(UUID.class).one();
        if (enforceCap) {
            long recent = h.createQuery("""
                            SELECT count(*) FROM crm_message
                            WHERE subject_id = :id AND category = 'marketing' AND status IN ('queued', 'sent')
                              AND created_at > :since
                            """).bind("id", m.customerId())
                    .bind("since", clock.instant().minus(Duration.ofDays(cap.capWindowDays()))).mapTo(Long.class).one();
            if (recent >= cap.capMaxMessages()) {
                return new Outcome("skipped_frequency_cap", null, null);
            }
        }
        Map<String, String> all = new HashMap<>(params);
        if (m.name() != null) {
            all.put("name", m.name());
        }
        UUID messageId = messages.enqueue(h, new MessageService.MessageRequest(m.customerId(), channel,
                MessageCategory.MARKETING, ConsentPurpose.MARKETING, template, m.locale(), recipient, all, dedupe));
        return new Outcome("queued", messageId, null);
    }

    // ---- rows ----

    private Campaign campaign(Handle h, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Counts counts = h.createQuery("""
                        SELECT count(*) AS targeted,
                               count(*) FILTER (WHERE r.status = 'queued' AND m.status = 'sent') AS sent,
                               count(*) FILTER (WHERE r.status = 'queued' AND m.status = 'queued') AS pending,
                               count(*) FILTER (WHERE r.status = 'skipped_no_consent' OR m.status = 'suppressed')
                                   AS skipped_no_consent,
                               count(*) FILTER (WHERE r.status = 'skipped_frequency_cap') AS skipped_frequency_cap,
                               count(*) FILTER (WHERE r.status = 'failed' OR m.status = 'failed') AS failed
                        FROM crm_campaign_recipient r LEFT JOIN crm_message m ON m.id = r.message_id
                        WHERE r.campaign_id = :id
                        """).bind("id", id)
                .map((c, ctx) -> new Counts(c.getLong("targeted"), c.getLong("sent"), c.getLong("pending"),
                        c.getLong("skipped_no_consent"), c.getLong("skipped_frequency_cap"), c.getLong("failed"))).one();
        OffsetDateTime last = rs.getObject("last_run_at", OffsetDateTime.class);
        Integer repeat = rs.getObject("repeat_every_days", Integer.class);
        return new Campaign(id, rs.getString("name"), rs.getString("kind"), rs.getString("channel"),
                rs.getString("template"), params(rs.getString("params")), rs.getObject("survey_template_id", UUID.class),
                new TargetView(rs.getString("rfm_segment"), rs.getObject("segment_id", UUID.class)),
                rs.getString("status"), rs.getObject("send_at", OffsetDateTime.class).toInstant(), repeat,
                rs.getInt("runs"), last == null ? null : last.toInstant(), counts,
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private Map<String, String> params(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign params are not a JSON object", e);
        }
    }

    private String json(Map<String, String> params) {
        try {
            return mapper.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
