package io.coachwork.notification.dispatch;

import io.coachwork.notification.preference.PreferenceRepository;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.notification.support.TestSocket;
import io.coachwork.notification.template.LocalTimes;
import io.coachwork.notification.template.Message;
import io.coachwork.notification.template.MessageRenderer;
import io.coachwork.notification.template.RenderedMessage;
import io.coachwork.platform.test.TestJwt;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a dispatched notice writes: its inbox entry and one delivery row per channel as the recipient's
 * choices allow, and nothing when repeated.
 */
class DispatcherTest extends NotificationIntegrationTest {

    // Quotes, commas, braces, a backslash and the word NULL: text that array literals must escape.
    private static final Message MESSAGE = Message.subject("Moved: {title}")
            .paragraph("{title} now starts later.")
            .value("title", "\"Algebra\", {part II} \\ NULL")
            .build();

    @Autowired
    private Dispatcher dispatcher;
    @Autowired
    private TransactionalOperator tx;
    @Autowired
    private PreferenceRepository preferences;

    @Test
    void eachChannelIsLoggedWithTheEmailsContentOrWhyItWasSkipped() {
        long student = newId();
        long unknown = newId();
        registerUser(student, "Ada Student", emailOf(student), "UTC", "student");
        RenderedMessage toStudent = MessageRenderer.render(MESSAGE, "Ada Student", ZoneId.of("UTC"), Map.of());
        RenderedMessage toUnknown = MessageRenderer.render(MESSAGE, null, LocalTimes.DEFAULT_ZONE, Map.of());
        Notice studentNotice = notice(student);
        Notice unknownNotice = notice(unknown);
        Instant now = clock.instant();

        List<Map<String, Object>> rows;
        try (TestSocket ignored = TestSocket.connect(port, TestJwt.student(student))) {
            // Read inside the dispatching transaction, then rolled back: the rows exactly as dispatch wrote
            // them, before the email worker could claim one.
            rows = tx.execute(status -> {
                        status.setRollbackOnly();
                        return dispatcher.dispatch(List.of(studentNotice, unknownNotice))
                                .thenMany(db.sql("""
                                                SELECT d.*, n.dedupe_key, n.user_id AS notified_user FROM delivery d
                                                JOIN notification n ON n.id = d.notification_id
                                                WHERE d.user_id IN (:student, :unknown) ORDER BY d.id""")
                                        .bind("student", student).bind("unknown", unknown)
                                        .fetch().all());
                    })
                    .collectList().block();
        }

        assertThat(rows).extracting(row -> tuple(row.get("dedupe_key"), row.get("user_id"), row.get("type"),
                        row.get("channel"), row.get("status"), row.get("recipient"), row.get("subject"),
                        row.get("body_text"), row.get("body_html"), row.get("attempts"), row.get("error"),
                        instant(row.get("sent_at")), row.get("claimed_until")))
                .containsExactly(
                        tuple(studentNotice.dedupeKey(), student, "session_invitation", "email", "pending",
                                emailOf(student), toStudent.subject(), toStudent.text(), toStudent.html(), 0, null,
                                null, null),
                        tuple(studentNotice.dedupeKey(), student, "session_invitation", "push", "sent",
                                null, toStudent.title(), null, null, 1, null, now, null),
                        tuple(unknownNotice.dedupeKey(), unknown, "session_invitation", "email", "skipped",
                                null, toUnknown.subject(), null, null, 0, DispatchRules.NO_ADDRESS, null, null),
                        tuple(unknownNotice.dedupeKey(), unknown, "session_invitation", "push", "skipped",
                                null, toUnknown.title(), null, null, 0, DispatchRules.NOT_CONNECTED, null, null));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("notified_user")).isEqualTo(row.get("user_id"));
            assertThat(instant(row.get("created_at"))).isEqualTo(now);
            assertThat(instant(row.get("updated_at"))).isEqualTo(now);
        });
        assertThat(toStudent.subject()).isEqualTo("Moved: \"Algebra\", {part II} \\ NULL");
    }

    @Test
    void storedChoicesAreHonouredAndAnyoneWithoutOneGetsTheTypesDefaults() {
        long tutor = newId();
        long emailOff = newId();
        long pushOffUnlisted = newId();
        long nothingStored = newId();
        registerUser(tutor, "Tess Tutor", emailOf(tutor), "UTC", "tutor");
        registerUser(emailOff, "Quiet Student", emailOf(emailOff), "UTC", "student");
        registerUser(nothingStored, "Plain Student", emailOf(nothingStored), "UTC", "student");
        Instant now = clock.instant();
        preferences.update(emailOff, NotificationType.SESSION_INVITATION, false, null, now).block();
        // Not in the directory: its choice must still be read, and its missing address still reported.
        preferences.update(pushOffUnlisted, NotificationType.SESSION_INVITATION, null, false, now).block();
        // A choice for another type leaves this one at its defaults.
        preferences.update(nothingStored, NotificationType.SESSION_ENDED, false, false, now).block();
        // The tutor is named, not told: their directory entry gives the name.
        Message naming = Message.subject("{tutor} invites you").paragraph("Join {tutor}.")
                .value("tutor", new Message.Person(tutor, "your tutor")).build();

        List<Map<String, Object>> rows = tx.execute(status -> {
                    status.setRollbackOnly();
                    return dispatcher.dispatch(List.of(notice(emailOff, naming), notice(pushOffUnlisted, naming),
                                    notice(nothingStored, naming)))
                            .thenMany(db.sql("SELECT user_id, channel, status, subject, error FROM delivery "
                                            + "WHERE user_id = ANY(:users) ORDER BY id")
                                    .bind("users", new Long[] {emailOff, pushOffUnlisted, nothingStored})
                                    .fetch().all());
                })
                .collectList().block();

        assertThat(rows).extracting(row -> tuple(row.get("user_id"), row.get("channel"), row.get("status"),
                        row.get("error")))
                .containsExactly(
                        tuple(emailOff, "email", "skipped", DispatchRules.EMAIL_OFF),
                        tuple(emailOff, "push", "skipped", DispatchRules.NOT_CONNECTED),
                        tuple(pushOffUnlisted, "email", "skipped", DispatchRules.NO_ADDRESS),
                        tuple(pushOffUnlisted, "push", "skipped", DispatchRules.PUSH_OFF),
                        tuple(nothingStored, "email", "pending", null),
                        tuple(nothingStored, "push", "skipped", DispatchRules.NOT_CONNECTED));
        assertThat(rows).extracting(row -> row.get("subject")).containsOnly("Tess Tutor invites you");
    }

    @Test
    void aNoticeDispatchedAgainWritesNothing() {
        long student = newId();
        registerUser(student, "Bo Student", emailOf(student), "UTC", "student");
        Notice notice = notice(student);

        assertThat(tx.transactional(dispatcher.dispatch(List.of(notice))).block()).isEqualTo(1);
        // Nothing new to tell: no inbox entry, no delivery rows, so no push or email either.
        assertThat(tx.transactional(dispatcher.dispatch(List.of(notice))).block()).isZero();

        assertThat(count("SELECT count(*) AS n FROM notification WHERE user_id = " + student)).isEqualTo(1);
        assertThat(deliveries(student, "email")).hasSize(1);
        assertThat(deliveries(student, "push")).hasSize(1);
    }

    private static Notice notice(long recipient) {
        return notice(recipient, MESSAGE);
    }

    private static Notice notice(long recipient, Message message) {
        return new Notice(recipient, NotificationType.SESSION_INVITATION, message, Map.of("session_id", recipient),
                Notice.key(UUID.randomUUID().toString(), recipient, NotificationType.SESSION_INVITATION));
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((OffsetDateTime) timestamp).toInstant();
    }
}
