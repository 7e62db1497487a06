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
        if (e.getCause() instanceof java.sql.SQLException sql && sql.getErrorCode() == 22001) {
            return new Refusal("A value is longer than the store can keep; shorten it and try again.", e);
        }
        return e;
    }
}
