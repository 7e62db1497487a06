package odcm.model.role;

import java.util.Locale;
import odcm.model.Refusal;

/**
 * The roles a person holds in a local space (docs/decisions/0041). What each one permits is written once, in
 * {@link Action}; a viewer permits nothing to change, only to read, as everyone may so far.
 */
public enum Role {
    ADMINISTRATOR("administrator", "the space, its environments, certificates, remote spaces, trusts, approval rule and roles"),
    RELEASE_MANAGER("release manager", "projects, lifecycles, releases, promotion (bundles and receipts out)"),
    APPROVER("approver", "approving or rejecting releases"),
    IMPORTER("importer", "importing release bundles and deployment receipts"),
    DEPLOYER("deployer", "recording deployments to its environment (or to every environment of the space)"),
    VIEWER("viewer", "reading only (auditors)");

    private final String words;
    private final String permits;

    Role(String words, String permits) {
        this.words = words;
        this.permits = permits;
    }

    /** "release manager". */
    public String words() {
        return words;
    }

    /** What the role lets its holder do, for the roles screen and {@code odcm role list}. */
    public String permits() {
        return permits;
    }

    /** The word the command line takes: {@code release-manager}. */
    public String cliName() {
        return words.replace(' ', '-');
    }

    public static Role parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        for (Role r : values()) {
            if (t.equals(r.words)) {
                return r;
            }
        }
        if (t.equals("auditor")) {
            return VIEWER;
        }
        throw new Refusal("There is no role '" + text + "'; the roles are administrator, release-manager, approver, importer, deployer"
                + " and viewer (auditor).");
    }

    @Override
    public String toString() {
        return words;
    }
}
