package io.coachwork.session.coaching;

import io.coachwork.platform.directory.DirectoryUser;
import io.coachwork.platform.web.Pagination;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of seed 000's coaching-session endpoints, field for field and in its order. */
public final class SessionViews {

    private SessionViews() {
    }

    /** {@code POST /sessions} (201, or 202 while the hours are being reserved). */
    public record Created(long id, String title, Instant startTime, Instant endTime, int durationMinutes,
                          String streamCallId, String viewLink, String status, BigDecimal hoursReserved,
                          int studentCount) {

        static Created of(CoachingSession s, String viewLink, int studentCount) {
            return new Created(s.id(), s.title(), s.startTime(), s.endTime(), s.durationMinutes(), s.streamCallId(),
                    viewLink, s.status().value(), Hours.of(s.minutesReserved()), studentCount);
        }
    }

    public record StudentRef(long id, String name, String email) {
    }

    public record ParticipantView(long id, StudentRef student, Instant invitedAt, Instant joinedAt, Instant leftAt) {

        static ParticipantView of(Participant p, DirectoryUser user) {
            return new ParticipantView(p.id(), new StudentRef(p.studentId(), user == null ? null : user.name(),
                    user == null ? null : user.email()), p.invitedAt(), p.joinedAt(), p.leftAt());
        }
    }

    /** An entry of {@code GET /sessions}. */
    public record ListItem(long id, String title, String description, Instant startTime, Instant endTime,
                           int durationMinutes, String viewLink, String status, BigDecimal hoursReserved,
                           BigDecimal hoursUsed, int studentCount, Instant actualStartTime, Instant actualEndTime,
                           List<ParticipantView> participants, Instant createdAt) {
    }

    /** {@code GET /sessions/:id}. */
    public record Detail(long id, String title, String description, Instant startTime, Instant endTime,
                         int durationMinutes, String streamCallId, String viewLink, String status,
                         BigDecimal hoursReserved, BigDecimal hoursUsed, int studentCount, Instant actualStartTime,
                         Instant actualEndTime, List<ParticipantView> participants, Instant createdAt,
                         Instant updatedAt) {
    }

    public record SessionPage(List<ListItem> sessions, Pagination pagination) {
    }

    /** {@code POST /sessions/:id/invite}: the newly invited only. */
    public record Invited(int invitedCount, List<InvitedParticipant> participants) {
    }

    public record InvitedParticipant(long id, long studentId) {
    }

    public record Started(long id, String status, Instant actualStartTime, String streamCallId, String viewLink) {
    }

    public record Ended(long id, String status, Instant actualStartTime, Instant actualEndTime, BigDecimal hoursReserved,
                        BigDecimal hoursUsed) {
    }

    public record Cancelled(long id, String status) {
    }

    public record TutorRef(long id, String name) {
    }

    /** An entry of a student's {@code GET /api/student/coaching/sessions}. */
    public record StudentSession(long id, String title, String description, Instant startTime, Instant endTime,
                                 int durationMinutes, String viewLink, String status, TutorRef tutor,
                                 Instant actualStartTime, Instant actualEndTime, Instant invitedAt, Instant joinedAt) {
    }

    public record StudentSessionPage(List<StudentSession> sessions, Pagination pagination) {
    }
}
