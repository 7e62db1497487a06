package odcm.model.space;

import java.time.Instant;
import odcm.model.cert.CertificateInfo;

/** A local or remote space with its current certificate. */
public record Space(long id, SpaceKind kind, String name, String description, Instant createdAt, CertificateInfo certificate,
                    long version) {
    public static final int MAX_DESCRIPTION = 2000;

    public boolean isLocal() {
        return kind == SpaceKind.LOCAL;
    }

    /** How the space is named in sentences: "local space 'DevTest Space'". */
    public String describe() {
        return kind.words() + " '" + name + "'";
    }

    public static String checkDescription(String description) {
        return odcm.model.Names.text("A description", description, MAX_DESCRIPTION);
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
