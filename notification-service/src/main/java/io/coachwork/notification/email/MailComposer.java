package io.coachwork.notification.email;

import io.coachwork.notification.delivery.DeliveryRepository;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;

/** Builds the MIME message of one queued email: multipart/alternative with the text part first and the HTML part second. */
final class MailComposer {

    static final String NOTIFICATION_HEADER = "X-Coachwork-Notification-Id";
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // jakarta.mail resolves its StreamProvider through ServiceLoader for every body part it creates
        // and writes, scanning the nested jars each time: half of this service's CPU per saga in the
        // profile. Naming the provider in the system property it checks first makes that a class lookup.
        System.getProperties().putIfAbsent(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
    }

    private final InternetAddress from;

    MailComposer(String from) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("coachwork.notifications.mail-from is not an email address: " + from, e);
        }
    }

    MimeMessage compose(JavaMailSender sender, DeliveryRepository.EmailJob job) {
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(job.recipient(), true));
            message.setSubject(job.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(job.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(job.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.setHeader(NOTIFICATION_HEADER, Long.toString(job.notificationId()));
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("email " + job.id() + " cannot be built: " + e.getMessage(), e);
        }
    }
}
