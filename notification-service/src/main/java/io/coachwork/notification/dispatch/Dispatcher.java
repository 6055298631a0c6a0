package io.coachwork.notification.dispatch;

import io.coachwork.notification.delivery.Channel;
import io.coachwork.notification.delivery.DeliveryRepository;
import io.coachwork.notification.email.EmailWorker;
import io.coachwork.notification.inbox.InboxRepository;
import io.coachwork.notification.preference.Preference;
import io.coachwork.notification.preference.PreferenceRepository;
import io.coachwork.notification.push.Presence;
import io.coachwork.notification.push.PushMessage;
import io.coachwork.notification.push.PushSender;
import io.coachwork.notification.template.Message;
import io.coachwork.notification.template.MessageRenderer;
import io.coachwork.notification.template.RenderedMessage;
import io.coachwork.platform.directory.DirectoryUser;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells people what the notices say. For each notice, inside the caller's transaction: look the
 * person up in the directory (name, email, zone), render the message for them, store it in their
 * inbox and log each channel as {@link DispatchRules} decides (email queued or skipped, push sent
 * or skipped; a push goes to whichever instance holds the person's sockets), in one statement
 * per notice. Pushes go out and the email worker wakes only after the transaction commits.
 * A notice whose fact this person was already told (same dedupe key) changes nothing.
 */
@Component
public class Dispatcher {

    private final RecipientRepository recipientRepository;
    private final InboxRepository inbox;
    private final PushSender push;
    private final EmailWorker email;
    private final JsonMapper json;
    private final Clock clock;

    public Dispatcher(RecipientRepository recipientRepository, InboxRepository inbox, PushSender push,
                      EmailWorker email, JsonMapper json, Clock clock) {
        this.recipientRepository = recipientRepository;
        this.inbox = inbox;
        this.push = push;
        this.email = email;
        this.json = json;
        this.clock = clock;
    }

    /** What one notice became: the push to send after commit (if any) and whether an email was queued. */
    private record Outcome(long userId, String pushMessage, boolean emailQueued) {
    }

    /** Dispatches the notices; returns how many were new (the others had been told already). */
    public Mono<Integer> dispatch(List<Notice> notices) {
        if (notices.isEmpty()) {
            return Mono.just(0);
        }
        Set<Long> people = new LinkedHashSet<>();
        Set<Long> recipients = new LinkedHashSet<>();
        for (Notice notice : notices) {
            recipients.add(notice.recipientId());
            notice.message().values().values().forEach(v -> {
                if (v instanceof Message.Person person) {
                    people.add(person.userId());
                }
            });
        }
        people.addAll(recipients);
        // Directory and preferences come in one statement on the handler's transaction (its connection answers
        // one query at a time; two reads zipped on it stalled the consumer, docs/performance.md, sixth pass).
        // The presence check asks Redis, so it runs beside it.
        return recipientRepository.find(people, recipients).zipWith(push.presence(recipients))
                .flatMap(found -> {
                    Map<Long, DirectoryUser> users = found.getT1().users();
                    Map<Long, String> names = new HashMap<>();
                    users.forEach((id, user) -> {
                        if (user.name() != null) {
                            names.put(id, user.name());
                        }
                    });
                    return Flux.fromIterable(notices)
                            .concatMap(notice -> deliver(notice, users.get(notice.recipientId()), names,
                                    found.getT1().preferences(), found.getT2().get(notice.recipientId())))
                            .collectList();
                })
                .flatMap(outcomes -> AfterCommit.run(() -> afterCommit(outcomes)).thenReturn(outcomes.size()));
    }

    private Mono<Outcome> deliver(Notice notice, DirectoryUser user, Map<Long, String> names,
                                  Map<PreferenceRepository.Key, Preference> stored, Presence presence) {
        Recipient recipient = Recipient.of(notice.recipientId(), user);
        RenderedMessage rendered = MessageRenderer.render(notice.message(), recipient.name(), recipient.zone(), names);
        Preference preference = stored.getOrDefault(
                new PreferenceRepository.Key(recipient.userId(), notice.type().key()), notice.type().defaults());
        DispatchRules.Plan plan = DispatchRules.plan(preference, recipient, presence);
        Instant now = clock.instant();
        boolean queued = plan.email().goesOut();
        List<DeliveryRepository.Decided> deliveries = List.of(
                // A queued email keeps its content for the worker; a skipped one only why it was skipped.
                new DeliveryRepository.Decided(Channel.EMAIL, plan.email().status(), recipient.email(),
                        rendered.subject(), queued ? rendered.text() : null, queued ? rendered.html() : null,
                        plan.email().reason()),
                new DeliveryRepository.Decided(Channel.PUSH, plan.push().status(), null, rendered.title(), null, null,
                        plan.push().reason()));
        return inbox.insert(recipient.userId(), notice.type(), rendered.title(), rendered.body(),
                        json.writeValueAsString(notice.data()), notice.dedupeKey(), deliveries, now)
                .map(saved -> new Outcome(recipient.userId(),
                        plan.push().goesOut() ? pushMessage(notice, rendered, saved) : null, queued));
    }

    private String pushMessage(Notice notice, RenderedMessage rendered, InboxRepository.Stored stored) {
        ObjectNode data = json.createObjectNode()
                .put("type", notice.type().key())
                .put("title", rendered.title())
                .put("body", rendered.body());
        data.setAll((ObjectNode) json.valueToTree(notice.data()));
        return json.writeValueAsString(new PushMessage(notice.type().event(), data, stored.id(), stored.createdAt()));
    }

    private void afterCommit(List<Outcome> outcomes) {
        boolean anyEmail = false;
        for (Outcome outcome : outcomes) {
            if (outcome.pushMessage() != null) {
                push.send(outcome.userId(), outcome.pushMessage());
            }
            anyEmail |= outcome.emailQueued();
        }
        if (anyEmail) {
            email.wake();
        }
    }
}
