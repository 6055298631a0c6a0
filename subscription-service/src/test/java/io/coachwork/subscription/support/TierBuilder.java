package io.coachwork.subscription.support;

import io.coachwork.subscription.tier.Limits;
import io.coachwork.subscription.tier.Tier;
import java.math.BigDecimal;
import java.util.Map;

/** Tiers for tests, starting from seed 000's table. */
public final class TierBuilder {

    private String code = "professional";
    private String name = "Professional";
    private Limits limits = new Limits(25, 1, 10, 0);
    private boolean unlimitedCoaching;
    private Integer periodDays = 30;
    private boolean active = true;
    private Map<String, Long> prices = Map.of("USD", 9900L);

    public static TierBuilder free() {
        return new TierBuilder().code("free", "Free").limits(2, 0, 0, 0).period(null).prices(Map.of("USD", 0L));
    }

    public static TierBuilder basic() {
        return new TierBuilder().code("basic", "Basic").limits(5, 1, 0, 0).prices(Map.of("USD", 3900L));
    }

    public static TierBuilder professional() {
        return new TierBuilder();
    }

    public static TierBuilder expert() {
        return new TierBuilder().code("expert", "Expert").limits(100, 3, 20, 5).unlimitedCoaching()
                .prices(Map.of("USD", 24900L));
    }

    public static TierBuilder grandMaster() {
        return new TierBuilder().code("grand_master", "Grand Master").limits(null, null, null, null)
                .unlimitedCoaching().prices(Map.of("USD", 49900L));
    }

    public TierBuilder code(String code, String name) {
        this.code = code;
        this.name = name;
        return this;
    }

    /** courses, communities, digital downloads, memberships; null is unlimited. */
    public TierBuilder limits(Integer courses, Integer communities, Integer downloads, Integer memberships) {
        this.limits = new Limits(courses, communities, downloads, memberships);
        return this;
    }

    public TierBuilder unlimitedCoaching() {
        this.unlimitedCoaching = true;
        return this;
    }

    public TierBuilder period(Integer days) {
        this.periodDays = days;
        return this;
    }

    public TierBuilder withdrawn() {
        this.active = false;
        return this;
    }

    public TierBuilder prices(Map<String, Long> prices) {
        this.prices = prices;
        return this;
    }

    public Tier build() {
        return new Tier(code, name, limits, unlimitedCoaching, new BigDecimal("10.00"), periodDays, 0, active, prices);
    }
}
