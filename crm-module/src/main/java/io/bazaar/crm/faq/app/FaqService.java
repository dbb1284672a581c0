package io.bazaar.crm.faq.app;

import io.bazaar.crm.faq.domain.FaqQuery;
import io.bazaar.crm.faq.persistence.DeflectionRow;
import io.bazaar.crm.faq.persistence.FaqCategoryRow;
import io.bazaar.crm.faq.persistence.FaqDao;
import io.bazaar.crm.faq.persistence.FaqEntryRow;
import io.bazaar.crm.faq.persistence.SuggestionViewRow;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * FAQ: categories and entries per locale (fa, en), Persian-aware search (the catalogue's letter and
 * digit folding, through the {@code crm_fold} SQL function), "was this helpful" votes (one per voter
 * and entry), suggestions before a ticket is opened, and the deflection rate those suggestions achieve.
 */
public final class FaqService {
    private static final int MAX_RESULTS = 50;
    private static final int SUGGESTIONS = 5;

    public record Category(UUID id, String locale, String name, int position, Instant createdAt, Instant updatedAt) {
    }

    public record Entry(UUID id, UUID categoryId, String locale, String question, String answer, boolean published,
                        int position, long helpfulYes, long helpfulNo, Instant createdAt, Instant updatedAt) {
    }

    public record CategoryWithEntries(UUID id, String locale, String name, List<Entry> entries) {
    }

    public record EntryDraft(UUID categoryId, String question, String answer, boolean published, int position) {
    }

    public record Suggestions(UUID viewId, String query, List<Entry> entries) {
    }

    public record Votes(UUID entryId, long helpfulYes, long helpfulNo) {
    }

    /**
     * Deflection over suggestion views shown in [from, to) whose window is over: a view is
     * deflected when the customer opened no ticket within {@code windowMinutes} after it.
     * {@code deflectionRatePercent} = deflected / views x 100, one decimal half-up; null without views.
     */
    public record Deflection(Instant from, Instant to, long windowMinutes, long views, long followedByTicket,
                             long deflected, long markedSolved, long pending, Double deflectionRatePercent) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final String voterSalt;

    /** @param secret keys the hash of client addresses used as anonymous voter ids (never stored raw) */
    public FaqService(Jdbi jdbi, Clock clock, String secret) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.voterSalt = Objects.requireNonNull(secret);
    }

    // ---- categories ---------------------------------------------------------------------------

    public Category createCategory(String locale, String name, int position) {
        Instant now = now();
        FaqCategoryRow row = new FaqCategoryRow(Ids.newId(), locale, name.strip(), position, now, now);
        jdbi.useExtension(FaqDao.class, dao -> dao.insertCategory(row));
        return category(row);
    }

    public Category updateCategory(UUID id, String name, Integer position) {
        return jdbi.inTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            FaqCategoryRow c = dao.findCategory(id).orElseThrow(() -> ApiException.notFound("FAQ category"));
            FaqCategoryRow updated = new FaqCategoryRow(id, c.locale(), name == null ? c.name() : name.strip(),
                    position == null ? c.position() : position, c.createdAt(), now());
            dao.updateCategory(updated);
            return category(updated);
        });
    }

    public void deleteCategory(UUID id) {
        jdbi.useTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            dao.findCategory(id).orElseThrow(() -> ApiException.notFound("FAQ category"));
            if (dao.deleteEmptyCategory(id) == 0) {
                throw new ApiException(ErrorCode.CONFLICT, "The category still has entries; move or delete them first");
            }
        });
    }

    public List<Category> categories(String locale) {
        return jdbi.withExtension(FaqDao.class, dao -> dao.listCategories(locale)).stream().map(FaqService::category)
                .toList();
    }

    // ---- entries ------------------------------------------------------------------------------

    public Entry createEntry(EntryDraft d) {
        return jdbi.inTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            FaqCategoryRow c = dao.findCategory(d.categoryId())
                    .orElseThrow(() -> ApiException.validation("category_id", "no such FAQ category"));
            Instant now = now();
            FaqEntryRow row = new FaqEntryRow(Ids.newId(), c.id(), c.locale(), d.question().strip(), d.answer().strip(),
                    d.published(), d.position(), 0, 0, now, now);
            dao.insertEntry(row);
            return entry(row);
        });
    }

    /** Changes an entry; fields left null keep their value. The locale follows the category. */
    public Entry updateEntry(UUID id, UUID categoryId, String question, String answer, Boolean published,
                             Integer position) {
        return jdbi.inTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            FaqEntryRow e = dao.findEntry(id).orElseThrow(() -> ApiException.notFound("FAQ entry"));
            FaqCategoryRow c = dao.findCategory(categoryId == null ? e.categoryId() : categoryId)
                    .orElseThrow(() -> ApiException.validation("category_id", "no such FAQ category"));
            FaqEntryRow updated = new FaqEntryRow(id, c.id(), c.locale(), question == null ? e.question() : question.strip(),
                    answer == null ? e.answer() : answer.strip(), published == null ? e.published() : published,
                    position == null ? e.position() : position, e.helpfulYes(), e.helpfulNo(), e.createdAt(), now());
            dao.updateEntry(updated);
            return entry(dao.findEntry(id).orElseThrow());
        });
    }

    public void deleteEntry(UUID id) {
        jdbi.useTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            dao.deleteVotes(id);
            if (dao.deleteEntry(id) == 0) {
                throw ApiException.notFound("FAQ entry");
            }
        });
    }

    public Entry entry(UUID id, boolean publishedOnly) {
        return jdbi.withExtension(FaqDao.class, dao -> dao.findEntry(id)).filter(e -> !publishedOnly || e.published())
                .map(FaqService::entry).orElseThrow(() -> ApiException.notFound("FAQ entry"));
    }

    public List<Entry> entries(UUID categoryId, String locale, boolean publishedOnly) {
        return jdbi.withExtension(FaqDao.class, dao -> dao.listEntries(categoryId, locale, publishedOnly, 500)).stream()
                .map(FaqService::entry).toList();
    }

    /** The public FAQ: categories of a locale with their published entries. */
    public List<CategoryWithEntries> publicFaq(String locale) {
        return jdbi.withExtension(FaqDao.class, dao -> dao.listCategories(locale).stream()
                .map(c -> new CategoryWithEntries(c.id(), c.locale(), c.name(),
                        dao.listEntries(c.id(), null, true, 500).stream().map(FaqService::entry).toList()))
                .filter(c -> !c.entries().isEmpty()).toList());
    }

    // ---- search and suggestions ---------------------------------------------------------------

    /** Published entries containing every word of the query (letter and digit variants equal). */
    public List<Entry> search(String query, String locale, int limit) {
        List<String> words = FaqQuery.words(query);
        if (words.isEmpty()) {
            throw ApiException.validation("q", "must contain at least one letter or digit");
        }
        return jdbi.withExtension(FaqDao.class, dao -> dao.search(words, locale, words.size(),
                Math.min(limit, MAX_RESULTS))).stream().map(FaqService::entry).toList();
    }

    /**
     * Entries matching any meaningful word of what a customer is about to write a ticket about,
     * best first. The view is recorded (when anything was shown) so deflection can be measured.
     */
    public Suggestions suggest(UUID customerId, String subject, String locale) {
        List<String> words = FaqQuery.suggestionWords(subject);
        if (FaqQuery.words(subject).isEmpty()) {
            throw ApiException.validation("q", "must contain at least one letter or digit");
        }
        return jdbi.inTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            List<Entry> entries = words.isEmpty() ? List.of()
                    : dao.search(words, locale, 1, SUGGESTIONS).stream().map(FaqService::entry).toList();
            if (entries.isEmpty()) {
                return new Suggestions(null, subject, List.of());
            }
            UUID viewId = Ids.newId();
            dao.insertView(viewId, customerId, subject.strip(), entries.stream().map(Entry::id).toList(), now());
            return new Suggestions(viewId, subject, entries);
        });
    }

    /** The customer says a suggested entry answered their question (once per view). */
    public void markSolved(UUID customerId, UUID viewId, UUID entryId) {
        jdbi.useTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            SuggestionViewRow v = dao.findView(viewId).filter(r -> r.customerId().equals(customerId))
                    .orElseThrow(() -> ApiException.notFound("Suggestion view"));
            if (!v.entryIds().contains(entryId)) {
                throw ApiException.validation("entry_id", "was not among the suggestions shown");
            }
            if (dao.markSolved(viewId, entryId, now()) == 0) {
                throw new ApiException(ErrorCode.ALREADY_ANSWERED, "This suggestion view is already marked solved");
            }
        });
    }

    public Deflection deflection(Instant from, Instant to, long windowMinutes) {
        if (!from.isBefore(to)) {
            throw ApiException.validation("to", "must be after from");
        }
        if (windowMinutes < 1 || windowMinutes > 60L * 24 * 30) {
            throw ApiException.validation("window_minutes", "must be between 1 and 43200");
        }
        DeflectionRow r = jdbi.withExtension(FaqDao.class, dao -> dao.deflection(from, to,
                Duration.ofMinutes(windowMinutes).toSeconds(), now()));
        long deflected = r.views() - r.followedByTicket();
        Double rate = r.views() == 0 ? null : BigDecimal.valueOf(deflected * 100L)
                .divide(BigDecimal.valueOf(r.views()), 1, RoundingMode.HALF_UP).doubleValue();
        return new Deflection(from, to, windowMinutes, r.views(), r.followedByTicket(), deflected, r.markedSolved(),
                r.pending(), rate);
    }

    // ---- helpful votes ------------------------------------------------------------------------

    /** A signed-in customer's vote: one per customer and entry; voting again may change it. */
    public Votes voteAsCustomer(UUID entryId, UUID customerId, boolean helpful) {
        return vote(entryId, "customer:" + customerId, helpful);
    }

    /** An anonymous vote: one per client address and entry (the address is stored only as a keyed hash). */
    public Votes voteAnonymously(UUID entryId, String clientAddress, boolean helpful) {
        return vote(entryId, "anon:" + hash(clientAddress), helpful);
    }

    private Votes vote(UUID entryId, String voterKey, boolean helpful) {
        return jdbi.inTransaction(h -> {
            FaqDao dao = h.attach(FaqDao.class);
            FaqEntryRow e = dao.findEntry(entryId).filter(FaqEntryRow::published)
                    .orElseThrow(() -> ApiException.notFound("FAQ entry"));
            Instant now = now();
            if (dao.insertVote(e.id(), voterKey, helpful, now) == 1) {
                dao.addCounts(e.id(), helpful ? 1 : 0, helpful ? 0 : 1);
            } else if (dao.changeVote(e.id(), voterKey, helpful, now) == 1) {
                // The voter changed their mind: move their one vote from one count to the other.
                dao.addCounts(e.id(), helpful ? 1 : -1, helpful ? -1 : 1);
            }
            FaqEntryRow after = dao.findEntry(entryId).orElseThrow();
            return new Votes(after.id(), after.helpfulYes(), after.helpfulNo());
        });
    }

    private String hash(String clientAddress) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(voterSalt.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Category category(FaqCategoryRow r) {
        return new Category(r.id(), r.locale(), r.name(), r.position(), r.createdAt(), r.updatedAt());
    }

    private static Entry entry(FaqEntryRow r) {
        return new Entry(r.id(), r.categoryId(), r.locale(), r.question(), r.answer(), r.published(), r.position(),
                r.helpfulYes(), r.helpfulNo(), r.createdAt(), r.updatedAt());
    }
}
