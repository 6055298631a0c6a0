package io.coachwork.notification.template;

import java.util.regex.Pattern;

/**
 * Reasons events carry are either codes for clients ({@code cancelled_by_tutor}, {@code auto_end})
 * or sentences written for people; only the latter are shown to people.
 */
public final class Reasons {

    private static final Pattern CODE = Pattern.compile("[a-z0-9_]+");

    private Reasons() {
    }

    public static boolean readable(String reason) {
        return reason != null && !reason.isBlank() && !CODE.matcher(reason.trim()).matches();
    }
}
