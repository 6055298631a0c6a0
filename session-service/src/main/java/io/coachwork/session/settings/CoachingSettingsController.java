package io.coachwork.session.settings;

import io.coachwork.platform.web.ApiResponse;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Seed 000's admin coaching settings: admins read them, super admins change them (route guards in the application). */
@RestController
@RequestMapping("/api/admin/coaching/settings")
public class CoachingSettingsController {

    private final CoachingSettingsService service;

    public CoachingSettingsController(CoachingSettingsService service) {
        this.service = service;
    }

    /** All fields optional; the rules in {@link CoachingSettings#apply} validate what is sent. */
    public record UpdateRequest(BigDecimal pricePerHour, String currency, Integer defaultDurationMinutes,
                                Integer warningThresholdMinutes, Boolean autoEndEnabled) {
    }

    public record SettingsView(int id, BigDecimal pricePerHour, String currency, int defaultDurationMinutes,
                               int warningThresholdMinutes, boolean autoEndEnabled, Instant createdAt,
                               Instant updatedAt) {

        static SettingsView of(CoachingSettings s) {
            return new SettingsView(CoachingSettings.ID, s.pricePerHour(), s.currency(), s.defaultDurationMinutes(),
                    s.warningThresholdMinutes(), s.autoEndEnabled(), s.createdAt(), s.updatedAt());
        }
    }

    /** The update answer of seed 000 has no {@code created_at}. */
    public record UpdatedView(int id, BigDecimal pricePerHour, String currency, int defaultDurationMinutes,
                              int warningThresholdMinutes, boolean autoEndEnabled, Instant updatedAt) {

        static UpdatedView of(CoachingSettings s) {
            return new UpdatedView(CoachingSettings.ID, s.pricePerHour(), s.currency(), s.defaultDurationMinutes(),
                    s.warningThresholdMinutes(), s.autoEndEnabled(), s.updatedAt());
        }
    }

    @GetMapping
    public Mono<ApiResponse<SettingsView>> get() {
        return service.current().map(s -> ApiResponse.ok(SettingsView.of(s)));
    }

    @PutMapping
    public Mono<ApiResponse<UpdatedView>> update(@RequestBody UpdateRequest request) {
        return service.update(new CoachingSettings.SettingsUpdate(request.pricePerHour(), request.currency(),
                        request.defaultDurationMinutes(), request.warningThresholdMinutes(), request.autoEndEnabled()))
                .map(s -> ApiResponse.ok("Coaching settings updated successfully", UpdatedView.of(s)));
    }
}
