package io.coachwork.session.teaching.files;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where teaching-session files' bytes live, by key. The local directory is the default; an
 * S3-compatible bucket is the production option ({@code coachwork.teaching.files.storage=s3}).
 */
public interface FileStorage {

    /**
     * Stores {@code content} under {@code key} and returns its size; fails with {@link FileTooLarge}
     * (keeping nothing) as soon as it exceeds {@code maxBytes}.
     */
    Mono<Long> store(String key, Flux<DataBuffer> content, long maxBytes);

    /** The stored bytes; an error when the key holds nothing. */
    Flux<DataBuffer> read(String key);

    /** Removes the bytes; removing a missing key is not an error. */
    Mono<Void> delete(String key);

    /** Thrown when an upload exceeds its limit. */
    final class FileTooLarge extends RuntimeException {

        public FileTooLarge(long maxBytes) {
            super("file exceeds " + maxBytes + " bytes", null, false, false);
        }
    }
}
