package io.coachwork.scheduling.availability;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.scheduling.availability.AvailabilityRequests.HolidayRequest;
import io.coachwork.scheduling.availability.AvailabilityRequests.OverrideRequest;
import io.coachwork.scheduling.availability.AvailabilityRequests.PresetRequest;
import io.coachwork.scheduling.availability.AvailabilityRequests.ScheduleRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The calling tutor's weekly schedules, date overrides and holidays. */
@RestController
public class ScheduleController {

    private static final String SCHEDULES = "/api/teaching/schedules";

    private final ScheduleService schedules;

    public ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping(SCHEDULES)
    public Mono<ApiResponse<List<ScheduleViews.ScheduleView>>> list(CurrentUser tutor) {
        return schedules.list(tutor).map(ApiResponse::ok);
    }

    @PostMapping(SCHEDULES)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<ScheduleViews.ScheduleView>> create(@RequestBody(required = false) ScheduleRequest request,
                                                                CurrentUser tutor) {
        return schedules.create(tutor, request).map(s -> ApiResponse.ok("Schedule created", s));
    }

    @PutMapping(SCHEDULES + "/{id}")
    public Mono<ApiResponse<ScheduleViews.ScheduleView>> update(@PathVariable long id,
                                                                @RequestBody(required = false) ScheduleRequest request,
                                                                CurrentUser tutor) {
        return schedules.update(tutor, id, request).map(s -> ApiResponse.ok("Schedule updated", s));
    }

    @PostMapping(SCHEDULES + "/{id}/preset")
    public Mono<ApiResponse<ScheduleViews.ScheduleView>> preset(@PathVariable long id,
                                                                @RequestBody(required = false) PresetRequest request,
                                                                CurrentUser tutor) {
        return schedules.applyPreset(tutor, id, request).map(s -> ApiResponse.ok("Preset applied", s));
    }

    @DeleteMapping(SCHEDULES + "/{id}")
    public Mono<ApiResponse<Void>> delete(@PathVariable long id, CurrentUser tutor) {
        return schedules.delete(tutor, id).thenReturn(ApiResponse.ok("Schedule deleted", null));
    }

    @PutMapping(SCHEDULES + "/{id}/overrides/{date}")
    public Mono<ApiResponse<ScheduleViews.ScheduleView>> setOverride(@PathVariable long id, @PathVariable String date,
                                                                     @RequestBody(required = false) OverrideRequest request,
                                                                     CurrentUser tutor) {
        return schedules.setOverride(tutor, id, date, request).map(s -> ApiResponse.ok("Override saved", s));
    }

    @DeleteMapping(SCHEDULES + "/{id}/overrides/{date}")
    public Mono<ApiResponse<ScheduleViews.ScheduleView>> removeOverride(@PathVariable long id, @PathVariable String date,
                                                                        CurrentUser tutor) {
        return schedules.removeOverride(tutor, id, date).map(s -> ApiResponse.ok("Override removed", s));
    }

    @GetMapping("/api/teaching/holidays")
    public Mono<ApiResponse<List<ScheduleViews.HolidayView>>> holidays(CurrentUser tutor) {
        return schedules.holidays(tutor).map(ApiResponse::ok);
    }

    @PostMapping("/api/teaching/holidays")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<ScheduleViews.HolidayView>> addHoliday(@RequestBody(required = false) HolidayRequest request,
                                                                   CurrentUser tutor) {
        return schedules.addHoliday(tutor, request).map(h -> ApiResponse.ok("Holiday added", h));
    }

    @DeleteMapping("/api/teaching/holidays/{id}")
    public Mono<ApiResponse<Void>> deleteHoliday(@PathVariable long id, CurrentUser tutor) {
        return schedules.deleteHoliday(tutor, id).thenReturn(ApiResponse.ok("Holiday removed", null));
    }
}
