package io.coachwork.platform.directory;

import io.coachwork.platform.messaging.EventCodec;
import io.coachwork.platform.messaging.MessagingAutoConfiguration;
import io.coachwork.platform.outbox.OutboxAutoConfiguration;
import io.coachwork.platform.security.JwtProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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
    RoleRevocations roleRevocations(DatabaseClient db) {
        return new RoleRevocations(db);
    }

    /** Also the security chain's {@link io.coachwork.platform.security.RoleRevocationCheck}. */
    @Bean
    RevokedRolesSnapshot revokedRolesSnapshot(RoleRevocations revocations, JwtProperties jwt,
                                              @Value("${coachwork.security.revocations.refresh-period:5s}") Duration refreshPeriod) {
        return new RevokedRolesSnapshot(revocations, jwt.maxLifetime(), jwt.clockSkew(), refreshPeriod, Clock.systemUTC());
    }

    @Bean
    IdentityEventsHandler identityEventsHandler(UserDirectory directory, RoleRevocations revocations,
                                                RevokedRolesSnapshot snapshot, EventCodec codec, Clock clock) {
        return new IdentityEventsHandler(directory, revocations, snapshot, codec, clock);
    }

    @Bean
    DirectoryClaimsFilter directoryClaimsFilter(UserDirectory directory, Clock clock) {
        return new DirectoryClaimsFilter(directory, clock);
    }
}
