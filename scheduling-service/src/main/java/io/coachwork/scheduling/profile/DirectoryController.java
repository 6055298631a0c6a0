package io.coachwork.scheduling.profile;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public tutor directory (seed 001): no token needed, approved tutors who accept students only. */
@RestController
public class DirectoryController {

    private final DirectoryService directory;
    private final ProfileRepository profiles;
    private final Clock clock;

    public DirectoryController(DirectoryService directory, ProfileRepository profiles, Clock clock) {
        this.directory = directory;
        this.profiles = profiles;
        this.clock = clock;
    }

    @GetMapping("/api/teaching/tutors")
    public Mono<ApiResponse<DirectoryService.TutorPage>> list(@RequestParam(required = false) String subject,
                                             @RequestParam(name = "min_price", required = false) String minPrice,
                                             @RequestParam(name = "max_price", required = false) String maxPrice,
                                             @RequestParam(name = "experience_level", required = false) String level,
                                             @RequestParam(name = "min_rating", required = false) String minRating,
                                             @RequestParam(name = "available_within_days", required = false) String within,
                                             @RequestParam(required = false) String sort,
                                             @RequestParam(required = false) String page,
                                             @RequestParam(required = false) String limit) {
        DirectoryQuery query = DirectoryQuery.of(subject, minPrice, maxPrice, level, minRating, within, sort, page, limit);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return directory.search(query, now).map(ApiResponse::ok);
    }

    @GetMapping("/api/teaching/tutors/{id}")
    public Mono<ApiResponse<ProfileViews.Public>> one(@PathVariable long id) {
        return profiles.find(id)
                .filter(TutorProfile::listed)
                .switchIfEmpty(Mono.error(ApiException.notFound("Tutor not found")))
                .flatMap(p -> directory.one(p, clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .map(ApiResponse::ok);
    }
}
