package io.coachwork.notification.dispatch;

import io.coachwork.notification.preference.Preference;
import io.coachwork.notification.preference.PreferenceRepository;
import io.coachwork.notification.support.NotificationIntegrationTest;
import io.coachwork.platform.directory.UserDirectory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The one read before dispatch: everyone's directory entries, the recipients' stored choices. */
class RecipientRepositoryTest extends NotificationIntegrationTest {

    @Autowired
    private RecipientRepository recipients;
    @Autowired
    private PreferenceRepository preferences;
    @Autowired
    private UserDirectory directory;

    @Test
    void readsThePeoplesDirectoryEntriesAndOnlyTheRecipientsChoices() {
        long tutor = newId();
        long student = newId();
        long unlisted = newId();
        registerUser(tutor, "Tess Tutor", emailOf(tutor), "Europe/Paris", "tutor", "student");
        registerUser(student, "Sam Student", emailOf(student), "Asia/Tokyo", "student");
        Instant now = clock.instant();
        preferences.update(tutor, NotificationType.SESSION_ENDED, false, null, now).block();
        preferences.update(student, NotificationType.SESSION_INVITATION, false, null, now).block();
        preferences.update(student, NotificationType.SESSION_ENDED, null, false, now).block();
        preferences.update(unlisted, NotificationType.SESSION_INVITATION, null, false, now).block();

        RecipientRepository.Known known = recipients.find(List.of(tutor, student, unlisted), List.of(student, unlisted))
                .block();

        // Mapped as the platform maps them.
        assertThat(known.users()).containsOnly(entry(tutor, directory.find(tutor).block()),
                entry(student, directory.find(student).block()));
        assertThat(known.users().get(tutor).roles()).containsExactlyInAnyOrder("tutor", "student");
        // The tutor is only named: their choices are not read.
        assertThat(known.preferences()).containsOnly(
                entry(new PreferenceRepository.Key(student, "session_invitation"), new Preference(false, true)),
                entry(new PreferenceRepository.Key(student, "session_ended"), new Preference(true, false)),
                entry(new PreferenceRepository.Key(unlisted, "session_invitation"), new Preference(true, false)));
    }

    @Test
    void nobodyAskedAboutReadsNothing() {
        long student = newId();
        registerUser(student, "Solo Student", emailOf(student), "UTC", "student");
        preferences.update(student, NotificationType.SESSION_INVITATION, false, null, clock.instant()).block();

        RecipientRepository.Known nobody = recipients.find(List.of(), List.of()).block();
        RecipientRepository.Known nameOnly = recipients.find(List.of(student), List.of()).block();

        assertThat(nobody.users()).isEmpty();
        assertThat(nobody.preferences()).isEmpty();
        assertThat(nameOnly.users()).containsOnlyKeys(student);
        assertThat(nameOnly.preferences()).isEmpty();
    }
}
