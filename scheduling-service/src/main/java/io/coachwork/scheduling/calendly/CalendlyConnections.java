package io.coachwork.scheduling.calendly;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.scheduling.calendly.domain.CalendlySettings;
import io.coachwork.scheduling.support.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A tutor connects their Calendly user (and says how its event types count), reads and disconnects
 * it; admins read the dead letters. Disconnecting keeps the connection and its busy time as history,
 * but that time stops counting until the tutor connects again.
 */
@Service
public class CalendlyConnections {

    static final String NOT_CONNECTED = "Calendly is not connected";
    static final String TAKEN = "This Calendly user is connected to another tutor";

    private final CalendlyRepository repo;
    private final CalendlyDeliveries deliveries;
    private final TransactionalOperator tx;
    private final Clock clock;

    public CalendlyConnections(CalendlyRepository repo, CalendlyDeliveries deliveries, TransactionalOperator tx, Clock clock) {
        this.repo = repo;
        this.deliveries = deliveries;
        this.tx = tx;
        this.clock = clock;
    }

    /** The PUT body as sent. */
    public record ConnectRequest(String calendlyUserUri, List<CalendlySettings.RawMapping> eventTypeMappings,
                                 String defaultMode) {
    }

    public Mono<CalendlyViews.ConnectionView> connect(CurrentUser tutor, ConnectRequest r) {
        CalendlySettings settings;
        try {
            settings = CalendlySettings.parse(r.calendlyUserUri(), r.defaultMode(), r.eventTypeMappings());
        } catch (RuntimeException e) {
            return Mono.error(Violations.toApi(e));
        }
        Instant now = now();
        return tx.transactional(repo.save(tutor.id(), settings, now)
                        .then(deliveries.changed(tutor.id(), now))
                        .then(repo.connection(tutor.id())))
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict(TAKEN))
                .map(CalendlyViews.ConnectionView::of);
    }

    public Mono<CalendlyViews.ConnectionView> get(CurrentUser tutor) {
        return repo.connection(tutor.id())
                .switchIfEmpty(Mono.error(ApiException.notFound(NOT_CONNECTED)))
                .map(CalendlyViews.ConnectionView::of);
    }

    public Mono<CalendlyViews.ConnectionView> disconnect(CurrentUser tutor) {
        Instant now = now();
        return tx.transactional(repo.disconnect(tutor.id(), now)
                        .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound(NOT_CONNECTED))
                                : deliveries.changed(tutor.id(), now).then(repo.connection(tutor.id()))))
                .map(CalendlyViews.ConnectionView::of);
    }

    public Mono<CalendlyViews.DeadLetterPage> deadLetters(String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        return repo.deadCount().flatMap(total -> repo.dead(query.limit(), query.offset())
                .map(CalendlyViews.DeliveryView::of).collectList()
                .map(list -> new CalendlyViews.DeadLetterPage(list, Pagination.of(total, query))));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
