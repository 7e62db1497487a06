package odcm.model.release;

import java.time.Instant;
import odcm.model.Refusal;

/** A version of a project, with notes and channel, and its frozen snapshot. Immutable once created. */
public record Release(long id, long projectId, String projectName, String version, String notes, String channel, Instant createdAt,
                      ReleaseSnapshot snapshot) {

    /** Versions like 1.0.0, 2024.3.1-rc.2, 1.4.0+build.7: letters, digits, '.', '-', '+', '_'. */
    public static String checkVersion(String version) {
        String v = version == null ? "" : version.strip();
        if (v.isEmpty()) {
            throw new Refusal("A release needs a version, such as 1.0.0.");
        }
        if (v.length() > 50 || !v.matches("[A-Za-z0-9][A-Za-z0-9._+\\-]*")) {
            throw new Refusal("A release version uses letters, digits, '.', '-', '+' and '_' (at most 50, starting with a letter or digit); '"
                    + v + "' does not.");
        }
        return v;
    }
}
