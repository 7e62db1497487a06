package odcm.persistence.release;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * An H2 trigger on the release table, before UPDATE and DELETE: a release and its snapshot are frozen at
 * creation, so the store itself refuses to change them, whoever asks (this console, a SQL console, a script).
 */
public final class FrozenRelease implements Trigger {
    /** Part of the message, so the store can turn the failure into a sentence. */
    public static final String MARKER = "ODCM_RELEASE_FROZEN";

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(MARKER + ": a release and its snapshot cannot be changed or deleted once created", "27000");
    }
}
