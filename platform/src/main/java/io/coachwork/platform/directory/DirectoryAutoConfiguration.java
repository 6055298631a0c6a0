package io.coachwork.platform.directory;

import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.MessagingAutoConfiguration;
import io.coachwork.platform.outbox.OutboxAutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/** The user directory, kept by every service with a database. */
@AutoConfiguration(after = {OutboxAutoConfiguration.class}, before = MessagingAutoConfiguration.class)
@ConditionalOnBean(DatabaseClient.class)
public class DirectoryAutoConfiguration {

    @Bean
    UserDirectory userDirectory(DatabaseClient db) {
        return new UserDirectory(db);
    }

    @Bean
    IdentityEventsHandler identityEventsHandler(UserDirectory directory, EventCodec codec, Clock clock) {
        return new IdentityEventsHandler(directory, codec, clock);
    }

    @Bean
    DirectoryClaimsFilter directoryClaimsFilter(UserDirectory directory, Clock clock) {
        return new DirectoryClaimsFilter(directory, clock);
    }
}
