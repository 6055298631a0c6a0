package io.coachwork.wallet.payment;

import io.coachwork.contracts.EventTypes;
import io.coachwork.contracts.teaching.TeachingSessionEvent;
import java.util.List;

/**
 * Which bookings of a teaching session earn the tutor their share, whatever paid for them (card or package
 * credit): those still BOOKED when the session completed, or when no student joined (the tutor was there,
 * so is paid). A session the tutor missed earns nothing (scheduling gives the students their money or
 * credit back), nor does any other event.
 */
public final class EarnedBookings {

    static final String STUDENTS_MISSED = "STUDENTS";
    static final String BOOKED = "BOOKED";

    private EarnedBookings() {
    }

    public static boolean mayEarn(String eventType) {
        return EventTypes.TEACHING_SESSION_COMPLETED.equals(eventType) || EventTypes.TEACHING_SESSION_NO_SHOW.equals(eventType);
    }

    /** The booking ids to pay for; {@code eventType} is one {@link #mayEarn} accepts. */
    public static List<String> of(String eventType, TeachingSessionEvent session) {
        boolean completed = EventTypes.TEACHING_SESSION_COMPLETED.equals(eventType);
        if ((!completed && !STUDENTS_MISSED.equals(session.noShow())) || session.participants() == null) {
            return List.of();
        }
        return session.participants().stream()
                .filter(p -> BOOKED.equals(p.status()) && p.bookingId() != null && !p.bookingId().isBlank())
                .map(TeachingSessionEvent.Participant::bookingId)
                .toList();
    }
}
