package odcm.persistence;

import java.time.Clock;
import java.util.function.Function;
import odcm.persistence.keys.KeyVault;
import odcm.persistence.keys.MasterKeyState;

/**
 * The local store: one H2 file, migrated by Flyway, held exclusively by one process.
 * Opening refuses (with a {@link odcm.model.Refusal} naming the store): a store in use by another process;
 * a store written by a newer schema version (left untouched); a file that is not an ODCM store.
 */
public final class Store implements AutoCloseable {

    public static Store open(StoreLocation location) {
        return open(location, Clock.systemUTC(), System.getProperty("user.name", "unknown"));
    }

    public static Store open(StoreLocation location, Clock clock, String osUser) {
        throw new UnsupportedOperationException("to be written");
    }

    public StoreLocation location() {
        throw new UnsupportedOperationException("to be written");
    }

    public String storeId() {
        throw new UnsupportedOperationException("to be written");
    }

    public Clock clock() {
        throw new UnsupportedOperationException("to be written");
    }

    public String osUser() {
        throw new UnsupportedOperationException("to be written");
    }

    public MasterKeyState masterKeyState() {
        throw new UnsupportedOperationException("to be written");
    }

    /** Seals and opens private keys; refuses with a clear sentence when the master key is missing or wrong. */
    public KeyVault keyVault() {
        throw new UnsupportedOperationException("to be written");
    }

    /** One transaction: all of {@code work} commits, or none of it (a thrown exception rolls back and is rethrown). */
    public <T> T write(Function<StoreTx, T> work) {
        throw new UnsupportedOperationException("to be written");
    }

    public <T> T read(Function<StoreTx, T> work) {
        throw new UnsupportedOperationException("to be written");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("to be written");
    }
}
