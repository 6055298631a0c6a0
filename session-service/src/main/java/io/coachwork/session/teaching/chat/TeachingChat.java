package io.coachwork.session.teaching.chat;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import io.coachwork.session.teaching.TeachingAccess;
import io.coachwork.session.teaching.TeachingViews;
import io.coachwork.session.teaching.domain.TeachingRules;
import io.coachwork.session.teaching.messaging.TeachingEvents;
import io.coachwork.session.teaching.persistence.MessageRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Seed 002 §5: the chat of a ONE_TO_ONE session, between its tutor and its booked student only
 * (GROUP sessions have none). A message is announced as {@code coachwork.teaching.session.message.v1}
 * with its id as the event's detail.
 */
@Service
public class TeachingChat {

    public static final int MAX_LENGTH = 4000;

    private final TeachingAccess access;
    private final MessageRepository messages;
    private final TeachingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public TeachingChat(TeachingAccess access, MessageRepository messages, TeachingEvents events,
                        TransactionalOperator tx, Clock clock) {
        this.access = access;
        this.messages = messages;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<TeachingViews.TeachingMessage> send(String id, long userId, String content) {
        if (content == null || content.isBlank()) {
            return Mono.error(ApiException.invalidField("content", "content is required"));
        }
        if (content.length() > MAX_LENGTH) {
            return Mono.error(ApiException.invalidField("content", "content must be at most " + MAX_LENGTH
                    + " characters"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return tx.transactional(access.read(id, userId)
                .flatMap(seen -> TeachingAccess.rule(() -> {
                    TeachingRules.checkChat(seen.session());
                    TeachingRules.checkCollaboration(seen.session());
                    return seen.session();
                }))
                .flatMap(s -> messages.insert(s.id(), userId, content.strip(), now)
                        .flatMap(m -> events.publish(EventTypes.TEACHING_SESSION_MESSAGE, s, userId,
                                Long.toString(m.id())).thenReturn(m))))
                .map(TeachingChat::view);
    }

    /** Newest first, {@code page}/{@code limit} as every list reads them. */
    public Mono<TeachingViews.TeachingMessagePage> list(String id, long userId, String page, String limit) {
        PageQuery query = PageQuery.of(page, limit);
        return access.read(id, userId)
                .flatMap(seen -> TeachingAccess.rule(() -> {
                    TeachingRules.checkChat(seen.session());
                    return seen.session();
                }))
                .flatMap(s -> messages.page(s.id(), query.limit(), query.offset())
                        .flatMap(found -> messages.count(s.id()).map(total -> new TeachingViews.TeachingMessagePage(
                                found.stream().map(TeachingChat::view).toList(), Pagination.of(total, query)))));
    }

    private static TeachingViews.TeachingMessage view(MessageRepository.Message m) {
        return new TeachingViews.TeachingMessage(m.id(), m.senderId(), m.content(), m.createdAt());
    }
}
