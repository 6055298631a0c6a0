package io.coachwork.notification.template;

/** Lengths of time as people read them, to the nearest minute: {@code 45 min}, {@code 1 h 05 min}, {@code 2 h}. */
public final class Durations {

    private Durations() {
    }

    public static String format(long seconds) {
        long minutes = Math.max(0, (seconds + 30) / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? hours + " h" : hours + " h " + String.format("%02d", rest) + " min";
    }
}
