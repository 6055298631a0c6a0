package io.coachwork.session.teaching.files;

import io.coachwork.session.teaching.TeachingProperties;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file storage {@code coachwork.teaching.files.storage} names: {@code local} (default) or {@code s3}. */
@Configuration(proxyBeanMethods = false)
public class FileStorageConfiguration {

    @Bean
    FileStorage teachingFileStorage(TeachingProperties properties) {
        TeachingProperties.Files files = properties.files();
        Path local = Path.of(files.localDirectory());
        return switch (files.storage()) {
            case "local" -> new LocalFileStorage(local);
            case "s3" -> S3FileStorage.of(files.s3(), local);
            default -> throw new IllegalStateException("coachwork.teaching.files.storage must be local or s3, not "
                    + files.storage());
        };
    }
}
