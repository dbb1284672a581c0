package io.bazaar.crm.survey.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.customer.persistence.ContactDao;
import io.bazaar.crm.customer.persistence.ContactRow;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.message.domain.MessageCategory;
import io.bazaar.crm.survey.domain.Nps;
import io.bazaar.crm.survey.domain.Question;
import io.bazaar.crm.survey.domain.QuestionKind;
import io.bazaar.crm.survey.persistence.AnswerStatRow;
import io.bazaar.crm.survey.persistence.InvitationRow;
import io.bazaar.crm.survey.persistence.NpsPeriodRow;
import io.bazaar.crm.survey.persistence.SurveyDao;
import io.bazaar.crm.survey.persistence.SurveyTemplateRow;
import io.bazaar.crm.ticket.app.TicketService;
import io.bazaar.crm.ticket.domain.TicketPriority;
import io.bazaar.crm.ticket.domain.TicketType;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Survey templates, invitations sent through the CRM's messages (purpose surveys: consent is
 * checked when the email is sent), answers through a signed link (or in-app), once, and results.
 * A detractor answer (NPS 0-6 or CSAT 1-2) opens a complaint ticket linked to the order.
 */
public final class SurveyService {
    private static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() {
    };

    public record Template(UUID id, String name, String locale, List<Question> questions, Instant createdAt) {
    }

    public record Send(UUID templateId, UUID customerId, UUID orderId, String productRef, String categoryRef) {
    }

    public record Sent(UUID invitationId, UUID messageId, Instant expiresAt) {
    }

    /** One answer; which fields apply depends on the question's kind. */
    public record Answer(String key, Integer score, List<String> choices, String text) {
    }

    public record SurveyForm(UUID invitationId, String name, String locale, List<Question> questions,
                             boolean answered, Instant expiresAt) {
    }

    public record Answered(UUID invitationId, Instant answeredAt, UUID ticketId) {
    }

    public record Count(String value, long answers) {
    }

    public record QuestionResult(String key, String kind, List<Count> distribution) {
    }

    public record Csat(long answers, Double average, Double satisfiedPercent) {
    }

    public record Period(Instant month, Nps nps, Csat csat) {
    }

    public record FreeText(UUID invitationId, String questionKey, String text, String productRef, Instant answeredAt) {
    }

    public record Results(UUID templateId, Instant from, Instant to, String productRef, String categoryRef, Nps nps,
                          Csat csat, List<Period> byMonth, List<QuestionResult> questions, List<FreeText> freeText) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final MessageService messages;
    private final TimelineService timeline;
    private final TicketService tickets;
    private final SurveyTokens tokens;
    private final Duration linkTtl;
    private final String publicBaseUrl;

    public SurveyService(Jdbi jdbi, Clock clock, ObjectMapper mapper, MessageService messages, TimelineService timeline,
                         TicketService tickets, SurveyTokens tokens, Duration linkTtl, String publicBaseUrl) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.mapper = Objects.requireNonNull(mapper);
        this.messages = Objects.requireNonNull(messages);
        this.timeline = Objects.requireNonNull(timeline);
        this.tickets = Objects.requireNonNull(tickets);
        this.tokens = Objects.requireNonNull(tokens);
        this.linkTtl = Objects.requireNonNull(linkTtl);
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    // ---- templates ----------------------------------------------------------------------------

    public Template createTemplate(String name, String locale, List<Question> questions) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String field = "questions[" + i + "]";
            if (!keys.add(q.key())) {
                throw ApiException.validation(field + ".key", "is used twice");
            }
            boolean choice = q.kind() == QuestionKind.SINGLE_CHOICE || q.kind() == QuestionKind.MULTIPLE_CHOICE;
            if (choice && (q.options().size() < 2 || new HashSet<>(q.options()).size() != q.options().size())) {
                throw ApiException.validation(field + ".options", "a choice question needs at least two distinct options");
            }
            if (!choice && !q.options().isEmpty()) {
                throw ApiException.validation(field + ".options", "only choice questions have options");
            }
        }
        UUID id = Ids.newId();
        Instant now = now();
        jdbi.useExtension(SurveyDao.class, dao -> dao.insertTemplate(id, name, locale, json(questions), now));
        return new Template(id, name, locale, List.copyOf(questions), now);
    }

    public List<Template> templates(int limit) {
        return jdbi.withExtension(SurveyDao.class, dao -> dao.listTemplates(limit)).stream().map(this::template).toList();
    }

    // ---- sending ------------------------------------------------------------------------------

    public Sent send(Send s) {
        return jdbi.inTransaction(h -> send(h, s, null).orElseThrow());
    }

    /**
     * Creates an invitation and queues the email in the caller's transaction. With a dedupe key a
     * second call for the same key queues nothing new (follow-up rules use this).
     */
    public Optional<Sent> send(Handle h, Send s, String dedupeKey) {
        SurveyDao dao = h.attach(SurveyDao.class);
        SurveyTemplateRow template = dao.findTemplate(s.templateId())
                .orElseThrow(() -> ApiException.notFound("Survey template"));
        ContactRow contact = h.attach(ContactDao.class).findById(s.customerId())
                .orElseThrow(() -> ApiException.notFound("Customer"));
        Instant now = now();
        UUID id = Ids.newId();
        Instant expiresAt = now.plus(linkTtl);
        dao.insertInvitation(id, template.id(), s.customerId(), s.orderId(), s.productRef(), s.categoryRef(),
                expiresAt, now);
        Map<String, String> params = new HashMap<>();
        params.put("survey_url", publicBaseUrl + "/v1/surveys/" + tokens.issue(id, expiresAt));
        if (contact.name() != null) {
            params.put("name", contact.name());
        }
        UUID messageId = messages.enqueue(h, new MessageService.MessageRequest(s.customerId(), ConsentChannel.EMAIL,
                MessageCategory.SURVEY, ConsentPurpose.SURVEYS, MessageTemplates.SURVEY_INVITE, template.locale(),
                contact.email(), params, dedupeKey == null ? "survey:" + id : dedupeKey));
        return Optional.of(new Sent(id, messageId, expiresAt));
    }

    // ---- answering ----------------------------------------------------------------------------

    public SurveyForm form(String token) {
        return jdbi.inTransaction(h -> form(h.attach(SurveyDao.class), invitationFromToken(h, token)));
    }

    public SurveyForm formInApp(UUID customerId, UUID invitationId) {
        return jdbi.inTransaction(h -> form(h.attach(SurveyDao.class), own(h, customerId, invitationId)));
    }

    public Answered answer(String token, List<Answer> answers) {
        return jdbi.inTransaction(h -> answer(h, invitationFromToken(h, token), answers, Channel.EMAIL));
    }

    public Answered answerInApp(UUID customerId, UUID invitationId, List<Answer> answers) {
        return jdbi.inTransaction(h -> {
            InvitationRow inv = own(h, customerId, invitationId);
            if (!now().isBefore(inv.expiresAt())) {
                throw new ApiException(ErrorCode.INVALID_SURVEY_LINK, "This survey has expired");
            }
            return answer(h, inv, answers, Channel.WEB);
        });
    }

    private Answered answer(Handle h, InvitationRow inv, List<Answer> answers, Channel channel) {
        SurveyDao dao = h.attach(SurveyDao.class);
        List<Question> questions = template(dao.findTemplate(inv.templateId()).orElseThrow()).questions();
        Map<String, Answer> byKey = validate(questions, answers);
        Instant now = now();
        if (dao.markAnswered(inv.id(), now) == 0) {
            throw new ApiException(ErrorCode.ALREADY_ANSWERED, "This survey was already answered");
        }
        Integer worst = null;
        QuestionKind worstKind = null;
        for (Question q : questions) {
            Answer a = byKey.get(q.key());
            if (a == null) {
                continue;
            }
            dao.insertAnswer(Ids.newId(), inv.id(), inv.templateId(), q.key(), q.kind().wire(), a.score(),
                    a.choices(), a.text(), inv.productRef(), inv.categoryRef(), now);
            if (a.score() != null && Nps.isDetractor(q.kind(), a.score())) {
                worst = a.score();
                worstKind = q.kind();
            }
        }
        Map<String, String> refs = new HashMap<>(Map.of("invitation_id", inv.id().toString()));
        if (inv.orderId() != null) {
            refs.put("order_id", inv.orderId().toString());
        }
        timeline.record(h, inv.id(), inv.customerId(), "survey.answered", InteractionKind.INTERACTIVE, channel,
                "Answered a satisfaction survey", refs, now);
        UUID ticketId = null;
        if (worst != null) {
            String detail = worstKind.wire().toUpperCase(java.util.Locale.ROOT) + " " + worst;
            StringBuilder text = new StringBuilder("Detractor survey answer (" + detail + ").");
            byKey.values().stream().filter(a -> a.text() != null && !a.text().isBlank())
                    .forEach(a -> text.append("\n").append(a.text()));
            ticketId = tickets.openAutomatically(h, inv.customerId(), TicketType.COMPLAINT, TicketPriority.HIGH,
                    "Unhappy survey answer (" + detail + ")", text.toString(), inv.orderId(), inv.productRef(),
                    "survey:" + inv.id()).orElse(null);
            if (ticketId != null) {
                dao.linkTicket(inv.id(), ticketId);
            }
        }
        return new Answered(inv.id(), now, ticketId);
    }

    private static Map<String, Answer> validate(List<Question> questions, List<Answer> answers) {
        Map<String, Question> byKey = new LinkedHashMap<>();
        questions.forEach(q -> byKey.put(q.key(), q));
        Map<String, Answer> out = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            String field = "answers[" + i + "]";
            Question q = byKey.get(a.key());
            if (q == null) {
                throw ApiException.validation(field + ".key", "is not a question of this survey");
            }
            if (out.put(a.key(), a) != null) {
                throw ApiException.validation(field + ".key", "is answered twice");
            }
            switch (q.kind()) {
                case NPS -> requireScore(field, a, 0, 10);
                case CSAT -> requireScore(field, a, 1, 5);
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                    if (a.choices() == null || a.choices().isEmpty() || a.score() != null || a.text() != null) {
                        throw ApiException.validation(field + ".choices", "choose from the options (and nothing else)");
                    }
                    if (q.kind() == QuestionKind.SINGLE_CHOICE && a.choices().size() != 1) {
                        throw ApiException.validation(field + ".choices", "choose exactly one option");
                    }
                    if (!q.options().containsAll(a.choices()) || new HashSet<>(a.choices()).size() != a.choices().size()) {
                        throw ApiException.validation(field + ".choices", "must be distinct options of the question");
                    }
                }
                case FREE_TEXT -> {
                    if (a.text() == null || a.text().isBlank() || a.text().length() > 5000 || a.score() != null
                            || a.choices() != null) {
                        throw ApiException.validation(field + ".text", "must be 1 to 5000 characters");
                    }
                }
                default -> throw new IllegalStateException("unknown kind " + q.kind());
            }
        }
        for (Question q : questions) {
            if (q.required() && !out.containsKey(q.key())) {
                throw ApiException.validation("answers", "question " + q.key() + " is required");
            }
        }
        return out;
    }

    private static void requireScore(String field, Answer a, int min, int max) {
        if (a.score() == null || a.score() < min || a.score() > max || a.choices() != null || a.text() != null) {
            throw ApiException.validation(field + ".score", "must be a score from " + min + " to " + max);
        }
    }

    // ---- results ------------------------------------------------------------------------------

    public Results results(UUID templateId, Instant from, Instant to, String productRef, String categoryRef) {
        if (!from.isBefore(to)) {
            throw ApiException.validation("to", "must be after from");
        }
        return jdbi.inTransaction(h -> {
            SurveyDao dao = h.attach(SurveyDao.class);
            dao.findTemplate(templateId).orElseThrow(() -> ApiException.notFound("Survey template"));
            List<NpsPeriodRow> months = dao.byMonth(templateId, from, to, productRef, categoryRef);
            long p = 0, pa = 0, d = 0, cn = 0, cs = 0, csum = 0;
            List<Period> periods = new ArrayList<>();
            for (NpsPeriodRow m : months) {
                p += m.promoters();
                pa += m.passives();
                d += m.detractors();
                cn += m.csatAnswers();
                cs += m.csatSatisfied();
                csum += m.csatSum();
                periods.add(new Period(m.period(), Nps.of(m.promoters(), m.passives(), m.detractors()),
                        csat(m.csatAnswers(), m.csatSatisfied(), m.csatSum())));
            }
            Map<String, List<Count>> dist = new LinkedHashMap<>();
            Map<String, String> kinds = new HashMap<>();
            for (AnswerStatRow r : dao.distribution(templateId, from, to, productRef, categoryRef)) {
                dist.computeIfAbsent(r.questionKey(), k -> new ArrayList<>()).add(new Count(r.value(), r.answers()));
                kinds.put(r.questionKey(), r.kind());
            }
            List<QuestionResult> questions = dist.entrySet().stream()
                    .map(e -> new QuestionResult(e.getKey(), kinds.get(e.getKey()), e.getValue())).toList();
            List<FreeText> texts = dao.freeText(templateId, from, to, productRef, categoryRef, 200).stream()
                    .map(t -> new FreeText(t.invitationId(), t.questionKey(), t.textAnswer(), t.productRef(),
                            t.answeredAt())).toList();
            return new Results(templateId, from, to, productRef, categoryRef, Nps.of(p, pa, d), csat(cn, cs, csum),
                    periods, questions, texts);
        });
    }

    /** CSAT: average score (1-5) and % satisfied (4 or 5), both one decimal half-up; null without answers. */
    static Csat csat(long answers, long satisfied, long sum) {
        if (answers == 0) {
            return new Csat(0, null, null);
        }
        return new Csat(answers, BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answers), 1, RoundingMode.HALF_UP)
                .doubleValue(), BigDecimal.valueOf(satisfied * 100).divide(BigDecimal.valueOf(answers), 1,
                RoundingMode.HALF_UP).doubleValue());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private InvitationRow invitationFromToken(Handle h, String token) {
        SurveyTokens.Claim claim = tokens.verify(token)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_SURVEY_LINK, "This survey link is not valid"));
        if (!now().isBefore(claim.expiresAt())) {
            throw new ApiException(ErrorCode.INVALID_SURVEY_LINK, "This survey link has expired");
        }
        return h.attach(SurveyDao.class).findInvitation(claim.invitationId())
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_SURVEY_LINK, "This survey link is not valid"));
    }

    private static InvitationRow own(Handle h, UUID customerId, UUID invitationId) {
        return h.attach(SurveyDao.class).findInvitation(invitationId).filter(i -> i.customerId().equals(customerId))
                .orElseThrow(() -> ApiException.notFound("Survey"));
    }

    private SurveyForm form(SurveyDao dao, InvitationRow inv) {
        Template t = template(dao.findTemplate(inv.templateId()).orElseThrow());
        return new SurveyForm(inv.id(), t.name(), t.locale(), t.questions(), inv.answeredAt() != null, inv.expiresAt());
    }

    private Template template(SurveyTemplateRow r) {
        try {
            return new Template(r.id(), r.name(), r.locale(), mapper.readValue(r.questions(), QUESTIONS), r.createdAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt survey template questions", e);
        }
    }

    private String json(List<Question> questions) {
        try {
            return mapper.writeValueAsString(questions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise questions", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
