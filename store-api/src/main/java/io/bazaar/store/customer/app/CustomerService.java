package io.bazaar.store.customer.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.outbox.Outbox;
import io.bazaar.store.auth.app.IssuedSession;
import io.bazaar.store.auth.app.PasswordHasher;
import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.Emails;
import io.bazaar.store.auth.domain.PasswordPolicy;
import io.bazaar.store.auth.domain.SubjectType;
import io.bazaar.store.customer.domain.Customer;
import io.bazaar.store.customer.domain.CustomerRegistered;
import io.bazaar.store.customer.persistence.CustomerDao;
import io.bazaar.store.platform.ratelimit.LoginThrottle;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Customer accounts: registration, sign-in, profile and password. */
public final class CustomerService {
    public record Registration(String email, String password, String name, String phone, String locale,
                               String channel) {
    }

    public record ProfileChanges(String name, String phone, String locale) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Outbox outbox;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final LoginThrottle throttle;

    public CustomerService(Jdbi jdbi, Clock clock, Outbox outbox, PasswordHasher hasher, PasswordPolicy policy,
                           SessionService sessions, LoginThrottle throttle) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outbox = outbox;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public Customer register(Registration r) {
        checkPassword("password", r.password(), r.email());
        String hash = hasher.hash(r.password()); // outside the transaction: ~50 ms of CPU, no locks held
        UUID id = Ids.newId();
        Instant now = clock.instant();
        String email = r.email().strip();
        String locale = r.locale() == null ? "en" : r.locale();
        return jdbi.inTransaction(h -> {
            CustomerDao dao = h.attach(CustomerDao.class);
            if (dao.insert(id, email, Emails.normalize(email), hash, r.name(), r.phone(), locale, now) == 0) {
                throw new ApiException(ErrorCode.EMAIL_TAKEN, "An account with this email already exists; sign in instead",
                        List.of(new FieldError("email", "is already registered")));
            }
            outbox.append(h, CustomerRegistered.TYPE, "customer", id.toString(),
                    new CustomerRegistered(id, email, r.name(), r.phone(), locale, r.channel(), now));
            return dao.findById(id).orElseThrow().toDomain();
        });
    }

    /**
     * Verifies the credentials and opens a session. Unknown email and wrong password take the same
     * time and give the same answer, so the endpoint does not reveal which emails have accounts.
     */
    public IssuedSession signIn(String email, String password, String clientIp) {
        String normalized = Emails.normalize(email);
        throttle.checkAttempt("customer", normalized, clientIp);
        Optional<CustomerDao.Credentials> credentials =
                jdbi.withExtension(CustomerDao.class, dao -> dao.findCredentialsByEmail(normalized));
        if (credentials.isEmpty()) {
            hasher.verifyDecoy(password);
            throw invalidCredentials();
        }
        if (!hasher.verify(password, credentials.get().passwordHash())) {
            throw invalidCredentials();
        }
        return sessions.issue(SubjectType.CUSTOMER, credentials.get().id());
    }

    public Customer get(UUID customerId) {
        return jdbi.withExtension(CustomerDao.class, dao -> dao.findById(customerId))
                .map(CustomerDao.CustomerRow::toDomain)
                .orElseThrow(() -> ApiException.notFound("Customer"));
    }

    /** Applies the non-null changes; an empty string clears name or phone. Stale concurrent edits are 409. */
    public Customer updateProfile(UUID customerId, ProfileChanges changes) {
        return jdbi.inTransaction(h -> {
            CustomerDao dao = h.attach(CustomerDao.class);
            CustomerDao.CustomerRow current = dao.findById(customerId).orElseThrow(() -> ApiException.notFound("Customer"));
            String name = changes.name() == null ? current.name() : emptyToNull(changes.name());
            String phone = changes.phone() == null ? current.phone() : emptyToNull(changes.phone());
            String locale = changes.locale() == null ? current.locale() : changes.locale();
            if (dao.updateProfile(customerId, current.version(), name, phone, locale, clock.instant()) == 0) {
                throw new ApiException(ErrorCode.CONFLICT, "The profile was changed by another request; reload and retry");
            }
            return dao.findById(customerId).orElseThrow().toDomain();
        });
    }

    /** Changes the password after checking the current one, and signs out every other session. */
    public void changePassword(UUID customerId, UUID currentSessionId, String currentPassword, String newPassword) {
        CustomerDao.Credentials credentials = jdbi.withExtension(CustomerDao.class, dao -> dao.findCredentialsById(customerId))
                .orElseThrow(() -> ApiException.notFound("Customer"));
        if (!hasher.verify(currentPassword, credentials.passwordHash())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The current password is not correct",
                    List.of(new FieldError("current_password", "is not correct")));
        }
        Customer customer = get(customerId);
        checkPassword("new_password", newPassword, customer.email());
        if (hasher.verify(newPassword, credentials.passwordHash())) {
            throw ApiException.validation("new_password", "must differ from the current password");
        }
        String hash = hasher.hash(newPassword);
        jdbi.useTransaction(h -> {
            h.attach(CustomerDao.class).updatePassword(customerId, hash, clock.instant());
            sessions.revokeAll(h, SubjectType.CUSTOMER, customerId, currentSessionId);
        });
    }

    /**
     * Erasure: replaces the email with a pseudonym, clears name, phone and company data, makes the
     * password unusable and signs out every session. Runs in the caller's transaction.
     *
     * @return false if there is no such customer
     */
    public boolean erasePersonalData(org.jdbi.v3.core.Handle handle, UUID customerId, String pseudonymEmail) {
        CustomerDao dao = handle.attach(CustomerDao.class);
        if (dao.findById(customerId).isEmpty()) {
            return false;
        }
        dao.erase(customerId, pseudonymEmail, clock.instant());
        sessions.revokeAll(handle, SubjectType.CUSTOMER, customerId, null);
        return true;
    }

    private void checkPassword(String field, String password, String email) {
        List<String> problems = policy.violations(password, email);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.WEAK_PASSWORD, "The password does not meet the password policy",
                    problems.stream().map(p -> new FieldError(field, p)).toList());
        }
    }

    private static ApiException invalidCredentials() {
        return new ApiException(ErrorCode.INVALID_CREDENTIALS, "Email or password is incorrect");
    }

    private static String emptyToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }
}
