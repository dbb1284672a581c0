package io.bazaar.crm.campaign.app;

import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.message.app.MessageTemplates;
import io.bazaar.crm.segment.app.RfmService;
import io.bazaar.crm.segment.app.SegmentService;
import io.bazaar.shared.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Built-in occasion campaigns, run by a cluster-safe job: a birthday greeting, the anniversary of the first
 * purchase, and new products in categories the customer bought. Each goes by email to customers with marketing
 * email consent (checked again when sent), at most once per customer and occasion key (the year, or the product
 * batch): the {@code crm_occasion_sent} primary key is claimed in the same transaction as the message is queued.
 * Dates are UTC. Occasion greetings count towards the frequency cap but are not held back by it.
 */
public final class OccasionService {
    private static final String CONTACT = "c.customer_id, c.email, c.name, c.phone, c.locale, c.customer_type";
    private static final String CONSENTED = """
            EXISTS (SELECT 1 FROM crm_consent k WHERE k.subject_id = c.customer_id AND k.channel = 'email'
                    AND k.purpose = 'marketing' AND k.granted)""";

    public record Result(int birthdays, int anniversaries, int newProducts) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final CampaignService campaigns;
    private final RfmService rfm;
    private volatile NewProductsSource newProducts = NewProductsSource.NONE;

    public OccasionService(Jdbi jdbi, Clock clock, CampaignService campaigns, RfmService rfm) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.campaigns = Objects.requireNonNull(campaigns);
        this.rfm = Objects.requireNonNull(rfm);
    }

    /** The store's catalogue, for the new-products occasion (wired after both exist). */
    public void useNewProducts(NewProductsSource source) {
        this.newProducts = Objects.requireNonNull(source);
    }

    // ---- birth date ----

    public Optional<LocalDate> birthDate(UUID customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT birth_date FROM crm_contact WHERE customer_id = :id")
                .bind("id", customerId).map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .findOne()).orElseThrow(() -> ApiException.notFound("Customer"));
    }

    /** Null clears it. Must be a real past date after 1900. */
    public Optional<LocalDate> setBirthDate(UUID customerId, LocalDate date) {
        if (date != null && (date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC))) || date.getYear() < 1900)) {
            throw ApiException.validation("birth_date", "must be a date between 1900-01-01 and today");
        }
        int n = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE crm_contact SET birth_date = :date, updated_at = :now WHERE customer_id = :id
                        AND erased_at IS NULL
                        """).bind("date", date).bind("now", clock.instant()).bind("id", customerId).execute());
        if (n == 0) {
            throw ApiException.notFound("Customer");
        }
        return Optional.ofNullable(date);
    }

    // ---- the job ----

    /**
     * Sends today's occasions. One instance at a time (the settings row is claimed with SKIP LOCKED); running
     * it again the same day sends nothing new.
     */
    public Result runDue() {
        return jdbi.inTransaction(h -> {
            Optional<Integer> claimed = h.createQuery(
                    "SELECT id FROM crm_segment_settings WHERE id = 1 FOR UPDATE SKIP LOCKED").mapTo(Integer.class)
                    .findOne();
            if (claimed.isEmpty()) {
                return new Result(0, 0, 0);
            }
            RfmService.Settings cap = rfm.settings(h);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            int birthdays = birthdays(h, today, cap);
            int anniversaries = anniversaries(h, today, cap);
            int products = newProducts(h, cap);
            h.createUpdate("UPDATE crm_segment_settings SET occasions_run_on = :today WHERE id = 1")
                    .bind("today", today).execute();
            return new Result(birthdays, anniversaries, products);
        });
    }

    private int birthdays(Handle h, LocalDate today, RfmService.Settings cap) {
        // 29 February birthdays are greeted on 28 February in other years.
        boolean feb28NonLeap = MonthDay.from(today).equals(MonthDay.of(2, 28)) && !today.isLeapYear();
        List<SegmentService.Member> due = h.createQuery("SELECT " + CONTACT + " FROM crm_contact c "
                        + "WHERE c.erased_at IS NULL AND c.birth_date IS NOT NULL AND " + CONSENTED + " AND ("
                        + "(extract(month FROM c.birth_date) = :month AND extract(day FROM c.birth_date) = :day) "
                        + "OR (:feb28 AND extract(month FROM c.birth_date) = 2 AND extract(day FROM c.birth_date) = 29))"
                        + " ORDER BY c.customer_id")
                .bind("month", today.getMonthValue()).bind("day", today.getDayOfMonth()).bind("feb28", feb28NonLeap)
                .map((rs, ctx) -> member(rs)).list();
        int sent = 0;
        for (SegmentService.Member m : due) {
            if (send(h, m, "birthday", String.valueOf(today.getYear()), MessageTemplates.BIRTHDAY, Map.of(), cap)) {
                sent++;
            }
        }
        return sent;
    }

    private int anniversaries(Handle h, LocalDate today, RfmService.Settings cap) {
        List<Map.Entry<SegmentService.Member, Integer>> due = new ArrayList<>();
        h.createQuery("SELECT " + CONTACT + ", f.first_at FROM crm_contact c JOIN ("
                        + " SELECT customer_id, min(placed_at) AS first_at FROM crm_order_ledger"
                        + " WHERE status IN ('paid', 'shipped', 'delivered') GROUP BY customer_id) f"
                        + " ON f.customer_id = c.customer_id"
                        + " WHERE c.erased_at IS NULL AND " + CONSENTED
                        + " AND extract(month FROM f.first_at AT TIME ZONE 'UTC') = :month"
                        + " AND extract(day FROM f.first_at AT TIME ZONE 'UTC') = :day"
                        + " AND extract(year FROM f.first_at AT TIME ZONE 'UTC') < :year ORDER BY c.customer_id")
                .bind("month", today.getMonthValue()).bind("day", today.getDayOfMonth()).bind("year", today.getYear())
                .map((rs, ctx) -> Map.entry(member(rs), today.getYear() - rs.getObject("first_at",
                        java.time.OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).getYear()))
                .forEach(due::add);
        int sent = 0;
        for (Map.Entry<SegmentService.Member, Integer> e : due) {
            if (send(h, e.getKey(), "purchase_anniversary", String.valueOf(today.getYear()),
                    MessageTemplates.PURCHASE_ANNIVERSARY, Map.of("years", String.valueOf(e.getValue())), cap)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Products published since the last run, announced to customers who bought in their categories. The
     * high-water mark moves in the same transaction; the first run only sets it (nothing old is announced).
     */
    private int newProducts(Handle h, RfmService.Settings cap) {
        Instant now = clock.instant();
        Instant since = h.createQuery("SELECT new_products_until FROM crm_segment_settings WHERE id = 1")
                .mapTo(Instant.class).one();
        h.createUpdate("UPDATE crm_segment_settings SET new_products_until = :now WHERE id = 1").bind("now", now)
                .execute();
        if (since == null) {
            return 0;
        }
        List<NewProductsSource.NewProduct> products = newProducts.publishedBetween(since, now, 200);
        if (products.isEmpty()) {
            return 0;
        }
        Map<UUID, List<String>> titlesByCategory = new HashMap<>();
        for (NewProductsSource.NewProduct p : products) {
            p.categoryIds().forEach(cat -> titlesByCategory.computeIfAbsent(cat, k -> new ArrayList<>()).add(p.title()));
        }
        if (titlesByCategory.isEmpty()) {
            return 0;
        }
        Map<SegmentService.Member, List<UUID>> buyers = new LinkedHashMap<>();
        h.createQuery("SELECT " + CONTACT + ", array_agg(DISTINCT cat) AS cats FROM crm_contact c"
                        + " JOIN crm_order_ledger o ON o.customer_id = c.customer_id"
                        + " AND o.status IN ('paid', 'shipped', 'delivered')"
                        + " JOIN crm_order_line_ledger lf ON lf.order_id = o.order_id"
                        + " CROSS JOIN LATERAL unnest(lf.category_ids) AS cat"
                        + " WHERE c.erased_at IS NULL AND " + CONSENTED + " AND cat = ANY (CAST(:cats AS uuid[]))"
                        + " GROUP BY c.customer_id ORDER BY c.customer_id")
                .bind("cats", titlesByCategory.keySet().toArray(UUID[]::new))
                .map((rs, ctx) -> Map.entry(member(rs), List.of((UUID[]) rs.getArray("cats").getArray())))
                .forEach(e -> buyers.put(e.getKey(), e.getValue()));
        String batch = "until:" + now;
        int sent = 0;
        for (Map.Entry<SegmentService.Member, List<UUID>> e : buyers.entrySet()) {
            List<String> titles = e.getValue().stream().flatMap(cat -> titlesByCategory.get(cat).stream()).distinct()
                    .limit(10).toList();
            if (send(h, e.getKey(), "new_products", batch, MessageTemplates.NEW_PRODUCTS,
                    Map.of("products", "• " + String.join("\n• ", titles)), cap)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(Handle h, SegmentService.Member m, String occasion, String key, String template,
                         Map<String, String> params, RfmService.Settings cap) {
        int claimed = h.createUpdate("""
                        INSERT INTO crm_occasion_sent (customer_id, occasion, occasion_key, status, created_at)
                        VALUES (:id, :occasion, :key, 'queued', :now) ON CONFLICT DO NOTHING
                        """).bind("id", m.customerId()).bind("occasion", occasion).bind("key", key)
                .bind("now", clock.instant()).execute();
        if (claimed == 0) {
            return false;
        }
        CampaignService.Outcome o = campaigns.sendMarketing(h, m, ConsentChannel.EMAIL, template, params,
                occasion + ":" + key + ":" + m.customerId(), cap, false);
        h.createUpdate("""
                        UPDATE crm_occasion_sent SET status = :status, message_id = :message
                        WHERE customer_id = :id AND occasion = :occasion AND occasion_key = :key
                        """).bind("status", o.status())
                .bind("message", o.messageId()).bind("id", m.customerId()).bind("occasion", occasion).bind("key", key)
                .execute();
        return "queued".equals(o.status());
    }

    private static SegmentService.Member member(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SegmentService.Member(rs.getObject("customer_id", UUID.class), rs.getString("email"),
                rs.getString("name"), rs.getString("phone"), rs.getString("locale"), rs.getString("customer_type"));
    }
}
