package io.coachwork.notification.dispatch;

import io.coachwork.notification.preference.Preference;
import io.coachwork.notification.preference.PreferenceRepository;
import io.coachwork.platform.directory.DirectoryUser;
import io.coachwork.platform.directory.UserDirectory;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * What dispatch reads before it renders: the directory entries of everyone the notices name and the
 * recipients' stored preferences, in one statement (one round trip per handled event instead of two).
 */
@Repository
public class RecipientRepository {

    private final DatabaseClient db;

    public RecipientRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * {@code users}: the directory entries found (a person without one is absent); {@code preferences}:
     * the recipients' stored choices (a missing key means the type's defaults).
     */
    public record Known(Map<Long, DirectoryUser> users, Map<PreferenceRepository.Key, Preference> preferences) {
    }

    /** One row of the read: who someone is, or one of a recipient's stored choices. */
    private sealed interface Found permits Listed, Chosen {
    }

    private record Listed(DirectoryUser user) implements Found {
    }

    private record Chosen(PreferenceRepository.Key key, Preference preference) implements Found {
    }

    /** The directory entries of {@code people} and the stored choices of {@code recipients}; either may be empty. */
    public Mono<Known> find(Collection<Long> people, Collection<Long> recipients) {
        // One row set per table, told apart by source, each leaving the other's columns NULL. The first branch
        // names the columns: the preference's email and push become email_on and push_on, as email is the
        // directory's address.
        return db.sql("""
                        SELECT 'directory' AS source, user_id, name, email, roles, time_zone, updated_at,
                               NULL AS type, NULL AS email_on, NULL AS push_on
                        FROM directory_user WHERE user_id = ANY(:people)
                        UNION ALL
                        SELECT 'preference', user_id, NULL, NULL, NULL, NULL, NULL, type, email, push
                        FROM notification_preference WHERE user_id = ANY(:recipients)""")
                .bind("people", people.toArray(Long[]::new))
                .bind("recipients", recipients.toArray(Long[]::new))
                .map((row, meta) -> "directory".equals(row.get("source", String.class))
                        ? new Listed(UserDirectory.toUser(row)) : chosen(row))
                .all()
                .collect(() -> new Known(new HashMap<>(), new HashMap<>()), RecipientRepository::add);
    }

    private static void add(Known known, Found found) {
        if (found instanceof Listed listed) {
            known.users().put(listed.user().userId(), listed.user());
        } else if (found instanceof Chosen chosen) {
            known.preferences().put(chosen.key(), chosen.preference());
        }
    }

    private static Found chosen(Readable row) {
        return new Chosen(new PreferenceRepository.Key(row.get("user_id", Long.class), row.get("type", String.class)),
                new Preference(row.get("email_on", Boolean.class), row.get("push_on", Boolean.class)));
    }
}
