package io.coachwork.scheduling.calendar;

import io.coachwork.platform.security.CurrentUser;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.scheduling.availability.ScheduleRepository;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.coachwork.scheduling.profile.TutorProfile;
import io.coachwork.scheduling.slots.SlotRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A tutor's availability as an {@code .ics} feed for their calendar app. The feed URL carries a
 * secret token instead of a JWT (calendar apps cannot send one); rotating it revokes the old URL.
 */
@RestController
public class CalendarController {

    static final String FEEDS = "/api/teaching/calendar/";
    private static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProfileRepository profiles;
    private final SlotRepository slots;
    private final ScheduleRepository schedules;
    private final Clock clock;

    public CalendarController(ProfileRepository profiles, SlotRepository slots, ScheduleRepository schedules, Clock clock) {
        this.profiles = profiles;
        this.slots = slots;
        this.schedules = schedules;
        this.clock = clock;
    }

    public record Feed(String url) {
    }

    /** The caller's feed URL, created on first use. */
    @GetMapping("/api/teaching/profile/calendar")
    public Mono<ApiResponse<Feed>> feed(CurrentUser tutor) {
        return profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), null, clock.instant()))
                .then(profiles.calendarToken(tutor.id()))
                .switchIfEmpty(Mono.defer(() -> newToken(tutor.id())))
                .map(token -> ApiResponse.ok(new Feed(FEEDS + token + ".ics")));
    }

    @PostMapping("/api/teaching/profile/calendar/rotate")
    public Mono<ApiResponse<Feed>> rotate(CurrentUser tutor) {
        return profiles.insertIfAbsent(TutorProfile.draft(tutor.id(), null, clock.instant()))
                .then(newToken(tutor.id()))
                .map(token -> ApiResponse.ok("Calendar feed URL replaced; the old one no longer works",
                        new Feed(FEEDS + token + ".ics")));
    }

    @GetMapping(FEEDS + "{token}.ics")
    public Mono<ResponseEntity<String>> ics(@PathVariable String token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return profiles.findByCalendarToken(token)
                .switchIfEmpty(Mono.error(ApiException.notFound("Calendar feed not found")))
                .flatMap(p -> slots.between(p.tutorId(), now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(CalendarFeed.DAYS)), null)
                        .collectList()
                        .zipWith(schedules.defaultAvailability(p.tutorId(), ZoneId.of(p.timeZone()), now))
                        .map(t -> CalendarFeed.render(p.tutorId(), ZoneId.of(p.timeZone()), t.getT1(), t.getT2(), now)))
                .map(body -> ResponseEntity.ok().contentType(TEXT_CALENDAR).body(body));
    }

    private Mono<String> newToken(long tutorId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return profiles.setCalendarToken(tutorId, token).thenReturn(token);
    }
}
