package io.coachwork.notification.dispatch;

import io.coachwork.notification.template.Html;

/** Links into the web app, and the rule for which link a session notice carries. */
public record Links(String appBaseUrl) {

    public String session(long sessionId) {
        return appBaseUrl + "/coaching/sessions/" + sessionId;
    }

    /** Where a participant joins: the session's own call link when it has one, else its page in the app. */
    public String join(long sessionId, String viewLink) {
        return Html.isWebLink(viewLink) ? viewLink.trim() : session(sessionId);
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
