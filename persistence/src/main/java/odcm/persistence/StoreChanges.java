package odcm.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Changes other consoles make to a team store, as they commit (decision 0037). Every change that appends to the audit
 * log also sends a PostgreSQL notification, in its own transaction (so it is delivered at its commit and never for a
 * change rolled back): the numbers of its first and last audit entries and the token of the store that made it. A console listens on a
 * connection of its own, on a daemon thread, and is told the entries of each change of another store;
 * what changed, and who, it reads from the audit log itself (the notification's words are not trusted for that).
 * An embedded store has no other writer, so nothing to watch.
 */
public final class StoreChanges implements AutoCloseable {
    /** The channel of every store's database: one store per database, so one channel is enough. */
    static final String CHANNEL = "odcm_changes";
    /** How long the listener waits for a notification before it looks whether it was closed. */
    private static final int POLL_MILLIS = 500;
    /** How long it waits before it connects again after the server went away. */
    private static final long RETRY_MILLIS = 3_000;
    /** After how long without a word from the server the listener asks whether it is still there (a test makes it shorter). */
    static volatile long probeMillis = 30_000;
    /** How long the server has to answer that question (the driver may wait twice as long before it says no; a test makes it shorter). */
    static volatile int probeSeconds = 5;

    private final ServerAddress server;
    private final String ownToken;
    private final Consumer<Change> changed;
    private final Consumer<String> lost;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private StoreChanges(ServerAddress server, String ownToken, Consumer<Change> changed, Consumer<String> lost) {
        this.server = server;
        this.ownToken = ownToken;
        this.changed = changed;
        this.lost = lost;
        this.thread = new Thread(this::listen, "odcm-store-changes");
        thread.setDaemon(true);
    }

    /**
     * Starts listening for changes other stores (consoles, commands) make to this team store: {@code changed} is called on
     * the listener's thread with the audit entries of each such change; {@code lost} with a sentence when
     * the server can no longer be reached (the listener tries again every few seconds), and with null once it is back,
     * followed by a change, since any number of changes may have been missed. Empty for an embedded store.
     */
    public static Optional<StoreChanges> watch(Store store, Consumer<Change> changed, Consumer<String> lost) {
        if (!store.location().onServer()) {
            return Optional.empty();
        }
        StoreChanges watcher = new StoreChanges(store.location().server(), store.changeToken(), changed, lost);
        watcher.thread.start();
        return Optional.of(watcher);
    }

    /**
     * In the transaction of a change of a team store that appended entries {@code first} to {@code last}: tells the
     * listeners at its commit.
     */
    static void announce(DSLContext tx, String token, long first, long last) {
        tx.fetch("SELECT pg_notify(?, ?)", CHANNEL, token + " " + first + " " + last);
    }

    /** The audit entries of one change of another store: {@code first} to {@code last}. */
    public record Change(long first, long last) {
        /** Not one change: whatever happened while the listener was away (from the start of the log to its end). */
        public static final Change UNKNOWN = new Change(1, Long.MAX_VALUE);

        public boolean holds(long seq) {
            return seq >= first && seq <= last;
        }
    }

    private void listen() {
        boolean missed = false;
        while (!closed) {
            try (Connection c = server.connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (missed) {
                    lost.accept(null);
                    changed.accept(Change.UNKNOWN); // whatever happened while away
                    missed = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                long heard = System.nanoTime();
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null && notes.length > 0) {
                        othersChange(notes).ifPresent(changed);
                        heard = System.nanoTime();
                    } else if (System.nanoTime() - heard > probeMillis * 1_000_000L) {
                        // A network cut sends nothing: a poll sees no notification and no error. Ask the server.
                        int seconds = probeSeconds;
                        if (!c.isValid(seconds)) {
                            throw new SQLException("the server did not answer for " + (2 * seconds) + " s", "08006");
                        }
                        heard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!missed) {
                    lost.accept("Changes of others are not shown while " + server + " cannot be reached (" + e.getMessage() + ").");
                }
                missed = true;
                pause();
            } finally {
                connection = null;
            }
        }
    }

    /**
     * What the notifications that arrived together tell, as one look at the log: anyone who can connect may send
     * thousands at once, and each would be a task for the console. The entries of all others' changes among them
     * (first to last), or unknown ones; empty when all are this store's own.
     */
    private Optional<Change> othersChange(PGNotification[] notes) {
        long first = Long.MAX_VALUE;
        long last = 0;
        for (PGNotification n : notes) {
            Optional<Change> c = othersChange(n.getParameter());
            if (c.isPresent()) {
                first = Math.min(first, c.get().first());
                last = Math.max(last, c.get().last());
            }
        }
        return last == 0 ? Optional.empty() : Optional.of(new Change(first, last));
    }

    /**
     * The change a notification names, unless this store made it. The words are not trusted for more than that: what
     * changed is read from the audit log. Someone's own NOTIFY on the channel is a change of unknown entries.
     */
    private Optional<Change> othersChange(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length == 3 && parts[0].equals(ownToken)) {
            return Optional.empty();
        }
        try {
            Change c = new Change(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            return Optional.of(parts.length == 3 && c.first() > 0 && c.first() <= c.last() ? c : Change.UNKNOWN);
        } catch (RuntimeException e) {
            return Optional.of(Change.UNKNOWN);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            closed = true;
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening and closes its connection; called by the console when it closes its store. */
    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway: the listener's thread ends with it
            }
        }
        thread.interrupt();
    }
}
