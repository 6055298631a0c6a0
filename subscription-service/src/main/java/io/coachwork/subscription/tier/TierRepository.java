package io.coachwork.subscription.tier;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class TierRepository {

    private final DatabaseClient db;

    public TierRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Tier> findAll(boolean includeInactive) {
        return prices(null).flatMapMany(prices -> db.sql("SELECT * FROM tier WHERE active OR :all ORDER BY sort_order, code")
                .bind("all", includeInactive)
                .map((row, meta) -> toTier(row, prices.getOrDefault(row.get("code", String.class), Map.of())))
                .all());
    }

    public Mono<Tier> find(String code) {
        return prices(code).flatMap(prices -> db.sql("SELECT * FROM tier WHERE code = :code").bind("code", code)
                .map((row, meta) -> toTier(row, prices.getOrDefault(code, Map.of())))
                .one());
    }

    public Mono<Void> insert(Tier tier) {
        return db.sql("""
                        INSERT INTO tier (code, name, courses_limit, communities_limit, digital_downloads_limit,
                                          memberships_limit, unlimited_coaching, commission_rate, billing_period_days,
                                          sort_order, active)
                        VALUES (:code, :name, :courses, :communities, :downloads, :memberships, :coaching, :commission,
                                :period, :sort, :active)""")
                .bind("code", tier.code())
                .bindValues(columns(tier))
                .fetch().rowsUpdated()
                .then(replacePrices(tier.code(), tier.prices()));
    }

    public Mono<Void> update(Tier tier) {
        return db.sql("""
                        UPDATE tier SET name = :name, courses_limit = :courses, communities_limit = :communities,
                          digital_downloads_limit = :downloads, memberships_limit = :memberships,
                          unlimited_coaching = :coaching, commission_rate = :commission, billing_period_days = :period,
                          sort_order = :sort, active = :active, updated_at = now()
                        WHERE code = :code""")
                .bind("code", tier.code())
                .bindValues(columns(tier))
                .fetch().rowsUpdated()
                .then(replacePrices(tier.code(), tier.prices()));
    }

    public Mono<Long> countSubscribers(String code) {
        return db.sql("SELECT count(*) AS n FROM tutor_subscription WHERE tier_code = :code").bind("code", code)
                .map((row, meta) -> row.get("n", Long.class)).one();
    }

    private Mono<Void> replacePrices(String code, Map<String, Long> prices) {
        Mono<Void> delete = db.sql("DELETE FROM tier_price WHERE tier_code = :code").bind("code", code)
                .fetch().rowsUpdated().then();
        return delete.thenMany(Flux.fromIterable(prices.entrySet())
                        .concatMap(p -> db.sql("INSERT INTO tier_price (tier_code, currency, amount_minor) VALUES (:code, :cur, :amount)")
                                .bind("code", code).bind("cur", p.getKey()).bind("amount", p.getValue())
                                .fetch().rowsUpdated()))
                .then();
    }

    private Mono<Map<String, Map<String, Long>>> prices(String code) {
        return db.sql("SELECT * FROM tier_price WHERE CAST(:code AS TEXT) IS NULL OR tier_code = :code ORDER BY currency")
                .bind("code", Parameter.fromOrEmpty(code, String.class))
                .map((row, meta) -> List.of(row.get("tier_code", String.class), row.get("currency", String.class),
                        row.get("amount_minor", Long.class).toString()))
                .all()
                .collect(HashMap::new, (Map<String, Map<String, Long>> map, List<String> p) ->
                        map.computeIfAbsent(p.get(0), k -> new LinkedHashMap<>()).put(p.get(1), Long.parseLong(p.get(2))));
    }

    private static Map<String, Object> columns(Tier tier) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", tier.name());
        values.put("courses", nullableInt(tier.limits().courses()));
        values.put("communities", nullableInt(tier.limits().communities()));
        values.put("downloads", nullableInt(tier.limits().digitalDownloads()));
        values.put("memberships", nullableInt(tier.limits().memberships()));
        values.put("coaching", tier.unlimitedCoaching());
        values.put("commission", tier.commissionRate());
        values.put("period", nullableInt(tier.billingPeriodDays()));
        values.put("sort", tier.sortOrder());
        values.put("active", tier.active());
        return values;
    }

    private static Parameter nullableInt(Integer value) {
        return Parameter.fromOrEmpty(value, Integer.class);
    }

    private static Tier toTier(Readable row, Map<String, Long> prices) {
        return new Tier(row.get("code", String.class), row.get("name", String.class),
                new Limits(row.get("courses_limit", Integer.class), row.get("communities_limit", Integer.class),
                        row.get("digital_downloads_limit", Integer.class), row.get("memberships_limit", Integer.class)),
                row.get("unlimited_coaching", Boolean.class), row.get("commission_rate", BigDecimal.class),
                row.get("billing_period_days", Integer.class), row.get("sort_order", Integer.class),
                row.get("active", Boolean.class), Map.copyOf(prices));
    }
}
