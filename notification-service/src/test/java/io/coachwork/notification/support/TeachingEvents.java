package io.coachwork.notification.support;

import io.coachwork.contracts.teaching.TeachingSessionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Teaching-session event payloads for tests: a scheduled one-to-one session, 2024-01-20 14:00–15:00 UTC, unless told otherwise. */
public final class TeachingEvents {

    private final String sessionId;
    private final long tutorId;
    private String sessionType = "ONE_TO_ONE";
    private String status = "SCHEDULED";
    private Instant start = BookingEvents.START;
    private Instant end = BookingEvents.END;
    private String title = "Algebra basics";
    private final List<TeachingSessionEvent.Participant> participants = new ArrayList<>();
    private String noShow;
    private Long actorId;
    private String detail;
    private Instant occurredAt = Instant.parse("2024-01-13T10:00:00Z");

    private TeachingEvents(String sessionId, long tutorId) {
        this.sessionId = sessionId;
        this.tutorId = tutorId;
    }

    public static TeachingEvents session(String sessionId, long tutorId) {
        return new TeachingEvents(sessionId, tutorId);
    }

    public static String newSessionId() {
        return "ts-" + UUID.randomUUID();
    }

    public TeachingEvents booked(long... students) {
        for (long student : students) {
            participant(student, "BOOKED", 0);
        }
        return this;
    }

    public TeachingEvents participant(long student, String status, long attendedSeconds) {
        participants.removeIf(p -> p.studentId() == student);
        participants.add(new TeachingSessionEvent.Participant("p-" + student, "bk-" + student, student, status,
                attendedSeconds));
        return this;
    }

    public TeachingEvents group() {
        this.sessionType = "GROUP";
        return this;
    }

    public TeachingEvents status(String status) {
        this.status = status;
        return this;
    }

    public TeachingEvents at(Instant start, Instant end) {
        this.start = start;
        this.end = end;
        return this;
    }

    public TeachingEvents title(String title) {
        this.title = title;
        return this;
    }

    public TeachingEvents noShow(String who) {
        this.noShow = who;
        return this;
    }

    public TeachingEvents by(Long actorId, String detail) {
        this.actorId = actorId;
        this.detail = detail;
        return this;
    }

    public TeachingEvents occurredAt(Instant at) {
        this.occurredAt = at;
        return this;
    }

    public TeachingSessionEvent build() {
        return new TeachingSessionEvent(sessionId, 7, tutorId, sessionType, status, start, end, title,
                "teaching_" + sessionId, List.copyOf(participants), noShow, actorId, detail, occurredAt);
    }
}
