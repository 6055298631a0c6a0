package io.coachwork.scheduling.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response bodies of the profile, application and directory endpoints (snake_case on the wire). */
public final class ProfileViews {

    private ProfileViews() {
    }

    public record SubjectView(String subject, String level, BigDecimal hourlyRate) {
    }

    /** The tutor's own profile, with its application state and every booking setting. */
    public record Own(long tutorId, String displayName, String bio, List<String> achievements, String videoUrl,
                      List<String> tags, String experienceLevel, BigDecimal hourlyRate, String currency,
                      List<SubjectView> subjects, int defaultDurationMinutes, int minimumDurationMinutes,
                      int maximumDurationMinutes, int bookingIncrementMinutes, int bufferBeforeMinutes,
                      int bufferAfterMinutes, int minimumNoticeMinutes, boolean acceptingStudents, String timeZone,
                      BigDecimal rating, int reviewCount, String status, String rejectionReason, Instant appliedAt,
                      Instant decidedAt, Instant createdAt, Instant updatedAt, String cancellationPolicy,
                      int lateCancelRefundPercent) {

        public static Own of(TutorProfile p) {
            return new Own(p.tutorId(), p.displayName(), p.bio(), p.achievements(), p.videoUrl(), p.tags(),
                    p.experienceLevel(), p.major(p.hourlyRateMinor()), p.currency(), subjectViews(p),
                    p.defaultDuration(), p.minimumDuration(), p.maximumDuration(), p.bookingIncrement(),
                    p.bufferBefore(), p.bufferAfter(), p.minimumNotice(), p.acceptingStudents(), p.timeZone(),
                    p.rating(), p.reviewCount(), p.status().value(), p.rejectionReason(), p.appliedAt(),
                    p.decidedAt(), p.createdAt(), p.updatedAt(), p.cancellationPolicy(), p.lateCancelRefundPercent());
        }
    }

    /** A tutor as students see them in the directory; {@code nextAvailableAt} is their soonest free time, if any. */
    public record Public(long id, String displayName, String bio, List<String> achievements, String videoUrl,
                         List<String> tags, String experienceLevel, BigDecimal hourlyRate, String currency,
                         List<SubjectView> subjects, int defaultDurationMinutes, int minimumDurationMinutes,
                         int maximumDurationMinutes, int bookingIncrementMinutes, String timeZone, BigDecimal rating,
                         int reviewCount, Instant nextAvailableAt) {

        public static Public of(TutorProfile p, Instant nextAvailableAt) {
            return new Public(p.tutorId(), p.displayName(), p.bio(), p.achievements(), p.videoUrl(), p.tags(),
                    p.experienceLevel(), p.major(p.hourlyRateMinor()), p.currency(), subjectViews(p), p.defaultDuration(),
                    p.minimumDuration(), p.maximumDuration(), p.bookingIncrement(), p.timeZone(), p.rating(),
                    p.reviewCount(), nextAvailableAt);
        }
    }

    /** An application as an admin reviews it. */
    public record Application(long tutorId, String displayName, String bio, List<String> achievements, String videoUrl,
                              List<SubjectView> subjects, BigDecimal hourlyRate, String currency, String timeZone,
                              String status, String rejectionReason, Instant appliedAt, Instant decidedAt) {

        public static Application of(TutorProfile p) {
            return new Application(p.tutorId(), p.displayName(), p.bio(), p.achievements(), p.videoUrl(), subjectViews(p),
                    p.major(p.hourlyRateMinor()), p.currency(), p.timeZone(), p.status().value(), p.rejectionReason(),
                    p.appliedAt(), p.decidedAt());
        }
    }

    public record AuditView(long id, String action, long actorId, String reason, Instant createdAt) {

        static AuditView of(ProfileRepository.AuditEntry e) {
            return new AuditView(e.id(), e.action(), e.actorId(), e.reason(), e.createdAt());
        }
    }

    public record ApplicationDetail(Application application, List<AuditView> auditLog) {
    }

    private static List<SubjectView> subjectViews(TutorProfile p) {
        return p.subjects().stream().map(s -> new SubjectView(s.subject(), s.level(), p.major(s.hourlyRateMinor()))).toList();
    }
}
