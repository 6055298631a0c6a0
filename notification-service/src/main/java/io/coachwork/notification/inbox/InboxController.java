package io.coachwork.notification.inbox;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own in-app inbox: every notification they were sent, whatever the other channels did. */
@RestController
@RequestMapping("/api/notifications")
public class InboxController {

    private final InboxRepository inbox;
    private final Clock clock;

    public InboxController(InboxRepository inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    public record InboxPage(List<NotificationView> notifications, long unreadCount, Pagination pagination) {
    }

    public record ReadAll(long updated, long unreadCount) {
    }

    @GetMapping
    public Mono<ApiResponse<InboxPage>> list(CurrentUser user, @RequestParam(required = false) String page,
                                             @RequestParam(required = false) String limit,
                                             @RequestParam(name = "unread_only", required = false) String unreadOnly) {
        PageQuery query = PageQuery.of(page, limit);
        boolean unread = flag(unreadOnly);
        return Mono.zip(inbox.page(user.id(), unread, query).collectList(), inbox.count(user.id(), unread),
                        inbox.unreadCount(user.id()))
                .map(t -> ApiResponse.ok(new InboxPage(t.getT1(), t.getT3(), Pagination.of(t.getT2(), query))));
    }

    @PostMapping("/{id}/read")
    public Mono<ApiResponse<NotificationView>> read(CurrentUser user, @PathVariable long id) {
        return inbox.find(id)
                .switchIfEmpty(Mono.error(ApiException.notFound("Notification not found")))
                .flatMap(owned -> owned.userId() != user.id()
                        ? Mono.error(ApiException.forbidden("You can only read your own notifications"))
                        : inbox.markRead(id, clock.instant()))
                .map(view -> ApiResponse.ok("Notification marked as read", view));
    }

    @PostMapping("/read-all")
    public Mono<ApiResponse<ReadAll>> readAll(CurrentUser user) {
        return inbox.markAllRead(user.id(), clock.instant())
                .zipWhen(updated -> inbox.unreadCount(user.id()))
                .map(t -> ApiResponse.ok("All notifications marked as read", new ReadAll(t.getT1(), t.getT2())));
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalidField("unread_only", "unread_only must be true or false");
        };
    }
}
