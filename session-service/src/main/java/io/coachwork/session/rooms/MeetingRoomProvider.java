package io.coachwork.session.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where a teaching session's meeting room lives (seeds 003, 004). The job may repeat a step whose
 * outcome it could not record: updates, access changes and deletes are idempotent (deleting what is
 * already gone succeeds), and Discord's create finds a channel an interrupted pass made. Zoom has no
 * such lookup, so a pass that dies between Zoom's answer and the record leaves one spare meeting.
 */
public interface MeetingRoomProvider {

    enum Kind { DISCORD, ZOOM }

    /** What a room is made for: the session's id, title and times. */
    record RoomSession(UUID sessionId, String title, Instant startsAt, Instant endsAt) {

        public long durationMinutes() {
            return (Duration.between(startsAt, endsAt).toSeconds() + 59) / 60;
        }
    }

    /** A room the provider made: its id there, the students' link and the tutor's. */
    record CreatedRoom(String externalId, String joinUrl, String startUrl) {
    }

    Kind kind();

    /** False when its credentials are missing: the job skips it. */
    boolean configured();

    /** What is missing, for health details. */
    String configurationHint();

    /** How long before the start the room is made. */
    Duration createBefore();

    /** Zero for providers whose links are the access (Zoom); Discord opens the channel this long before. */
    Duration openBefore();

    /** Whether access is granted per user on the provider (Discord), rather than by the links. */
    boolean managesAccess();

    /** Whether the room is deleted once the session is over (Discord), not only when it is cancelled. */
    boolean deletesAfterEnd();

    /** How long after the end the room is kept. */
    Duration deleteAfter();

    Mono<CreatedRoom> create(RoomSession session);

    /** The session moved: the room follows its new times. */
    Mono<Void> update(String externalId, RoomSession session);

    /** Gives the listed provider accounts access and takes it from the revoked ones. */
    Mono<Void> syncAccess(String externalId, List<String> grant, List<String> revoke);

    Mono<Void> delete(String externalId);

    /** The tutor's link, fresh where the provider's expires (Zoom's start URL carries a short-lived token). */
    default Mono<String> hostUrl(String externalId, String storedStartUrl) {
        return Mono.justOrEmpty(storedStartUrl);
    }
}
