package io.coachwork.session.teaching.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Files in a local directory (the default; one replica, or a shared volume). An upload is written
 * to a temporary file beside its target and moved into place only once complete and within the
 * limit, so a failed or oversize upload leaves nothing behind.
 */
public class LocalFileStorage implements FileStorage {

    private static final int CHUNK = 64 * 1024;

    private final Path root;

    public LocalFileStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the teaching files directory " + this.root, e);
        }
    }

    @Override
    public Mono<Long> store(String key, Flux<DataBuffer> content, long maxBytes) {
        Path target = resolve(key);
        Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        AtomicLong size = new AtomicLong();
        Flux<DataBuffer> limited = content.map(buffer -> {
            if (size.addAndGet(buffer.readableByteCount()) > maxBytes) {
                DataBufferUtils.release(buffer);
                throw new FileTooLarge(maxBytes);
            }
            return buffer;
        });
        return Mono.fromCallable(() -> Files.createDirectories(target.getParent())).subscribeOn(Schedulers.boundedElastic())
                .then(DataBufferUtils.write(limited, temp))
                .then(Mono.fromCallable(() -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE))
                        .subscribeOn(Schedulers.boundedElastic()))
                .then(Mono.fromSupplier(size::get))
                .onErrorResume(e -> Mono.fromCallable(() -> Files.deleteIfExists(temp))
                        .subscribeOn(Schedulers.boundedElastic()).then(Mono.error(e)));
    }

    @Override
    public Flux<DataBuffer> read(String key) {
        return DataBufferUtils.read(resolve(key), DefaultDataBufferFactory.sharedInstance, CHUNK);
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.fromCallable(() -> Files.deleteIfExists(resolve(key))).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Where a key's bytes are. */
    Path path(String key) {
        return resolve(key);
    }

    /** Keys are made of UUIDs by the caller; this refuses anything that would leave the root all the same. */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("storage key outside the files directory: " + key);
        }
        return path;
    }
}
