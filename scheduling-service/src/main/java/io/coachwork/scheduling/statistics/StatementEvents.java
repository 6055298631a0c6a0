package io.coachwork.scheduling.statistics;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.Topics;
import io.coachwork.contracts.scheduling.StatementCreated;
import io.coachwork.platform.outbox.OutboxWriter;
import io.coachwork.scheduling.statistics.domain.Statement;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A new statement (or version) on the profiles topic, keyed by tutor id, in the caller's transaction. */
@Component
public class StatementEvents {

    private final OutboxWriter outbox;

    public StatementEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> created(Statement s) {
        StatementCreated event = new StatementCreated(s.id(), s.tutorId(), s.period().kind().value(),
                s.period().start().toString(), s.period().lastDay().toString(), s.timeZone(), s.version(), s.closed(),
                s.totals().stream().map(t -> new StatementCreated.Total(t.currency(), t.sessions(), t.gross().minor(),
                        t.commission().minor(), t.net().minor())).toList(), s.createdAt());
        return outbox.append(Topics.SCHEDULING_PROFILES, Long.toString(s.tutorId()), EventTypes.STATEMENT_CREATED, event)
                .then();
    }
}
