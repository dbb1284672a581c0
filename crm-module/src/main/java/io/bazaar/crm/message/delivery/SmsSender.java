package io.bazaar.crm.message.delivery;

import java.util.UUID;

/** Port: an SMS provider. Implementations must not log the phone number or the text in full. */
public interface SmsSender {
    void send(UUID messageId, String phone, String text) throws Exception;

    String name();
}
