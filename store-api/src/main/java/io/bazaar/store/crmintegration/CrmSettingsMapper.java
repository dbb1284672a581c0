package io.bazaar.store.crmintegration;

import io.bazaar.crm.CrmConfig;
import io.bazaar.crm.message.app.MessageService;
import io.bazaar.crm.message.delivery.SmtpEmailSender;
import io.bazaar.crm.ticket.app.TicketSettings;
import io.bazaar.crm.ticket.domain.SlaPolicy;
import io.bazaar.crm.ticket.domain.TicketPriority;
import io.bazaar.store.BazaarConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the {@code crm} section of config.yml into the CRM module's own settings. */
public final class CrmSettingsMapper {
    private static final Logger LOG = LoggerFactory.getLogger(CrmSettingsMapper.class);
    private static final String DEFAULT_PRIVACY_EN = "Bazaar stores your account, orders and messages to serve you. "
            + "You can export or erase your data at any time from your account (GET /v1/me/export, POST /v1/me/erasure). "
            + "We send marketing and surveys only with your consent, which you can withdraw with one click.";
    private static final String DEFAULT_PRIVACY_FA = "بازار حساب، سفارش‌ها و پیام‌های شما را برای ارائه خدمات نگه می‌دارد. "
            + "هر زمان می‌توانید داده‌های خود را از حساب کاربری دریافت یا حذف کنید. "
            + "پیام‌های تبلیغاتی و نظرسنجی فقط با رضایت شما فرستاده می‌شوند و با یک کلیک قابل لغو است.";
    private static final String DEFAULT_TERMS_EN = "By using Bazaar you agree to buy under the shop's published prices, "
            + "delivery and return conditions.";
    private static final String DEFAULT_TERMS_FA = "با استفاده از بازار، خرید با قیمت‌ها و شرایط ارسال و مرجوعی اعلام‌شده فروشگاه را می‌پذیرید.";

    private CrmSettingsMapper() {
    }

    public static CrmConfig toCrmConfig(BazaarConfiguration config) {
        BazaarConfiguration.CrmSettings c = config.crm;
        SmtpEmailSender.Settings smtp = c.smtp.host == null || c.smtp.host.isBlank() ? null
                : new SmtpEmailSender.Settings(c.smtp.host.strip(), c.smtp.port, c.smtp.username, c.smtp.password,
                c.smtp.from, c.smtp.startTls);
        if (smtp == null) {
            LOG.info("No SMTP host configured: emails go to the dev mailbox (GET /v1/admin/crm/dev-mailbox)");
        }
        return new CrmConfig(c.shopName, c.publicBaseUrl, secret(c.secret, config.embedded.dataDir),
                c.unsubscribeTokenTtl.toJavaDuration(), c.policyVersion, smtp,
                new MessageService.RetryPolicy(c.messages.maxAttempts, c.messages.baseBackoff.toJavaDuration(),
                        c.messages.maxBackoff.toJavaDuration()),
                withDefaults(c.privacyPolicy, DEFAULT_PRIVACY_EN, DEFAULT_PRIVACY_FA),
                withDefaults(c.terms, DEFAULT_TERMS_EN, DEFAULT_TERMS_FA));
    }

    /** The {@code crm.tickets} section: SLA targets over the defaults, blocked words, escalation. */
    public static TicketSettings toTicketSettings(BazaarConfiguration config) {
        BazaarConfiguration.TicketSettings t = config.crm.tickets;
        Map<TicketPriority, SlaPolicy.Target> targets = new java.util.EnumMap<>(TicketPriority.class);
        t.sla.forEach((name, target) -> {
            TicketPriority p = TicketPriority.fromWire(name);
            if (p == null) {
                throw new IllegalArgumentException("crm.tickets.sla: unknown priority " + name
                        + " (urgent, high, normal, low)");
            }
            targets.put(p, new SlaPolicy.Target(target.firstResponse.toJavaDuration(),
                    target.resolution.toJavaDuration()));
        });
        return new TicketSettings(targets, t.blockedWords, t.escalationTaskDue.toJavaDuration(),
                t.surveyLinkTtl.toJavaDuration());
    }

    // ---- Loyalty program (issue #8) ----
    /** The {@code crm.loyalty} section over {@link io.bazaar.crm.loyalty.domain.LoyaltyProgramRules#defaults()}. */
    public static io.bazaar.crm.loyalty.domain.LoyaltyProgramRules toLoyaltyRules(BazaarConfiguration config) {
        BazaarConfiguration.LoyaltySettings l = config.crm.loyalty;
        io.bazaar.crm.loyalty.domain.LoyaltyProgramRules d = io.bazaar.crm.loyalty.domain.LoyaltyProgramRules.defaults();
        var redemption = l.redemption == null ? d.redemption()
                : new io.bazaar.crm.loyalty.domain.LoyaltyProgramRules.Redemption(
                l.redemption.pointValue.isEmpty() ? d.redemption().minorUnitsPerPoint() : l.redemption.pointValue,
                l.redemption.minPoints, l.redemption.minSharePercent, l.redemption.maxSharePercent);
        var referral = l.referral == null ? d.referral()
                : new io.bazaar.crm.loyalty.domain.LoyaltyProgramRules.Referral(l.referral.friendDiscountPercent,
                l.referral.referrerPoints);
        var tiers = !l.tiersEnabled ? java.util.List.<io.bazaar.crm.loyalty.domain.LoyaltyProgramRules.Tier>of()
                : l.tiers == null ? d.tiers() : l.tiers.stream().map(t ->
                new io.bazaar.crm.loyalty.domain.LoyaltyProgramRules.Tier(t.code, t.name, t.thresholds,
                        t.discountPercent, t.freeShipping, t.earlyAccess)).toList();
        return new io.bazaar.crm.loyalty.domain.LoyaltyProgramRules(redemption, referral, tiers,
                l.tierReevaluationInterval.toJavaDuration());
    }
    // ---- end ----

    // ---- Follow-ups (issue #7) ----
    /** The {@code crm.followUps} section: quiet hours in the shop's time zone. */
    public static io.bazaar.crm.followup.app.FollowUpSettings toFollowUpSettings(BazaarConfiguration config) {
        BazaarConfiguration.FollowUpSettings f = config.crm.followUps;
        return new io.bazaar.crm.followup.app.FollowUpSettings(new io.bazaar.crm.followup.domain.QuietHours(
                java.time.LocalTime.parse(f.quietStart), java.time.LocalTime.parse(f.quietEnd),
                java.time.ZoneId.of(f.timeZone)));
    }
    // ---- end ----

    private static Map<String, String> withDefaults(Map<String, String> configured, String en, String fa) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("en", en, "fa", fa));
        configured.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                all.put(k, v);
            }
        });
        return all;
    }

    /** The configured secret, or (development) one generated once and kept in the data directory. */
    static String secret(String configured, String dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = Path.of(dataDir, "crm-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the file keeps the directory's permissions.
            }
            LOG.warn("BAZAAR_SECRET is not set: generated a development secret in {}; set it in production", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the CRM secret under " + dataDir, e);
        }
    }
}
