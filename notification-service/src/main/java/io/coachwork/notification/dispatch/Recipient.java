package io.coachwork.notification.dispatch;

import io.coachwork.notification.template.LocalTimes;
import io.coachwork.platform.directory.DirectoryUser;
import java.time.ZoneId;

/** A person as far as the directory knows them; unknown people get UTC and no email. */
public record Recipient(long userId, String name, String email, ZoneId zone) {

    public static Recipient of(long userId, DirectoryUser user) {
        if (user == null) {
            return new Recipient(userId, null, null, LocalTimes.DEFAULT_ZONE);
        }
        return new Recipient(userId, user.name(), user.email(), LocalTimes.zone(user.timeZone()));
    }

    public boolean hasEmail() {
        return email != null && email.indexOf('@') > 0 && !email.isBlank();
    }
}
