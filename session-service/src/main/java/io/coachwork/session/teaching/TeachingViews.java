package io.coachwork.session.teaching;

import io.coachwork.platform.web.Pagination;
import io.coachwork.session.video.VideoTokens;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the teaching-session API (snake_case on the wire). */
public final class TeachingViews {

    private TeachingViews() {
    }

    /** {@code yourRole}: TUTOR or STUDENT; a student sees only their own participant entry. */
    public record TeachingSessionView(String id, long slotId, long tutorId, String sessionType, int maxParticipants, String title,
                         Instant startsAt, Instant endsAt, String timezone, String status, String channelName,
                         String noShow, String cancelReason, Instant startedAt, Instant completedAt,
                         int participantCount, String yourRole, long attendedSeconds, boolean inCall,
                         List<TeachingParticipantView> participants) {
    }

    public record TeachingParticipantView(String id, long studentId, String status, Instant bookedAt, long attendedSeconds) {
    }

    /** What a client needs to enter the call, and the attendance row the join opened. */
    public record TeachingJoin(String sessionId, String channelName, String role, VideoTokens.VideoToken video,
                         long attendanceId, Instant joinedAt, long attendedSeconds) {
    }

    public record TeachingLeave(String sessionId, boolean wasInCall, Instant leftAt, long attendedSeconds) {
    }

    public record TeachingMessage(long id, long senderId, String content, Instant createdAt) {
    }

    public record TeachingMessagePage(List<TeachingMessage> messages, Pagination pagination) {
    }

    /** {@code downloadUrl} is relative to the API root, like every path of this API. */
    public record TeachingFile(String id, String fileName, String contentType, long sizeBytes, long uploaderId,
                           Instant createdAt, String downloadUrl) {
    }

    public record TeachingFileList(List<TeachingFile> files) {
    }
}
