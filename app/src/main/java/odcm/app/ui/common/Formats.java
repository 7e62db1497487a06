package odcm.app.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;

/** How times and fingerprints read on screen: local time, and fingerprints short in tables. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    public static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at.atZone(ZoneId.systemDefault()));
    }

    /** For tables, where seconds only cost width. */
    public static String minutes(Instant at) {
        return at == null ? "" : MINUTES.format(at.atZone(ZoneId.systemDefault()));
    }

    public static String date(Instant at) {
        return at == null ? "" : DATE.format(at.atZone(ZoneId.systemDefault()));
    }

    /** The first four groups: enough to tell certificates apart in a list, not to check one. */
    public static String shortFingerprint(Fingerprint fp) {
        return fp.grouped().substring(0, 19) + " …";
    }

    /** Sixteen groups on two lines of eight, so a person can read it out group by group. */
    public static String fingerprintTwoLines(Fingerprint fp) {
        String g = fp.grouped();
        return g.substring(0, 39) + "\n" + g.substring(40);
    }

    /**
     * Why a certificate cannot be relied on at {@code now}: "Expired 2025-03-15" or "Not valid until 2026-01-01";
     * "" while it is valid (or when {@code now} is not known).
     */
    public static String validityProblem(CertificateInfo info, Instant now) {
        if (info == null || now == null || info.isValidAt(now)) {
            return "";
        }
        return now.isAfter(info.notAfter()) ? "Expired " + date(info.notAfter()) : "Not valid until " + minutes(info.notBefore());
    }
    /**
     * A lifecycle as a choice among others: its name and its phases in order, "Standard — Dev → Test → Prod", so two
     * lifecycles whose names look alike are told apart by what they do (names are unique in a space).
     */
    public static String lifecycle(odcm.model.lifecycle.Lifecycle l) {
        return l.name() + " — " + (l.phases().isEmpty() ? "no phases"
                : String.join(" → ", l.phases().stream().map(odcm.model.lifecycle.Phase::name).toList()));
    }
}
