package io.coachwork.subscription.usage;

import io.coachwork.subscription.tier.ResourceKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Usage is the number of resources the catalogue says a tutor owns, so replays and reorders cannot skew it. */
@Repository
public class UsageRepository {

    private final DatabaseClient db;

    public UsageRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Map<ResourceKind, Long>> usage(long tutorId) {
        return db.sql("SELECT resource_type, count(*) AS n FROM tutor_resource WHERE tutor_id = :t GROUP BY resource_type")
                .bind("t", tutorId)
                .map((row, meta) -> Map.entry(row.get("resource_type", String.class), row.get("n", Long.class)))
                .all()
                .collect(() -> new EnumMap<ResourceKind, Long>(ResourceKind.class), (map, e) ->
                        ResourceKind.byCatalogType(e.getKey()).ifPresent(kind -> map.put(kind, e.getValue())))
                .map(map -> (Map<ResourceKind, Long>) map);
    }

    public Mono<Void> add(long tutorId, ResourceKind kind, String resourceId, Instant at) {
        return db.sql("INSERT INTO tutor_resource (tutor_id, resource_type, resource_id, created_at) VALUES (:t, :k, :r, :at) "
                        + "ON CONFLICT DO NOTHING")
                .bind("t", tutorId).bind("k", kind.catalogType()).bind("r", resourceId).bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> remove(long tutorId, ResourceKind kind, String resourceId) {
        return db.sql("DELETE FROM tutor_resource WHERE tutor_id = :t AND resource_type = :k AND resource_id = :r")
                .bind("t", tutorId).bind("k", kind.catalogType()).bind("r", resourceId)
                .fetch().rowsUpdated().then();
    }
}
