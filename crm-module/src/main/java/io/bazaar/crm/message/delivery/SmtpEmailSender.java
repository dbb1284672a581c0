package io.bazaar.crm.message.delivery;

import io.bazaar.crm.message.domain.OutgoingEmail;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/** Sends email over SMTP with Jakarta Mail (Eclipse Angus). Plain text plus HTML as multipart/alternative, UTF-8. */
public final class SmtpEmailSender implements EmailSender {
    /** Connection settings; an empty username means no SMTP AUTH. */
    public record Settings(String host, int port, String username, String password, String from, boolean startTls) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String toString() {
            return "Settings[host=" + host + ", port=" + port + ", from=" + from + ", startTls=" + startTls + "]";
        }
    }

    private final Settings settings;
    private final Session session;

    public SmtpEmailSender(Settings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        p.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        p.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        boolean auth = settings.username() != null && !settings.username().isBlank();
        p.put("mail.smtp.auth", String.valueOf(auth));
        this.session = auth ? Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.username(), settings.password());
            }
        }) : Session.getInstance(p);
    }

    @Override
    public void send(OutgoingEmail email) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from()));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        m.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        if (email.html() == null) {
            m.setText(email.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alt = new MimeMultipart("alternative", text, html);
            m.setContent(alt);
        }
        m.setHeader("X-Bazaar-Message-Id", email.messageId().toString());
        for (var h : email.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        m.saveChanges();
        Transport.send(m);
    }

    @Override
    public String name() {
        return "smtp";
    }
}
