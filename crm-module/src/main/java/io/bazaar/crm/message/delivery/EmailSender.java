package io.bazaar.crm.message.delivery;

import io.bazaar.crm.message.domain.OutgoingEmail;

/** Port: hands an email to something that delivers it (an SMTP server, or the dev mailbox). */
public interface EmailSender {
    /** Throws on any failure; the caller retries with backoff. */
    void send(OutgoingEmail email) throws Exception;

    /** For logs and the timeline: "smtp" or "dev_mailbox". */
    String name();
}
