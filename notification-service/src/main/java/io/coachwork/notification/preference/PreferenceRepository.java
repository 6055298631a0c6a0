package io.coachwork.notification.preference;

import io.coachwork.notification.dispatch.NotificationType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class PreferenceRepository {

    private final DatabaseClient db;

    public PreferenceRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A user's choice for one kind of notification. */
    public record Key(long userId, String type) {
    }

    /** The stored choices of these users; a missing key means the defaults. */
    public Mono<Map<Key, Preference>> find(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT user_id, type, email, push FROM notification_preference WHERE user_id = ANY(:users)")
                .bind("users", userIds.toArray(Long[]::new))
                .map((row, meta) -> Map.entry(new Key(row.get("user_id", Long.class), row.get("type", String.class)),
                        new Preference(row.get("email", Boolean.class), row.get("push", Boolean.class))))
                .all()
                .collect(HashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()));
    }

    /** Changes what is given (null keeps the current choice, which starts at the type's default). */
    public Mono<Void> update(long userId, NotificationType type, Boolean email, Boolean push, Instant now) {
        return db.sql("""
                        INSERT INTO notification_preference (user_id, type, email, push, updated_at)
                        VALUES (:user, :type, COALESCE(:email, :defaultEmail), COALESCE(:push, :defaultPush), :now)
                        ON CONFLICT (user_id, type) DO UPDATE SET
                          email = COALESCE(:email, notification_preference.email),
                          push = COALESCE(:push, notification_preference.push),
                          updated_at = EXCLUDED.updated_at""")
                .bind("user", userId).bind("type", type.key())
                .bind("defaultEmail", type.defaults().email()).bind("defaultPush", type.defaults().push())
                .bind("email", Parameter.fromOrEmpty(email, Boolean.class))
                .bind("push", Parameter.fromOrEmpty(push, Boolean.class))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }
}
