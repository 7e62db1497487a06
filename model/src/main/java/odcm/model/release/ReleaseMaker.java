package odcm.model.release;

import java.time.Instant;

/** Who made a release here: created it (at the source) or imported the bundle it came in (docs/decisions/0043). */
public record ReleaseMaker(long releaseId, String madeBy, boolean imported, Instant madeAt) {
    /** "created" or "imported". */
    public String how() {
        return imported ? "imported" : "created";
    }
}
