package io.bazaar.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.app.UnsubscribeTokens;
import io.bazaar.crm.consent.web.MyConsentsResource;
import io.bazaar.crm.consent.web.UnsubscribeResource;
import io.bazaar.crm.customer.app.CustomerProfileService;
import io.bazaar.crm.customer.app.StaffDirectory;
import io.bazaar.crm.customer.web.CrmCustomersResource;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.intake.app.CrmIntakeService;
import io.bazaar.crm.lead.app.LeadService;
import io.bazaar.crm.lead.web.AdminLeadsResource;
import io.bazaar.crm.lead.web.LeadQuestionsResource;
import io.bazaar.crm.lead.web.NewsletterResource;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.metrics.app.MetricsService;
import io.bazaar.crm.metrics.web.MetricsResource;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.message.delivery.DevMailboxEmailSender;
import io.bazaar.crm.message.delivery.EmailSender;
import io.bazaar.crm.message.delivery.LoggingSmsSender;
import io.bazaar.crm.message.delivery.SmtpEmailSender;
import io.bazaar.crm.message.web.CustomerMessagesResource;
import io.bazaar.crm.message.web.DevMailboxResource;
import io.bazaar.crm.privacy.app.PersonalDataEraser;
import io.bazaar.crm.privacy.app.PersonalDataExporter;
import io.bazaar.crm.privacy.app.PrivacyService;
import io.bazaar.crm.privacy.web.CustomerErasureResource;
import io.bazaar.crm.privacy.web.LegalResource;
import io.bazaar.crm.privacy.web.MyDataExportResource;
import io.bazaar.crm.privacy.web.MyErasureResource;
import io.bazaar.crm.survey.app.SurveyService;
import io.bazaar.crm.survey.app.SurveyTokens;
import io.bazaar.crm.survey.web.AdminSurveyTemplatesResource;
import io.bazaar.crm.survey.web.AdminSurveysResource;
import io.bazaar.crm.survey.web.MySurveysResource;
import io.bazaar.crm.survey.web.PublicSurveysResource;
import io.bazaar.crm.ticket.app.GoodwillPort;
import io.bazaar.crm.ticket.app.TicketService;
import io.bazaar.crm.ticket.app.TicketSettings;
import io.bazaar.crm.ticket.web.AdminTicketsResource;
import io.bazaar.crm.ticket.web.MyTicketsResource;
import io.bazaar.crm.faq.app.FaqService;
import io.bazaar.crm.faq.web.AdminFaqResource;
import io.bazaar.crm.faq.web.MyFaqResource;
import io.bazaar.crm.faq.web.PublicFaqResource;
import io.bazaar.crm.followup.app.FollowUpIntake;
import io.bazaar.crm.followup.app.FollowUpService;
import io.bazaar.crm.followup.app.FollowUpSettings;
import io.bazaar.crm.followup.web.FollowUpJobsResource;
import io.bazaar.crm.followup.web.FollowUpRulesResource;
import io.bazaar.crm.task.app.StaffTaskService;
import io.bazaar.crm.task.web.StaffTasksResource;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.web.CustomerTimelineResource;
import io.bazaar.crm.loyalty.app.LoyaltyIntake;
import io.bazaar.crm.loyalty.app.LoyaltyProgram;
import io.bazaar.crm.loyalty.web.LoyaltyProgramResources;
import io.bazaar.crm.loyalty.app.LoyaltyService;
import io.bazaar.crm.loyalty.domain.PointsRules;
import io.bazaar.crm.loyalty.web.PointsResources;
// ---- Segments and campaigns (issue #8) ----
import io.bazaar.crm.campaign.app.CampaignService;
import io.bazaar.crm.campaign.app.OccasionService;
import io.bazaar.crm.campaign.web.BirthDateResources;
import io.bazaar.crm.campaign.web.CampaignsResource;
import io.bazaar.crm.segment.app.RfmService;
import io.bazaar.crm.segment.app.SegmentIntake;
import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.crm.segment.web.RfmResource;
import io.bazaar.crm.segment.web.SegmentSettingsResource;
import io.bazaar.crm.segment.web.SegmentsResource;
// ---- end ----
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The CRM wired by hand: the store's Application builds one, registers its {@link #resources()},
 * schedules {@link #messages()}{@code ::dispatchDue}, and adapts store events to its {@link #intake()}.
 * The store plugs in through ports: {@link StaffDirectory}, {@link PersonalDataExporter},
 * {@link PersonalDataEraser}.
 */
public final class CrmModule {
    private final TimelineService timeline;
    private final ConsentService consents;
    private final MessageService messages;
    private final LeadService leads;
    private final CustomerProfileService customers;
    private final PrivacyService privacy;
    private CrmIntake intake;
    private final CrmConfig config;
    private final LoyaltyService loyalty;
    private final TicketService tickets;
    private final SurveyService surveys;
    private final LoyaltyProgram loyaltyProgram;
    private final StaffTaskService tasks;
    private final FollowUpService followUps;
    private final FaqService faq;
    private final MetricsService metrics;
    // ---- Segments and campaigns (issue #8) ----
    private final RfmService rfm;
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final OccasionService occasions;
    // ---- end ----

    public CrmModule(Jdbi jdbi, ObjectMapper mapper, Clock clock, CrmConfig config, StaffDirectory staff,
                     PersonalDataExporter exporter, PersonalDataEraser eraser) {
        this(jdbi, mapper, clock, config, staff, exporter, eraser, TicketSettings.defaults(), GoodwillPort.RECORD_ONLY);
    }

    /**
     * With after-sales settings (issue #7) and the store's {@link GoodwillPort} (the application wires the
     * store's refunds; {@link GoodwillPort#RECORD_ONLY} only records refund intents).
     */
    public CrmModule(Jdbi jdbi, ObjectMapper mapper, Clock clock, CrmConfig config, StaffDirectory staff,
                     PersonalDataExporter exporter, PersonalDataEraser eraser, TicketSettings ticketSettings,
                     GoodwillPort goodwill) {
        this(jdbi, mapper, clock, config, staff, exporter, eraser, ticketSettings, goodwill, FollowUpSettings.defaults());
    }

    /** With follow-up settings (quiet hours) too. */
    public CrmModule(Jdbi jdbi, ObjectMapper mapper, Clock clock, CrmConfig config, StaffDirectory staff,
                     PersonalDataExporter exporter, PersonalDataEraser eraser, TicketSettings ticketSettings,
                     GoodwillPort goodwill, FollowUpSettings followUpSettings) {
        this.config = config;
        this.timeline = new TimelineService(jdbi, mapper, clock);
        this.consents = new ConsentService(jdbi, clock, timeline,
                new UnsubscribeTokens(config.secret(), clock, config.unsubscribeTokenTtl()), config.policyVersion());
        EmailSender email = config.smtp() == null ? new DevMailboxEmailSender(jdbi, clock, mapper)
                : new SmtpEmailSender(config.smtp());
        this.messages = new MessageService(jdbi, clock, new MessageTemplates(config.shopName()), consents, timeline,
                email, new LoggingSmsSender(), config.retry(), config.publicBaseUrl());
        this.leads = new LeadService(jdbi, clock, consents, timeline);
        this.customers = new CustomerProfileService(jdbi, mapper, clock, staff);
        this.privacy = new PrivacyService(jdbi, clock, mapper, consents, timeline, exporter, eraser);
        this.loyalty = new LoyaltyService(jdbi, clock, PointsRules.defaults(), timeline);
        // ---- Loyalty program (issue #8) ----
        this.loyaltyProgram = new LoyaltyProgram(jdbi, clock, mapper, timeline, consents, messages);
        // ---- end ----
        // Goodwill points are the CRM's own ledger, granted in the ticket's transaction; refunds go to the store.
        LoyaltyService points = this.loyalty;
        GoodwillPort withPoints = (h, intent) -> "points".equals(intent.kind())
                ? points.grantGoodwillPoints(h, intent.id(), intent.customerId(), intent.amount(), intent.reason(),
                        intent.staffId())
                : goodwill.grant(h, intent);
        this.tickets = new TicketService(jdbi, clock, timeline, staff, withPoints, ticketSettings);
        this.surveys = new SurveyService(jdbi, clock, mapper, messages, timeline, tickets,
                new SurveyTokens(config.secret()), ticketSettings.surveyLinkTtl(), config.publicBaseUrl());
        // ---- Follow-ups and staff tasks (issue #7) ----
        this.tasks = new StaffTaskService(jdbi, clock, timeline, staff);
        this.segments = new SegmentService(jdbi, clock, mapper);
        this.followUps = new FollowUpService(jdbi, clock, mapper, consents, messages, surveys, tasks, segments,
                followUpSettings, config.publicBaseUrl());
        FollowUpService fu = this.followUps;
        consents.onWithdrawal(fu::consentWithdrawn);
        tickets.onResolved((h, ticketId, customerId, orderId, at) -> fu.schedule(h,
                io.bazaar.crm.followup.domain.FollowUpTrigger.TICKET_RESOLVED, customerId, orderId, ticketId, at));
        this.faq = new FaqService(jdbi, clock, config.secret());
        this.intake = new FollowUpIntake(new LoyaltyIntake(new CrmIntakeService(timeline, leads, messages), loyalty,
                loyaltyProgram), followUps);
        // ---- end ----
        // ---- Metrics (issue #8) ----
        this.metrics = new MetricsService(jdbi, clock);
        // ---- end ----
        // ---- Segments and campaigns (issue #8): RFM re-scored and order lines kept by the intake ----
        this.rfm = new RfmService(jdbi, clock);
        this.campaigns = new CampaignService(jdbi, clock, mapper, segments, rfm, consents, messages, surveys);
        this.occasions = new OccasionService(jdbi, clock, campaigns, rfm);
        this.intake = new SegmentIntake(this.intake, rfm);
        // ---- end ----
    }

    /** Follow-up rules and jobs; schedule {@link FollowUpService#runDue()} to execute due follow-ups. */
    public FollowUpService followUps() {
        return followUps;
    }

    /** FAQ: categories, entries, search, helpful votes, ticket suggestions and deflection. */
    public FaqService faq() {
        return faq;
    }

    /** Staff tasks (created by staff, follow-up rules and SLA escalation). */
    public StaffTaskService tasks() {
        return tasks;
    }

    // ---- Metrics (issue #8) ----
    public MetricsService metrics() {
        return metrics;
    }
    // ---- end ----

    // ---- Segments and campaigns (issue #8) ----
    /** RFM scores; schedule {@link RfmService#refreshIfDue} for the full refresh. */
    public RfmService rfm() {
        return rfm;
    }

    public SegmentService segments() {
        return segments;
    }

    /** Schedule {@link CampaignService#dispatchDue()} to send scheduled campaigns. */
    public CampaignService campaigns() {
        return campaigns;
    }

    /** Schedule {@link OccasionService#runDue()}; plug in the store's catalogue with useNewProducts. */
    public OccasionService occasions() {
        return occasions;
    }
    // ---- end ----

    /** Survey templates, signed-link invitations, answers and results. */
    public SurveyService surveys() {
        return surveys;
    }

    /** After-sales tickets; schedule {@link TicketService#detectBreaches()} for SLA escalation. */
    public TicketService tickets() {
        return tickets;
    }

    public LoyaltyService loyalty() {
        return loyalty;
    }

    /** Redemption, referrals and tiers (issue #8); configure its rules at start, schedule its tier job. */
    public LoyaltyProgram loyaltyProgram() {
        return loyaltyProgram;
    }

    public CrmIntake intake() {
        return intake;
    }

    public TimelineService timeline() {
        return timeline;
    }

    public ConsentService consents() {
        return consents;
    }

    /** The notification outbox; schedule {@link MessageService#dispatchDue()} to send. */
    public MessageService messages() {
        return messages;
    }

    public CustomerProfileService customers() {
        return customers;
    }

    public LeadService leads() {
        return leads;
    }

    public PrivacyService privacy() {
        return privacy;
    }

    /** JAX-RS resources to register with Jersey. */
    public List<Object> resources() {
        List<Object> all = new ArrayList<>(List.of(new PointsResources.MyPointsResource(loyalty),
                new PointsResources.CustomerPointsResource(loyalty), new CustomerTimelineResource(timeline),
                new MyConsentsResource(consents),
                new UnsubscribeResource(consents), new DevMailboxResource(messages), new CustomerMessagesResource(messages),
                new NewsletterResource(leads), new LeadQuestionsResource(leads), new AdminLeadsResource(leads),
                new CrmCustomersResource(customers), new MyDataExportResource(privacy), new MyErasureResource(privacy),
                new CustomerErasureResource(privacy), new LegalResource(new LegalResource.LegalTexts(
                        config.policyVersion(), config.privacyPolicy(), config.terms()))));
        // After-sales (issue #7).
        all.addAll(List.of(new MyTicketsResource(tickets), new AdminTicketsResource(tickets),
                new StaffTasksResource(tasks), new AdminSurveyTemplatesResource(surveys),
                new AdminSurveysResource(surveys), new PublicSurveysResource(surveys), new MySurveysResource(surveys)));
        // ---- Loyalty program (issue #8) ----
        all.addAll(List.of(new LoyaltyProgramResources.MyLoyaltyResource(loyaltyProgram),
                new LoyaltyProgramResources.MyReferralResource(loyaltyProgram),
                new LoyaltyProgramResources.AdminLoyaltyResource(loyaltyProgram),
                new LoyaltyProgramResources.CustomerTierResource(loyaltyProgram)));
        // ---- end ----
        // Follow-ups (issue #7).
        all.addAll(List.of(new FollowUpRulesResource(followUps), new FollowUpJobsResource(followUps),
                new AdminFaqResource(faq), new PublicFaqResource(faq), new MyFaqResource(faq)));
        // ---- Metrics (issue #8) ----
        all.add(new MetricsResource(metrics));
        // ---- Segments and campaigns (issue #8) ----
        all.addAll(List.of(new RfmResource(rfm, segments), new SegmentsResource(segments),
                new SegmentSettingsResource(rfm), new CampaignsResource(campaigns),
                new BirthDateResources.MyBirthDateResource(occasions),
                new BirthDateResources.CustomerBirthDateResource(occasions)));
        // ---- end ----
        return List.copyOf(all);
    }
}
