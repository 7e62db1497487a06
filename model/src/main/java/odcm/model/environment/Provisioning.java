package odcm.model.environment;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One provisioning or de-provisioning of an instance, recorded once and never changed (the console records it, as it records
 * a deployment; it does not execute the process). {@code releaseId} and {@code release} (its version) are the release that triggered it, null when manual.
 */
public record Provisioning(long id, long environmentId, String environment, long templateId, Kind kind, Reason reason, Long releaseId, String release,
                           Process process, Map<String, String> parameters, Instant at, String by) {
    public enum Kind { PROVISION, DEPROVISION }

    /** Why: a person asked, its release reached the template's phase, went on to the next phase, or it went idle for its days. */
    public enum Reason {
        MANUAL("by hand"), PHASE("release reached its phase"), PROGRESSED("release went on to the next phase"), IDLE("no deployment for its days"),
        DECLINED("its imported release was declined");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The template's process: recorded as run, skipped by the person who de-provisioned, or none to run. */
    public enum Process {
        RUN, SKIPPED, NONE;

        /** None when the template has no such process, else recorded as run or skipped. */
        public static Process of(boolean hasProcess, boolean run) {
            return !hasProcess ? NONE : run ? RUN : SKIPPED;
        }

        /** "recorded as run": the console runs nothing, it records that the process was run (as it records deployments). */
        public String words() {
            return this == RUN ? "recorded as run" : name().toLowerCase(Locale.ROOT);
        }
    }

    public Provisioning {
        parameters = Map.copyOf(parameters);
    }

    /** "provisioned 2026-12-05 14:30 by alice (release reached its phase: 1.2.0)". */
    public String words() {
        return (kind == Kind.PROVISION ? "provisioned" : "de-provisioned") + " (" + reason.words() + (release == null ? "" : ": " + release)
                + "; process " + process.words() + ")";
    }
}
