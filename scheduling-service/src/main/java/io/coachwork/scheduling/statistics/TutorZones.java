package io.coachwork.scheduling.statistics;

import io.coachwork.scheduling.profile.ProfileRepository;
import io.coachwork.scheduling.profile.TutorProfile;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A tutor's days are cut in their profile's time zone (this service's own profile, not another
 * service's data); UTC when they have no profile yet.
 */
@Component
public class TutorZones {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final ProfileRepository profiles;

    public TutorZones(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    public Mono<ZoneId> of(long tutorId) {
        return profiles.findSettings(tutorId).map(TutorProfile::timeZone).map(TutorZones::zone)
                .defaultIfEmpty(UTC);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}
