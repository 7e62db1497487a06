package odcm.persistence;

import java.util.Locale;
import odcm.model.Refusal;
import org.jooq.exception.DataAccessException;

/**
 * The schema's constraints are the last line behind the rules callers check first; a violation that gets
 * this far still reaches the user as a sentence, not a stack trace.
 */
final class Constraints {
    private Constraints() {
    }

    static RuntimeException translate(DataAccessException e) {
        if (e.getCause() instanceof Refusal r) {
            return r;
        }
        String m = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        if (m.contains("UQ_SPACE_NAME_KEY")) {
            return new Refusal("There is already a space with that name; names are unique, ignoring case, across local and remote spaces.", e);
        }
        if (m.contains("UQ_CERTIFICATE_SHA256")) {
            return new Refusal("That certificate is already in this store, as the certificate of a space now or before.", e);
        }
        if (m.contains("FK_TRUST_TRUSTER") || m.contains("FK_TRUST_TRUSTED")) {
            return new Refusal("The space is still part of active trusts; revoke them before deleting it.", e);
        }
        if (m.contains("CK_TRUST_NOT_SELF")) {
            return new Refusal("A space cannot trust itself; choose another space to accept from.", e);
        }
        if (m.contains("ODCM_RELEASE_FROZEN")) {
            return new Refusal("A release and its snapshot cannot be changed or deleted once created: build once, deploy many.", e);
        }
        if (m.contains("ODCM_AUDIT_PERSON")) { // decision 0040: a team store's audit log names the login that writes it
            return new Refusal("The team store's audit log names the login that writes each entry, and only its administrator (the"
                    + " login owning its tables) may write another name, change or remove an entry: nothing was changed."
                    + " Copy a store into a team store as its administrator.", e);
        }
        // Decision 0042: a team store's database holds each change to the roles granted in its space, as the console does; it
        // refuses only what the console's own check let through (a role revoked a moment ago, or plain SQL).
        if (m.contains("ROW-LEVEL SECURITY POLICY") || m.contains("ODCM_SCOPES_ONLY") || m.contains("ODCM_PROVISION_ONLY")
                || m.contains("ODCM_TEMPLATE_STAYS")) {
            return new Refusal("The team store's database refused this change, as the roles its person holds do not permit it"
                    + " (perhaps one was revoked a moment ago): nothing was changed.", e);
        }
        if (m.contains("ODCM_LAST_ADMINISTRATOR")) {
            return new Refusal("A space keeps at least one administrator who is a person, so the team store's database refused to"
                    + " remove its last one: grant the administrator role to another person first; nothing was changed.", e);
        }
        if (m.contains("ODCM_REMOTE_ORIGIN")) {
            return new Refusal("A remote project builds nothing: its releases come only from its source space, through an imported bundle,"
                    + " and the space it was imported from never changes.", e);
        }
        if (m.contains("UQ_ENVIRONMENT_NAME_KEY")) {
            return new Refusal("That space already has an environment with that name; names are unique in a space, ignoring case.", e);
        }
        if (m.contains("UQ_REMOTE_ENVIRONMENT_NAME_KEY")) {
            return new Refusal("That space already has that remote environment.", e);
        }
        if (m.contains("UQ_LIFECYCLE_NAME_KEY")) {
            return new Refusal("That space already has a lifecycle with that name; names are unique in a space, ignoring case.", e);
        }
        if (m.contains("UQ_PROJECT_NAME_KEY")) {
            return new Refusal("That space already has a project with that name; names are unique in a space, ignoring case.", e);
        }
        if (m.contains("FK_PROJECT_SOURCE_SPACE")) {
            return new Refusal("Projects imported from this space still name it as their source; it cannot be removed while they exist.", e);
        }
        if (m.contains("UQ_RELEASE_VERSION_KEY") || m.contains("UQ_RELEASE_VERSION_REVISION")) {
            return new Refusal("That version is already used by a release of the project; a version is used once.", e);
        }
        if (m.contains("UQ_ENVIRONMENT_TEMPLATE_NAME_KEY")) {
            return new Refusal("That space already has an environment template with that name (its own or a remote one); names are unique"
                    + " in a space, ignoring case.", e);
        }
        if (m.contains("FK_ENVIRONMENT_TEMPLATE_OWNER") || m.contains("FK_ENVIRONMENT_TEMPLATE_SOURCE")) {
            return new Refusal("Environment templates of other spaces still name this space (remote templates of it, or templates its"
                    + " bundles made); delete them before the space.", e);
        }
        if (m.contains("FK_REMOTE_ENVIRONMENT_OWNER")) {
            return new Refusal("Other spaces still keep remote environments of this space; delete them before the space.", e);
        }
        if (m.contains("FK_PHASE_MEMBER_TARGET_SPACE")) {
            return new Refusal("Lifecycles still promote to this space; change them before deleting the space.", e);
        }
        if (m.contains("FK_PHASE_MEMBER_ENVIRONMENT") || m.contains("FK_PHASE_MEMBER_REMOTE_ENVIRONMENT")) {
            return new Refusal("Lifecycle phases still hold that environment; remove it from them first.", e);
        }
        if (m.contains("FK_PROJECT_SPACE") || m.contains("FK_PROJECT_LIFECYCLE")) {
            return new Refusal("Projects still use it; delete or change those projects first.", e);
        }
        if (m.contains("FK_RELEASE_PROJECT")) {
            return new Refusal("The project has releases, which are frozen; a project with releases cannot be deleted.", e);
        }
        if (m.contains("FK_BUNDLE_OUTBOX_TARGET") || m.contains("FK_BUNDLE_ACCEPTED_SOURCE") || m.contains("FK_BUNDLE_OUTBOX_SPACE")
                || m.contains("FK_BUNDLE_ACCEPTED_SPACE")) {
            return new Refusal("Release bundles were exchanged with this space, and that record is kept; the space cannot be deleted.", e);
        }
        if (m.contains("UQ_BUNDLE_OUTBOX_SEQUENCE") || m.contains("UQ_BUNDLE_ACCEPTED_SEQUENCE") || m.contains("BUNDLE_ACCEPTED_PK")
                || m.contains("PRIMARY KEY ON PUBLIC.BUNDLE")) {
            return new Refusal("Another bundle with the same id or sequence number was recorded at the same time; nothing was changed. Try again.", e);
        }
        if (m.contains("FK_RECEIPT_OUTBOX_FOR") || m.contains("FK_RECEIPT_ACCEPTED_REPORTER") || m.contains("FK_REMOTE_DEPLOYMENT_REPORTER")
                || m.contains("FK_RECEIPT_OUTBOX_SPACE") || m.contains("FK_RECEIPT_ACCEPTED_SPACE") || m.contains("FK_REMOTE_DEPLOYMENT_SPACE")) {
            return new Refusal("Deployment receipts were exchanged with this space, and that record is kept; the space cannot be deleted.", e);
        }
        if (m.contains("FK_DEPLOYMENT_ENVIRONMENT")) {
            return new Refusal("Deployments were recorded to that environment, and they are kept; it cannot be deleted.", e);
        }
        if (e.getCause() instanceof java.sql.SQLException sql && sql.getErrorCode() == 90097) {
            return new Refusal("The store is read-only (its file cannot be written); nothing was changed.", e);
        }
        if (e.getCause() instanceof java.sql.SQLException sql && sql.getErrorCode() == 22001) {
            return new Refusal("A value is longer than the store can keep; shorten it and try again.", e);
        }
        return e;
    }
}
