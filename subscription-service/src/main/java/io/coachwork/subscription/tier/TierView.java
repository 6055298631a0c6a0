package io.coachwork.subscription.tier;

import io.coachwork.platform.money.Money;
import java.math.BigDecimal;
import java.util.List;

/** A tier as admins and pricing pages see it. */
public record TierView(String code, String name, Integer coursesLimit, Integer communitiesLimit,
                       Integer digitalDownloadsLimit, Integer membershipsLimit, boolean unlimitedCoaching,
                       BigDecimal commissionRate, Integer billingPeriodDays, int sortOrder, boolean active,
                       List<Price> prices) {

    public record Price(String currency, BigDecimal amount, long amountMinor) {
    }

    public static TierView of(Tier tier) {
        return new TierView(tier.code(), tier.name(), tier.limits().courses(), tier.limits().communities(),
                tier.limits().digitalDownloads(), tier.limits().memberships(), tier.unlimitedCoaching(),
                Percent.display(tier.commissionRate()), tier.billingPeriodDays(), tier.sortOrder(), tier.active(),
                tier.prices().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(p -> new Price(p.getKey(), Money.of(p.getValue(), p.getKey()).compact(), p.getValue())).toList());
    }
}
