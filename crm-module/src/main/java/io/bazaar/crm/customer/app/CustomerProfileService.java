package io.bazaar.crm.customer.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.consent.app.ConsentService;
import io.bazaar.crm.consent.domain.Consent;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.customer.app.CustomerViews.AccountManager;
import io.bazaar.crm.customer.app.CustomerViews.Customer360;
import io.bazaar.crm.customer.app.CustomerViews.CustomerSummary;
import io.bazaar.crm.customer.app.CustomerViews.LastActivity;
import io.bazaar.crm.customer.app.CustomerViews.ManagedCustomer;
import io.bazaar.crm.customer.app.CustomerViews.OrderFigures;
import io.bazaar.crm.customer.app.CustomerViews.Profile;
import io.bazaar.crm.customer.app.CustomerViews.TypeInfo;
import io.bazaar.crm.customer.domain.Amount;
import io.bazaar.crm.customer.domain.CustomerType;
import io.bazaar.crm.customer.persistence.ContactDao;
import io.bazaar.crm.customer.persistence.ContactRow;
import io.bazaar.crm.customer.persistence.Customer360Query;
import io.bazaar.crm.customer.persistence.Customer360Row;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.shared.db.Micros;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Customer 360, staff edits of customer type and tags, search, and account managers. */
public final class CustomerProfileService {
    private static final int LATEST_TIMELINE = 10;

    /** Staff changes; null fields stay as they are. */
    public record ProfileChanges(CustomerType customerType, String companyName, String taxId, List<String> tags) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final StaffDirectory staff;

    public CustomerProfileService(Jdbi jdbi, ObjectMapper mapper, Clock clock, StaffDirectory staff) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.mapper = Objects.requireNonNull(mapper);
        this.clock = Objects.requireNonNull(clock);
        this.staff = Objects.requireNonNull(staff);
    }

    /**
     * One statement: the contact with every figure and the latest timeline entries. No transaction: a single
     * statement sees one snapshot, and BEGIN/COMMIT would only add round trips.
     */
    public Customer360 view(UUID customerId) {
        return jdbi.withHandle(h -> {
            Customer360Row row = Customer360Query.find(h.getConnection(), customerId, LATEST_TIMELINE)
                    .orElseThrow(() -> ApiException.notFound("Customer"));
            ContactRow c = row.contact();
            List<Amount> spend = new ArrayList<>();
            List<Amount> aov = new ArrayList<>();
            for (JsonNode g : json(row.spendJson())) {
                String currency = g.get("currency").asText();
                long net = g.get("net").asLong();
                long orders = g.get("orders").asLong();
                spend.add(new Amount(net, currency));
                aov.add(new Amount(orders == 0 ? 0 : BigDecimal.valueOf(net)
                        .divide(BigDecimal.valueOf(orders), 0, RoundingMode.HALF_UP).longValueExact(), currency));
            }
            return new Customer360(c.customerId(),
                    new Profile(c.email(), c.name(), c.phone(), c.locale(), c.becameCustomerAt(), c.erasedAt()),
                    new TypeInfo(c.customerType(), c.companyName(), c.taxId()),
                    new OrderFigures(row.orderCount(), row.firstOrderAt(), row.lastOrderAt(), spend, aov),
                    row.openReturns(), row.openTickets(), consents(row.consentsJson()),
                    c.accountManagerId() == null ? null : new AccountManager(c.accountManagerId(), c.accountManagerAssignedAt()),
                    c.tags() == null ? List.of() : c.tags(),
                    new CustomerViews.Rfm(row.recencyScore(), row.frequencyScore(), row.monetaryScore(),
                            row.rfmSegment() == null ? "lead" : row.rfmSegment(), row.rfmComputedAt()),
                    new CustomerViews.Loyalty(row.tierCode(), row.pointsBalance()),
                    TimelineService.fromJsonRows(customerId, json(row.timelineJson())));
        });
    }

    public Customer360 update(UUID customerId, ProfileChanges changes) {
        jdbi.useTransaction(h -> {
            ContactDao dao = h.attach(ContactDao.class);
            ContactRow c = dao.findByIdForUpdate(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
            CustomerType type = changes.customerType() != null ? changes.customerType() : CustomerType.fromDb(c.customerType());
            String company = changes.companyName() != null ? blankToNull(changes.companyName()) : c.companyName();
            String taxId = changes.taxId() != null ? blankToNull(changes.taxId()) : c.taxId();
            if (type == CustomerType.INDIVIDUAL) {
                company = null;
                taxId = null;
            } else if (company == null) {
                throw ApiException.validation("company_name", "is required for a business customer");
            }
            List<String> tags = changes.tags() != null
                    ? List.copyOf(new LinkedHashSet<>(changes.tags().stream().map(String::strip).filter(t -> !t.isEmpty()).toList()))
                    : (c.tags() == null ? List.of() : c.tags());
            dao.updateProfile(customerId, type.dbValue(), company, taxId, tags, clock.instant());
        });
        return view(customerId);
    }

    public Page<CustomerSummary> search(String query, String tag, Cursor cursor, int limit) {
        String q = query == null || query.isBlank() ? null : query.strip();
        String digits = q == null ? "" : foldDigits(q).replaceAll("[^0-9]", "");
        String t = tag == null || tag.isBlank() ? null : tag.strip();
        List<ContactRow> rows = jdbi.withExtension(ContactDao.class, dao -> dao.search(q, digits, t,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        List<CustomerSummary> data = rows.stream().limit(limit).map(r -> new CustomerSummary(r.customerId(), r.email(),
                r.name(), r.phone(), r.customerType(), r.companyName(), r.tags() == null ? List.of() : r.tags(),
                r.accountManagerId(), r.createdAt())).toList();
        String next = rows.size() > limit
                ? new Cursor(data.get(limit - 1).createdAt(), data.get(limit - 1).customerId()).encode() : null;
        return new Page<>(data, next);
    }

    public Customer360 assignAccountManager(UUID customerId, UUID staffId) {
        if (staffId != null && !staff.isActiveStaff(staffId)) {
            throw ApiException.validation("staff_id", "is not an active staff member");
        }
        int n = jdbi.withExtension(ContactDao.class, dao -> dao.updateAccountManager(customerId, staffId, clock.instant()));
        if (n == 0) {
            throw ApiException.notFound("Customer");
        }
        return view(customerId);
    }

    public List<ManagedCustomer> customersOf(UUID staffId, int limit) {
        Instant since = clock.instant().minus(Duration.ofDays(30));
        return jdbi.withExtension(ContactDao.class, dao -> dao.listByAccountManager(staffId, since, limit)).stream()
                .map(r -> new ManagedCustomer(r.customerId(), r.email(), r.name(), r.customerType(), r.companyName(),
                        r.tags() == null ? List.of() : r.tags(), r.assignedAt(),
                        r.lastActivityAt() == null ? null
                                : new LastActivity(r.lastActivityType(), r.lastActivitySummary(), r.lastActivityAt()),
                        r.activityLast30Days()))
                .toList();
    }

    private List<Consent> consents(String json) {
        List<Consent> recorded = new ArrayList<>();
        for (JsonNode k : json(json)) {
            recorded.add(new Consent(ConsentChannel.fromDb(k.get("channel").asText()),
                    ConsentPurpose.fromDb(k.get("purpose").asText()), k.get("granted").asBoolean(),
                    k.get("source").asText(), k.get("policy_version").asText(),
                    Micros.toInstant(k.get("updated_at_us").asLong())));
        }
        return ConsentService.withDefaults(recorded);
    }

    private JsonNode json(String s) {
        try {
            return mapper.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("360 query returned invalid JSON", e);
        }
    }

    static String foldDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch >= '\u06F0' && ch <= '\u06F9') {
                b.append((char) ('0' + ch - '\u06F0'));
            } else if (ch >= '\u0660' && ch <= '\u0669') {
                b.append((char) ('0' + ch - '\u0660'));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }
}
