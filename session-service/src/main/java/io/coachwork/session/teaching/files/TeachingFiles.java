package io.coachwork.session.teaching.files;

import io.coachwork.contracts.EventTypes;
import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.TextHygiene;
import io.coachwork.session.teaching.TeachingAccess;
import io.coachwork.session.teaching.TeachingProperties;
import io.coachwork.session.teaching.TeachingViews;
import io.coachwork.session.teaching.domain.TeachingRules;
import io.coachwork.session.teaching.domain.TeachingSession;
import io.coachwork.session.teaching.messaging.TeachingEvents;
import io.coachwork.session.teaching.persistence.FileRepository;
import io.coachwork.session.teaching.persistence.TeachingSessionRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seed 002 §5's session files: in GROUP sessions the tutor uploads and students read; in ONE_TO_ONE
 * both upload. Only the session's people list and download them. Uploads are multipart/form-data
 * with one part named {@code file}, within the configured size and media types; who may upload is
 * checked before the body is read.
 */
@Service
public class TeachingFiles {

    public static final String FILE_NOT_FOUND = "File not found";
    public static final String FILE_PART = "file";
    static final int MAX_NAME = 255;
    /** Multipart framing around the file: boundaries and part headers. */
    private static final long MULTIPART_OVERHEAD = 16 * 1024;

    private final TeachingAccess access;
    private final TeachingSessionRepository sessions;
    private final FileRepository files;
    private final FileStorage storage;
    private final TeachingEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final TeachingProperties.Files limits;

    public TeachingFiles(TeachingAccess access, TeachingSessionRepository sessions, FileRepository files,
                         FileStorage storage, TeachingEvents events, TransactionalOperator tx, Clock clock,
                         TeachingProperties properties) {
        this.access = access;
        this.sessions = sessions;
        this.files = files;
        this.storage = storage;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.limits = properties.files();
    }

    /** A file with its bytes, for download. */
    public record Download(FileRepository.StoredFile file, Flux<DataBuffer> content) {
    }

    public Mono<TeachingViews.TeachingFile> upload(String id, long userId, ServerWebExchange exchange) {
        long max = limits.maxSize().toBytes();
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > max + MULTIPART_OVERHEAD) {
            return Mono.error(tooLarge());
        }
        return access.read(id, userId)
                .flatMap(seen -> TeachingAccess.rule(() -> {
                    TeachingRules.checkCollaboration(seen.session());
                    TeachingRules.checkUpload(seen.session(), userId);
                    return seen.session();
                }))
                .flatMap(s -> exchange.getMultipartData()
                        .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                        .flatMap(parts -> {
                            Part part = parts.getFirst(FILE_PART);
                            if (!(part instanceof FilePart file)) {
                                return Mono.error(ApiException.invalidField(FILE_PART,
                                        "file is required: a multipart/form-data part named file"));
                            }
                            return store(s, userId, file, max);
                        }));
    }

    private Mono<TeachingViews.TeachingFile> store(TeachingSession s, long userId, FilePart part, long max) {
        String name = fileName(part.filename());
        String type = contentType(part.headers().getContentType());
        UUID fileId = UUID.randomUUID();
        String key = s.id() + "/" + fileId;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return storage.store(key, part.content(), max)
                .onErrorMap(FileStorage.FileTooLarge.class, e -> tooLarge())
                .flatMap(size -> tx.transactional(sessions.lock(s.id())
                                .flatMap(locked -> TeachingAccess.rule(() -> {
                                    TeachingRules.checkCollaboration(locked);
                                    return locked;
                                }))
                                .flatMap(locked -> files.insert(new FileRepository.StoredFile(fileId, s.id(), userId,
                                                name, type, size, key, now))
                                        .flatMap(f -> events.publish(EventTypes.TEACHING_SESSION_FILE, locked, userId, name)
                                                .thenReturn(f))))
                        // Bytes whose row did not commit are removed again.
                        .onErrorResume(e -> storage.delete(key).then(Mono.error(e))))
                .map(this::view);
    }

    public Mono<TeachingViews.TeachingFileList> list(String id, long userId) {
        return access.read(id, userId).flatMap(seen -> files.findBySession(seen.session().id()))
                .map(found -> new TeachingViews.TeachingFileList(found.stream().map(this::view).toList()));
    }

    public Mono<Download> download(String id, long userId, String fileId) {
        return access.read(id, userId).flatMap(seen -> find(seen.session(), fileId))
                .map(f -> new Download(f, storage.read(f.storageKey())));
    }

    /** The uploader or the tutor deletes a file: its row, then its bytes. */
    public Mono<Void> delete(String id, long userId, String fileId) {
        return access.read(id, userId).flatMap(seen -> find(seen.session(), fileId)
                .flatMap(f -> TeachingAccess.rule(() -> {
                    TeachingRules.checkDeleteFile(seen.session(), f.uploaderId(), userId);
                    return f;
                })))
                .flatMap(f -> files.delete(f.id()).flatMap(deleted -> deleted ? storage.delete(f.storageKey())
                        : Mono.error(ApiException.notFound(FILE_NOT_FOUND))));
    }

    private Mono<FileRepository.StoredFile> find(TeachingSession s, String fileId) {
        return TeachingAccess.parse(fileId).map(fid -> files.find(s.id(), fid)).orElseGet(Mono::empty)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(FILE_NOT_FOUND)));
    }

    private TeachingViews.TeachingFile view(FileRepository.StoredFile f) {
        return new TeachingViews.TeachingFile(f.id().toString(), f.fileName(), f.contentType(), f.sizeBytes(),
                f.uploaderId(), f.createdAt(),
                "/api/teaching/sessions/" + f.sessionId() + "/files/" + f.id() + "/content");
    }

    /** The name as given, without any directory part a browser may send. */
    static String fileName(String given) {
        String name = given == null ? "" : given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .strip();
        if (name.isEmpty()) {
            throw ApiException.invalidField(FILE_PART, "The file needs a name");
        }
        if (!TextHygiene.isClean(name) || name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw ApiException.invalidField(FILE_PART, "The file name must not contain control characters");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.invalidField(FILE_PART, "The file name must be at most " + MAX_NAME + " characters");
        }
        return name;
    }

    private String contentType(MediaType given) {
        if (given == null) {
            throw ApiException.invalidField(FILE_PART, "The file part needs a Content-Type");
        }
        String type = (given.getType() + "/" + given.getSubtype()).toLowerCase(Locale.ROOT);
        if (!limits.contentTypes().contains(type)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Files of type " + type + " are not accepted; "
                    + "accepted: " + String.join(", ", limits.contentTypes()), List.of());
        }
        return type;
    }

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the limit of "
                + limits.maxSize().toBytes() + " bytes (" + limits.maxSize().toMegabytes() + " MB)", List.of());
    }
}
