package io.coachwork.session.teaching.files;

import io.coachwork.session.teaching.TeachingProperties;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, R2, ...). The blocking SDK runs on
 * {@code boundedElastic}. An upload is spooled to a local temporary file first, counted against its
 * limit, then put with its exact length; nothing reaches the bucket for an oversize upload.
 */
public class S3FileStorage implements FileStorage, AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final LocalFileStorage spool;

    public S3FileStorage(S3Client s3, String bucket, Path spoolDirectory) {
        this.s3 = s3;
        this.bucket = bucket;
        this.spool = new LocalFileStorage(spoolDirectory);
    }

    /** A client for the configured bucket: static keys when given, else the SDK's default chain. */
    public static S3FileStorage of(TeachingProperties.S3 config, Path spoolDirectory) {
        if (!StringUtils.hasText(config.bucket())) {
            throw new IllegalStateException("coachwork.teaching.files.s3.bucket is required when storage is s3");
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(StringUtils.hasText(config.region()) ? config.region() : "us-east-1"))
                .forcePathStyle(config.pathStyle());
        if (StringUtils.hasText(config.endpoint())) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        builder.credentialsProvider(StringUtils.hasText(config.accessKey())
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()))
                : DefaultCredentialsProvider.builder().build());
        return new S3FileStorage(builder.build(), config.bucket(), spoolDirectory);
    }

    @Override
    public Mono<Long> store(String key, Flux<DataBuffer> content, long maxBytes) {
        String spooled = "spool/" + key;
        return spool.store(spooled, content, maxBytes)
                .flatMap(size -> Mono.fromCallable(() -> {
                    s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(spoolPath(spooled)));
                    return size;
                }).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(size -> spool.delete(spooled).thenReturn(size))
                .onErrorResume(e -> spool.delete(spooled).then(Mono.error(e)));
    }

    @Override
    public Flux<DataBuffer> read(String key) {
        return DataBufferUtils.readInputStream(() -> s3.getObject(b -> b.bucket(bucket).key(key)),
                DefaultDataBufferFactory.sharedInstance, CHUNK).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> delete(String key) {
        return Mono.fromRunnable(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)))
                .subscribeOn(Schedulers.boundedElastic()).then();
    }

    private Path spoolPath(String spooled) {
        return spool.path(spooled);
    }

    @Override
    public void close() {
        s3.close();
    }
}
