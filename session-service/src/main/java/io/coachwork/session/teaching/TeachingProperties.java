package io.coachwork.session.teaching;

import io.coachwork.session.teaching.domain.TeachingTimes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Teaching sessions' settings ({@code coachwork.teaching}): the time rules ({@link TeachingTimes})
 * and the files' limits and storage. Unset values take the defaults below.
 */
@ConfigurationProperties("coachwork.teaching")
public record TeachingProperties(Duration startLead, Duration tutorNoShowAfter, Duration completeGrace,
                                 Duration startingNotice, Files files) {

    public static final List<String> DEFAULT_CONTENT_TYPES = List.of("application/pdf", "image/png", "image/jpeg",
            "image/gif", "image/webp", "text/plain", "text/markdown", "text/csv", "application/zip",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "audio/mpeg", "video/mp4");

    public TeachingProperties {
        TeachingTimes d = TeachingTimes.DEFAULTS;
        startLead = startLead == null ? d.startLead() : startLead;
        tutorNoShowAfter = tutorNoShowAfter == null ? d.tutorNoShowAfter() : tutorNoShowAfter;
        completeGrace = completeGrace == null ? d.completeGrace() : completeGrace;
        startingNotice = startingNotice == null ? d.startingNotice() : startingNotice;
        files = files == null ? new Files(null, null, null, null, null) : files;
    }

    public TeachingTimes times() {
        return new TeachingTimes(startLead, tutorNoShowAfter, completeGrace, startingNotice);
    }

    /**
     * {@code maxSize}: the largest upload (10 MB unless set); {@code contentTypes}: the media types
     * accepted; {@code storage}: {@code local} (a directory, the default) or {@code s3} (any
     * S3-compatible store).
     */
    public record Files(DataSize maxSize, List<String> contentTypes, String storage, String localDirectory, S3 s3) {

        public Files {
            maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
            contentTypes = contentTypes == null || contentTypes.isEmpty() ? DEFAULT_CONTENT_TYPES
                    : contentTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
            storage = storage == null || storage.isBlank() ? "local" : storage.trim().toLowerCase(Locale.ROOT);
            localDirectory = localDirectory == null || localDirectory.isBlank()
                    ? System.getProperty("java.io.tmpdir") + "/coachwork-teaching-files" : localDirectory;
            s3 = s3 == null ? new S3(null, null, null, null, null, false) : s3;
            if (maxSize.toBytes() < 1) {
                throw new IllegalArgumentException("coachwork.teaching.files.max-size must be positive");
            }
        }
    }

    /** An S3-compatible bucket; {@code endpoint} for a non-AWS store (path-style addressing when {@code pathStyle}). */
    public record S3(String endpoint, String region, String bucket, String accessKey, String secretKey,
                     boolean pathStyle) {
    }
}
