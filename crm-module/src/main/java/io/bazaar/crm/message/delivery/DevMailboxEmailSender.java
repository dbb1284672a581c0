package io.bazaar.crm.message.delivery;

import io.bazaar.crm.message.domain.OutgoingEmail;
import io.bazaar.crm.message.persistence.DevMailboxDao;
import io.bazaar.shared.id.Ids;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * With no SMTP host configured (the embedded default), emails are stored in {@code crm_dev_mailbox}
 * and shown to staff at {@code GET /v1/admin/crm/dev-mailbox} instead of leaving the machine.
 */
public final class DevMailboxEmailSender implements EmailSender {
    private final Jdbi jdbi;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public DevMailboxEmailSender(Jdbi jdbi, Clock clock, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public void send(OutgoingEmail email) throws Exception {
        String headers = mapper.writeValueAsString(email.headers());
        jdbi.useExtension(DevMailboxDao.class, dao -> dao.insert(Ids.newId(), email.messageId(), email.to(),
                email.subject(), email.text(), email.html(), headers, clock.instant()));
    }

    @Override
    public String name() {
        return "dev_mailbox";
    }
}
