package io.bazaar.store.staff.app;

import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.web.Cursor;
import io.bazaar.shared.web.Page;
import io.bazaar.store.auth.app.IssuedSession;
import io.bazaar.store.auth.app.PasswordHasher;
import io.bazaar.store.auth.app.SessionService;
import io.bazaar.store.auth.domain.Emails;
import io.bazaar.store.auth.domain.PasswordPolicy;
import io.bazaar.store.auth.domain.StaffRole;
import io.bazaar.store.auth.domain.SubjectType;
import io.bazaar.store.platform.ratelimit.LoginThrottle;
import io.bazaar.store.staff.domain.StaffMember;
import io.bazaar.store.staff.persistence.StaffDao;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Staff accounts: created by admins (the first one bootstrapped), signed in like customers. */
public final class StaffService {
    private static final Logger LOG = LoggerFactory.getLogger(StaffService.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final LoginThrottle throttle;

    public StaffService(Jdbi jdbi, Clock clock, PasswordHasher hasher, PasswordPolicy policy, SessionService sessions,
                        LoginThrottle throttle) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public StaffMember create(String email, String name, StaffRole role, String password, UUID createdBy) {
        List<String> problems = policy.violations(password, email);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.WEAK_PASSWORD, "The password does not meet the password policy",
                    problems.stream().map(p -> new FieldError("password", p)).toList());
        }
        String hash = hasher.hash(password);
        UUID id = Ids.newId();
        return jdbi.inTransaction(h -> {
            StaffDao dao = h.attach(StaffDao.class);
            if (dao.insert(id, email.strip(), Emails.normalize(email), hash, name.strip(), role.roleName(), createdBy,
                    clock.instant()) == 0) {
                throw new ApiException(ErrorCode.EMAIL_TAKEN, "A staff account with this email already exists",
                        List.of(new FieldError("email", "is already registered")));
            }
            return dao.findById(id).orElseThrow().toDomain();
        });
    }

    /**
     * Creates the first admin from configuration when no active admin exists; does nothing otherwise,
     * so the variables can stay set across restarts.
     */
    public void bootstrapAdmin(String email, String password) {
        if (email == null || email.isBlank()) {
            return;
        }
        if (jdbi.withExtension(StaffDao.class, StaffDao::anyActiveAdmin)) {
            return;
        }
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("BAZAAR_ADMIN_EMAIL is set but BAZAAR_ADMIN_PASSWORD is empty");
        }
        try {
            create(email, "Administrator", StaffRole.ADMIN, password, null);
            LOG.info("Bootstrapped the first admin account from configuration");
        } catch (ApiException e) {
            throw new IllegalStateException("cannot bootstrap admin: " + e.getMessage() + " " + e.errors(), e);
        }
    }

    public IssuedSession signIn(String email, String password, String clientIp) {
        String normalized = Emails.normalize(email);
        throttle.checkAttempt("staff", normalized, clientIp);
        Optional<StaffDao.Credentials> c = jdbi.withExtension(StaffDao.class, dao -> dao.findCredentialsByEmail(normalized));
        if (c.isEmpty()) {
            hasher.verifyDecoy(password);
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "Email or password is incorrect");
        }
        if (!hasher.verify(password, c.get().passwordHash()) || !c.get().active()) {
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "Email or password is incorrect");
        }
        return sessions.issue(SubjectType.STAFF, c.get().id());
    }

    public StaffMember get(UUID id) {
        return jdbi.withExtension(StaffDao.class, dao -> dao.findById(id)).map(StaffDao.StaffRow::toDomain)
                .orElseThrow(() -> ApiException.notFound("Staff member"));
    }

    public Page<StaffMember> list(Cursor cursor, int limit) {
        List<StaffDao.StaffRow> rows = jdbi.withExtension(StaffDao.class,
                dao -> dao.list(cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        List<StaffMember> page = rows.stream().limit(limit).map(StaffDao.StaffRow::toDomain).toList();
        String next = rows.size() > limit
                ? new Cursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()).encode() : null;
        return new Page<>(page, next);
    }
}
