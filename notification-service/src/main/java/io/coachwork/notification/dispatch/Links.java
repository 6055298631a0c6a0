package io.coachwork.notification.dispatch;

import io.coachwork.notification.template.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the web app, and the rule for which link a session notice carries. */
public record Links(String appBaseUrl) {

    public String session(long sessionId) {
        return appBaseUrl + "/coaching/sessions/" + sessionId;
    }

    /** Where a participant joins: the session's own call link when it has one, else its page in the app. */
    public String join(long sessionId, String viewLink) {
        return Html.isWebLink(viewLink) ? viewLink.trim() : session(sessionId);
    }

    /** A teaching session's page (seed 002); a booking without a session yet links to the student's bookings. */
    public String teachingSession(String sessionId) {
        return sessionId == null || sessionId.isBlank() ? myBookings()
                : appBaseUrl + "/teaching/sessions/" + URLEncoder.encode(sessionId.trim(), StandardCharsets.UTF_8);
    }

    public String myBookings() {
        return appBaseUrl + "/teaching/sessions/my";
    }

    /** Where a student pays a booking they hold (a waitlist offer). */
    public String booking(String bookingId) {
        return appBaseUrl + "/teaching/bookings/" + URLEncoder.encode(bookingId, StandardCharsets.UTF_8);
    }

    public String buyHours() {
        return appBaseUrl + "/tutor/coaching/hours";
    }

    public String wallet() {
        return appBaseUrl + "/tutor/wallet";
    }

    public String subscription() {
        return appBaseUrl + "/tutor/subscription";
    }
}
