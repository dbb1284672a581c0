package io.bazaar.store.auth.app;

import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.OpaqueTokens;
import io.bazaar.store.auth.domain.AuthUser;
import io.bazaar.store.auth.domain.StaffRole;
import io.bazaar.store.auth.domain.SubjectType;
import io.bazaar.store.auth.persistence.ActiveSessionQuery;
import io.bazaar.store.auth.persistence.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Opaque bearer sessions: 256 random bits, prefixed {@code bzr_} so leaked tokens are easy to spot
 * in code scanners. Only the SHA-256 of a token is stored; a fast hash is right here because the
 * token has full entropy (unlike a password), and it keeps the per-request lookup one index probe.
 */
public final class SessionService {
    private static final String PREFIX = "bzr_";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration customerTtl;
    private final Duration staffTtl;

    public SessionService(Jdbi jdbi, Clock clock, Duration customerTtl, Duration staffTtl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.customerTtl = customerTtl;
        this.staffTtl = staffTtl;
    }

    public IssuedSession issue(SubjectType type, UUID subjectId) {
        return jdbi.inTransaction(h -> issue(h, type, subjectId));
    }

    public IssuedSession issue(Handle handle, SubjectType type, UUID subjectId) {
        String token = OpaqueTokens.newToken(PREFIX);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        Instant expires = now.plus(type == SubjectType.STAFF ? staffTtl : customerTtl);
        handle.attach(SessionDao.class).insert(id, hash(token), type.dbValue(), subjectId, now, expires);
        return new IssuedSession(id, token, expires);
    }

    /** Resolves a bearer token to its caller; empty for unknown, expired, revoked or deactivated. */
    public Optional<AuthUser> authenticate(String token) {
        if (!OpaqueTokens.hasShape(PREFIX, token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbi.withHandle(h -> ActiveSessionQuery.find(h.getConnection(), hash(token), now)).flatMap(s -> {
            SubjectType type = SubjectType.fromDb(s.subjectType());
            if (type == SubjectType.STAFF) {
                if (s.staffRole() == null || !Boolean.TRUE.equals(s.staffActive())) {
                    return Optional.empty();
                }
                return Optional.of(new AuthUser(type, s.subjectId(), StaffRole.fromRoleName(s.staffRole()), s.id()));
            }
            return Optional.of(new AuthUser(type, s.subjectId(), null, s.id()));
        });
    }

    public void revoke(UUID sessionId) {
        Instant now = clock.instant();
        jdbi.useExtension(SessionDao.class, dao -> dao.revoke(sessionId, now));
    }

    /** Revokes every session of the subject except {@code keep} (null revokes all). */
    public int revokeAll(Handle handle, SubjectType type, UUID subjectId, UUID keep) {
        return handle.attach(SessionDao.class).revokeAllFor(type.dbValue(), subjectId, keep, clock.instant());
    }

    public int purgeExpired(Duration keepFor) {
        Instant cutoff = clock.instant().minus(keepFor);
        return jdbi.withExtension(SessionDao.class, dao -> dao.purge(cutoff));
    }

    static byte[] hash(String token) {
        return OpaqueTokens.sha256(token);
    }
}
