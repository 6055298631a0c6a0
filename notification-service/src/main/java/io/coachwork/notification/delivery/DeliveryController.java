package io.coachwork.notification.delivery;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.platform.web.PageQuery;
import io.coachwork.platform.web.Pagination;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The delivery log for admins: what was sent to whom, when, through which channel, and how it went. */
@RestController
public class DeliveryController {

    private final DeliveryRepository deliveries;

    public DeliveryController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    public record DeliveryPage(List<DeliveryView> deliveries, Pagination pagination) {
    }

    @GetMapping("/api/admin/notifications/deliveries")
    public Mono<ApiResponse<DeliveryPage>> list(@RequestParam(required = false) String page,
                                                @RequestParam(required = false) String limit,
                                                @RequestParam(name = "user_id", required = false) String userId,
                                                @RequestParam(required = false) String channel,
                                                @RequestParam(required = false) String status) {
        PageQuery query = PageQuery.of(page, limit);
        DeliveryRepository.Filter filter = new DeliveryRepository.Filter(userId(userId), channel(channel), status(status));
        return Mono.zip(deliveries.list(filter, query).collectList(), deliveries.count(filter))
                .map(t -> ApiResponse.ok(new DeliveryPage(t.getT1(), Pagination.of(t.getT2(), query))));
    }

    private static Long userId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("user_id", "user_id must be a whole number");
        }
    }

    private static Channel channel(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Channel.byKey(value.trim().toLowerCase()).orElseThrow(() -> ApiException.invalidField("channel",
                "channel must be one of: " + Arrays.stream(Channel.values()).map(Channel::key).collect(Collectors.joining(", "))));
    }

    private static DeliveryStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return DeliveryStatus.byKey(value.trim().toLowerCase()).orElseThrow(() -> ApiException.invalidField("status",
                "status must be one of: " + Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::key)
                        .collect(Collectors.joining(", "))));
    }
}
