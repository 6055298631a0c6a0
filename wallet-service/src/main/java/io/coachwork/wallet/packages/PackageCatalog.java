package io.coachwork.wallet.packages;

import io.coachwork.platform.money.Money;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.wallet.ledger.Units;
import io.coachwork.wallet.packages.domain.PackagePricing;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Tutors' package offers. The price is the tutor's explicit {@code price}, or {@code discount_percent}
 * off the sessions at the hourly rate scheduling-service announced when it approved the tutor (wallet
 * keeps that rate from {@code coachwork.scheduling.profiles}): computed once, when the package is
 * created or changed, and stored, so a student always pays the price they were shown and a purchase
 * keeps the terms it was bought with.
 */
@Service
public class PackageCatalog {

    static final int MAX_SESSIONS = 100;
    static final int MAX_VALIDITY_DAYS = 730;

    private final PackageRepository packages;
    private final Clock clock;

    public PackageCatalog(PackageRepository packages, Clock clock) {
        this.packages = packages;
        this.clock = clock;
    }

    public Mono<SessionPackage> create(long tutorId, PackageRequest r) {
        Instant now = clock.instant();
        return Mono.defer(() -> {
            String name = name(r.name(), true);
            int sessions = whole("session_count", r.sessionCount(), 1, MAX_SESSIONS, true);
            int minutes = whole("duration_minutes", r.durationMinutes(), 15, 480, true);
            int days = r.validityDays() == null ? 90 : whole("validity_days", r.validityDays(), 1, MAX_VALIDITY_DAYS, true);
            boolean active = r.active() == null || r.active();
            return priced(tutorId, sessions, minutes, r.price(), r.discountPercent(), r.currency(), null)
                    .flatMap(t -> packages.insert(tutorId, name, sessions, minutes, t.priceMinor(), t.currency(),
                            t.discount(), t.hourlyRate(), days, active, now));
        });
    }

    public Mono<SessionPackage> update(long tutorId, long id, PackageRequest r) {
        Instant now = clock.instant();
        return own(tutorId, id).flatMap(old -> {
            String name = r.name() == null ? old.name() : name(r.name(), true);
            int sessions = r.sessionCount() == null ? old.sessionCount()
                    : whole("session_count", r.sessionCount(), 1, MAX_SESSIONS, true);
            int minutes = r.durationMinutes() == null ? old.durationMinutes()
                    : whole("duration_minutes", r.durationMinutes(), 15, 480, true);
            int days = r.validityDays() == null ? old.validityDays()
                    : whole("validity_days", r.validityDays(), 1, MAX_VALIDITY_DAYS, true);
            boolean active = r.active() == null ? old.active() : r.active();
            boolean termsChanged = sessions != old.sessionCount() || minutes != old.durationMinutes();
            Mono<Terms> terms;
            if (r.price() != null || r.discountPercent() != null) {
                terms = priced(tutorId, sessions, minutes, r.price(), r.discountPercent(),
                        r.currency() == null ? old.currency() : r.currency(), old);
            } else if (termsChanged && old.discountPercent() != null) {
                terms = priced(tutorId, sessions, minutes, null, old.discountPercent(), old.currency(), old);
            } else if (termsChanged || r.currency() != null) {
                throw ApiException.invalidField("price", "Send the new price (or discount_percent) with these changes");
            } else {
                terms = Mono.just(new Terms(old.priceMinor(), old.currency(), old.discountPercent(), old.hourlyRateMinor()));
            }
            return terms.flatMap(t -> packages.update(new SessionPackage(old.id(), tutorId, name, sessions, minutes,
                    t.priceMinor(), t.currency(), t.discount(), t.hourlyRate(), days, active, old.createdAt(), now), now));
        });
    }

    public Mono<Void> delete(long tutorId, long id) {
        return packages.delete(id, tutorId, clock.instant()).flatMap(done -> done ? Mono.<Void>empty()
                : Mono.error(ApiException.notFound("Package not found")));
    }

    public Mono<SessionPackage> own(long tutorId, long id) {
        return packages.find(id).filter(p -> p.tutorId() == tutorId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Package not found")));
    }

    public Mono<PackageViews.PackagePage> page(long tutorId, boolean activeOnly, PageQuery query) {
        return packages.countOfTutor(tutorId, activeOnly).flatMap(total -> packages.ofTutor(tutorId, activeOnly,
                        query.limit(), query.offset()).map(PackageViews.PackageView::of).collectList()
                .map(list -> new PackageViews.PackagePage(list, Pagination.of(total, query))));
    }

    private record Terms(long priceMinor, String currency, BigDecimal discount, Long hourlyRate) {
    }

    private Mono<Terms> priced(long tutorId, int sessions, int minutes, BigDecimal price, BigDecimal discount,
                               String rawCurrency, SessionPackage old) {
        if (price != null && discount != null) {
            return Mono.error(ApiException.invalidField("price", "Send price or discount_percent, not both"));
        }
        if (price != null) {
            String currency = currency(rawCurrency);
            if (currency == null) {
                return Mono.error(ApiException.invalidField("currency", "currency is required with price (e.g. USD)"));
            }
            return Mono.just(new Terms(minor("price", price, currency), currency, null, null));
        }
        if (discount == null) {
            return Mono.error(ApiException.invalidField("price",
                    "Send price (the whole package) or discount_percent off your hourly rate"));
        }
        return packages.rate(tutorId)
                .map(rate -> new Terms(0, rate.currency(), discount, rate.hourlyRateMinor()))
                .switchIfEmpty(Mono.defer(() -> old != null && old.hourlyRateMinor() != null
                        ? Mono.just(new Terms(0, old.currency(), discount, old.hourlyRateMinor()))
                        : Mono.error(ApiException.invalidField("discount_percent",
                        "Your hourly rate is not known yet (it is set when your profile is approved); send price instead"))))
                .map(t -> {
                    String given = currency(rawCurrency);
                    if (given != null && !given.equals(t.currency()) && old == null) {
                        throw ApiException.invalidField("currency", "Your hourly rate is in " + t.currency()
                                + "; a discounted package is priced in it");
                    }
                    long full = PackagePricing.fullPrice(t.hourlyRate(), sessions, minutes);
                    long discounted;
                    try {
                        discounted = PackagePricing.discounted(full, discount, t.currency());
                    } catch (IllegalArgumentException e) {
                        throw ApiException.invalidField("discount_percent", e.getMessage());
                    }
                    if (discounted <= 0) {
                        throw ApiException.invalidField("discount_percent", "The package would cost nothing");
                    }
                    return new Terms(discounted, t.currency(), discount.stripTrailingZeros(), t.hourlyRate());
                });
    }

    private static String currency(String raw) {
        if (raw == null) {
            return null;
        }
        String c = raw.strip().toUpperCase(Locale.ROOT);
        try {
            Money.fractionDigits(c);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("currency", "Unknown currency " + raw.strip());
        }
        return c;
    }

    private static long minor(String field, BigDecimal major, String currency) {
        if (major.signum() <= 0) {
            throw ApiException.invalidField(field, field + " must be greater than 0");
        }
        if (major.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            throw ApiException.invalidField(field, field + " must be at most 10000000");
        }
        try {
            return Units.minor(major, currency);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, e.getMessage());
        }
    }

    private static String name(String raw, boolean required) {
        String name = raw == null ? null : raw.strip();
        if (name == null || name.isEmpty()) {
            if (required) {
                throw ApiException.invalidField("name", "name is required");
            }
            return null;
        }
        if (name.length() > 120) {
            throw ApiException.invalidField("name", "name must be at most 120 characters");
        }
        return name;
    }

    static int whole(String field, BigDecimal value, int min, int max, boolean required) {
        if (value == null) {
            throw ApiException.invalidField(field, field + " is required");
        }
        if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(min)) < 0
                || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.invalidField(field, field + " must be a whole number from " + min + " to " + max);
        }
        return value.intValueExact();
    }
}
