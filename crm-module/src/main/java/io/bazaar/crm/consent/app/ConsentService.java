package io.bazaar.crm.consent.app;

import io.bazaar.crm.consent.domain.Consent;
import io.bazaar.crm.consent.domain.ConsentChange;
import io.bazaar.crm.consent.domain.ConsentChannel;
import io.bazaar.crm.consent.domain.ConsentPurpose;
import io.bazaar.crm.consent.persistence.ConsentDao;
import io.bazaar.crm.consent.persistence.ConsentEventRow;
import io.bazaar.crm.consent.persistence.ConsentRow;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.domain.Channel;
import io.bazaar.crm.timeline.domain.InteractionKind;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.id.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The consent ledger: every change is appended with its time, source and policy version, and the
 * current state is updated in the same transaction. Senders ask {@link #allows} at send time.
 */
public final class ConsentService {
    /** One requested change; {@code source} says where it came from (e.g. {@code me_api}, {@code unsubscribe_link}). */
    public record Change(ConsentChannel channel, ConsentPurpose purpose, boolean granted) {
        public Change {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /** Told in the withdrawing transaction, e.g. so pending follow-ups needing that consent are cancelled. */
    @FunctionalInterface
    public interface WithdrawalListener {
        void withdrawn(Handle handle, UUID subjectId, ConsentChannel channel, ConsentPurpose purpose);
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final TimelineService timeline;
    private final UnsubscribeTokens tokens;
    private final String policyVersion;
    private final List<WithdrawalListener> withdrawalListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConsentService(Jdbi jdbi, Clock clock, TimelineService timeline, UnsubscribeTokens tokens,
                          String policyVersion) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.clock = Objects.requireNonNull(clock);
        this.timeline = Objects.requireNonNull(timeline);
        this.tokens = Objects.requireNonNull(tokens);
        this.policyVersion = Objects.requireNonNull(policyVersion);
    }

    /** Registers a listener at wiring time. */
    public void onWithdrawal(WithdrawalListener listener) {
        withdrawalListeners.add(Objects.requireNonNull(listener));
    }

    public String policyVersion() {
        return policyVersion;
    }

    /** Every channel and purpose, recorded or default. */
    public List<Consent> current(UUID subjectId) {
        return jdbi.withHandle(h -> current(h, subjectId));
    }

    public List<Consent> current(Handle handle, UUID subjectId) {
        return withDefaults(handle.attach(ConsentDao.class).listBySubject(subjectId).stream()
                .map(r -> new Consent(ConsentChannel.fromDb(r.channel()), ConsentPurpose.fromDb(r.purpose()), r.granted(),
                        r.source(), r.policyVersion(), r.updatedAt()))
                .toList());
    }

    /** Every channel and purpose: the recorded consent where there is one, else the purpose's default. */
    public static List<Consent> withDefaults(List<Consent> recorded) {
        List<Consent> all = new ArrayList<>();
        for (ConsentChannel channel : ConsentChannel.values()) {
            for (ConsentPurpose purpose : ConsentPurpose.values()) {
                all.add(recorded.stream().filter(c -> c.channel() == channel && c.purpose() == purpose).findFirst()
                        .orElse(new Consent(channel, purpose, purpose.grantedByDefault(), null, null, null)));
            }
        }
        return all;
    }

    public List<ConsentChange> history(UUID subjectId) {
        return jdbi.withHandle(h -> history(h, subjectId));
    }

    public List<ConsentChange> history(Handle handle, UUID subjectId) {
        return handle.attach(ConsentDao.class).listEventsBySubject(subjectId).stream().map(ConsentService::toChange).toList();
    }

    /** Whether a message of this purpose may be sent on this channel now. Read in the sender's transaction. */
    public boolean allows(Handle handle, UUID subjectId, ConsentChannel channel, ConsentPurpose purpose) {
        return handle.attach(ConsentDao.class).find(subjectId, channel.dbValue(), purpose.dbValue())
                .map(ConsentRow::granted).orElse(purpose.grantedByDefault());
    }

    /** Applies changes for a customer in one transaction; unchanged values add nothing to the ledger. */
    public List<Consent> changeForCustomer(UUID customerId, List<Change> changes, String source) {
        return jdbi.inTransaction(h -> {
            for (Change c : changes) {
                change(h, customerId, true, c, source, timelineChannel(source));
            }
            return current(h, customerId);
        });
    }

    /**
     * Records one change inside the caller's transaction. When the subject is a customer the change
     * also lands on their timeline, keyed by the ledger row so it is recorded once.
     *
     * @return true if the state changed
     */
    public boolean change(Handle handle, UUID subjectId, boolean isCustomer, Change change, String source,
                          Channel timelineChannel) {
        ConsentDao dao = handle.attach(ConsentDao.class);
        Optional<ConsentRow> existing = dao.findForUpdate(subjectId, change.channel().dbValue(),
                change.purpose().dbValue());
        // A first explicit choice is recorded even when it equals the default: it is evidence of consent.
        if (existing.isPresent() && existing.get().granted() == change.granted()) {
            return false;
        }
        Instant now = clock.instant();
        UUID eventId = Ids.newId();
        dao.insertEvent(eventId, subjectId, change.channel().dbValue(), change.purpose().dbValue(), change.granted(),
                source, policyVersion, now);
        dao.upsertCurrent(subjectId, change.channel().dbValue(), change.purpose().dbValue(), change.granted(), source,
                policyVersion, now);
        if (isCustomer) {
            String what = change.channel().dbValue() + " " + change.purpose().dbValue().replace('_', ' ');
            timeline.record(handle, eventId, subjectId, change.granted() ? "consent.granted" : "consent.withdrawn",
                    InteractionKind.INTERACTIVE, timelineChannel,
                    (change.granted() ? "Granted consent: " : "Withdrew consent: ") + what,
                    Map.of("channel", change.channel().dbValue(), "purpose", change.purpose().dbValue(), "source", source),
                    now);
        }
        if (!change.granted()) {
            for (WithdrawalListener l : withdrawalListeners) {
                l.withdrawn(handle, subjectId, change.channel(), change.purpose());
            }
        }
        return true;
    }

    /** The one-click unsubscribe: withdraws exactly the consent the signed token names. */
    public UnsubscribeTokens.Claim unsubscribe(String token) {
        UnsubscribeTokens.Claim claim = tokens.verify(token).orElseThrow(() -> new ApiException(
                ErrorCode.INVALID_UNSUBSCRIBE_TOKEN, "This unsubscribe link is not valid or has expired"));
        jdbi.useTransaction(h -> {
            boolean isCustomer = h.createQuery("SELECT count(*) FROM crm_contact WHERE customer_id = :id")
                    .bind("id", claim.subjectId()).mapTo(Long.class).one() > 0;
            change(h, claim.subjectId(), isCustomer, new Change(claim.channel(), claim.purpose(), false),
                    "unsubscribe_link", claim.channel() == ConsentChannel.SMS ? Channel.SMS : Channel.EMAIL);
        });
        return claim;
    }

    public String unsubscribeToken(UUID subjectId, ConsentChannel channel, ConsentPurpose purpose) {
        return tokens.issue(subjectId, channel, purpose);
    }

    /** A lead became a customer: their consents and ledger follow them. */
    public void moveToCustomer(Handle handle, UUID leadId, UUID customerId) {
        ConsentDao dao = handle.attach(ConsentDao.class);
        dao.copyCurrent(leadId, customerId);
        dao.reassignEvents(leadId, customerId);
        dao.deleteCurrent(leadId);
    }

    private static Channel timelineChannel(String source) {
        return source.contains("mobile") ? Channel.MOBILE : Channel.WEB;
    }

    private static ConsentChange toChange(ConsentEventRow r) {
        return new ConsentChange(r.id(), ConsentChannel.fromDb(r.channel()), ConsentPurpose.fromDb(r.purpose()),
                r.granted(), r.source(), r.policyVersion(), r.occurredAt());
    }
}
