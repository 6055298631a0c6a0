package io.coachwork.platform.messaging;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The processed-event record of every consumer; call inside the transaction of the effect. */
public class Inbox {

    private final DatabaseClient db;

    public Inbox(DatabaseClient db) {
        this.db = db;
    }

    /** True when this is the first time {@code consumer} sees {@code eventId}. */
    public Mono<Boolean> markProcessed(String consumer, String eventId, String eventType) {
        return db.sql("INSERT INTO inbox_event (consumer, event_id, event_type) VALUES (:c, :e, :t) "
                        + "ON CONFLICT (consumer, event_id) DO NOTHING")
                .bind("c", consumer).bind("e", eventId).bind("t", eventType)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }
}
