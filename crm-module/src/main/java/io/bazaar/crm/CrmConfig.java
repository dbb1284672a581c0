package io.bazaar.crm;

import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.delivery.SmtpEmailSender;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The CRM's settings, built by the application from its configuration.
 *
 * @param smtp null means the dev mailbox: emails are stored and shown to staff instead of sent
 * @param publicBaseUrl where links in messages point (the unsubscribe link), e.g. https://shop.example
 * @param secret HMAC key of unsubscribe tokens (at least 16 characters; never logged)
 */
public record CrmConfig(String shopName, String publicBaseUrl, String secret, Duration unsubscribeTokenTtl,
                        String policyVersion, SmtpEmailSender.Settings smtp, MessageService.RetryPolicy retry,
                        Map<String, String> privacyPolicy, Map<String, String> terms) {
    public CrmConfig {
        Objects.requireNonNull(shopName, "shopName");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(unsubscribeTokenTtl, "unsubscribeTokenTtl");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(retry, "retry");
        privacyPolicy = Map.copyOf(privacyPolicy);
        terms = Map.copyOf(terms);
    }

    @Override
    public String toString() {
        return "CrmConfig[shopName=" + shopName + ", smtp=" + smtp + ", secret=***]";
    }
}
