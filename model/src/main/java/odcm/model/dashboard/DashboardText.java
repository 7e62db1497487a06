package odcm.model.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The short words the dashboard uses in text, the console and the graph alike: ages, markers, times. */
public final class DashboardText {
    public static final String SUCCEEDED = "✓";
    public static final String FAILED = "✗";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private DashboardText() {
    }

    /** "now" under a minute, then "5m", "2h", "3d", "7w", "2y": the largest whole unit. */
    public static String age(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "now";
        }
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = d.toHours();
        if (hours < 24) {
            return hours + "h";
        }
        long days = d.toDays();
        if (days < 14) {
            return days + "d";
        }
        return days < 730 ? days / 7 + "w" : days / 365 + "y";
    }

    public static String marker(boolean succeeded) {
        return succeeded ? SUCCEEDED : FAILED;
    }

    /** "1.2.0 ✓ 3d". */
    public static String cell(Dashboard.Cell c, Instant asOf) {
        return c.release() + " " + marker(c.succeeded()) + " " + age(c.age(asOf));
    }

    /** "2026-11-20 10:00" in {@code zone}. */
    public static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }
}
