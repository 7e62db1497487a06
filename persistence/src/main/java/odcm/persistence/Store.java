package odcm.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import odcm.model.role.Person;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditKey;
import odcm.model.audit.AuditVerification;
import odcm.model.Secret;
import odcm.persistence.approval.ApprovalRepository;
import odcm.persistence.approval.JooqApprovalRepository;
import odcm.persistence.audit.AuditLog;
import odcm.persistence.bundle.BundleRepository;
import odcm.persistence.bundle.JooqBundleRepository;
import odcm.persistence.receipt.JooqReceiptRepository;
import odcm.persistence.receipt.ReceiptRepository;
import odcm.persistence.audit.AuditSeal;
import odcm.persistence.audit.JooqAuditLog;
import odcm.persistence.deployment.DeploymentRepository;
import odcm.persistence.deployment.JooqDeploymentRepository;
import odcm.persistence.environment.EnvironmentRepository;
import odcm.persistence.environment.JooqEnvironmentRepository;
import odcm.persistence.lifecycle.JooqLifecycleRepository;
import odcm.persistence.lifecycle.LifecycleRepository;
import odcm.persistence.project.JooqProjectRepository;
import odcm.persistence.project.ProjectRepository;
import odcm.persistence.release.JooqReleaseRepository;
import odcm.persistence.release.ReleaseRepository;
import odcm.persistence.role.RoleRepository;
import odcm.persistence.jooq.tables.records.StoreInfoRecord;
import odcm.persistence.keys.AesGcmKeyVault;
import odcm.persistence.keys.KeyVault;
import odcm.persistence.keys.MasterKeyFile;
import odcm.persistence.keys.MasterKeyState;
import odcm.persistence.space.JooqSpaceRepository;
import odcm.persistence.space.SpaceRepository;
import odcm.persistence.trust.JooqTrustRepository;
import odcm.persistence.trust.TrustRepository;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import static odcm.persistence.jooq.Tables.STORE_INFO;

/**
 * The local store: one H2 file, migrated by Flyway, held exclusively by one process.
 * Opening refuses (with a {@link odcm.model.Refusal} naming the store): a store in use by another process;
 * a store written by a newer schema version (left untouched); a file that is not an ODCM store.
 *
 * <p>One JDBC connection, and every unit of work synchronized on the store: a single-user desktop app gains
 * nothing from a pool, and serialized writes make the audit chain's "last entry + 1" safe.
 */
public final class Store implements AutoCloseable {
    /** The newest migration in db/migration; a test keeps the two in step. */
    static final String SCHEMA_VERSION = "31";
    static final String USER = "sa";
    static final String PASSWORD = "";
    /** What a missing or wrong master key means, said the same way everywhere. */
    public static final String KEY_CONSEQUENCE = " Spaces, trusts and history can be read, but nothing can be changed and the private keys of local spaces cannot be used until the key file is restored from backup.";
    private static final byte[] KEY_CHECK = "ODCM master key check v1".getBytes(StandardCharsets.US_ASCII);
    /**
     * The check value of a store whose releases are all sealed (decision 0034): a store made since seals exist, or one
     * whose earlier releases were sealed once. Only the master key can write it, so it cannot be put back to v1 unseen.
     */
    private static final byte[] KEY_CHECK_SEALED = "ODCM master key check v2: releases sealed".getBytes(StandardCharsets.US_ASCII);
    /**
     * The check value of a store whose trusts and certificates are sealed too (decision 0038): made since V15, or sealed once
     * on upgrade. It implies v2: a store is only ever moved on from v2 (or from v1, after its releases' step).
     */
    private static final byte[] KEY_CHECK_ROWS_SEALED = "ODCM master key check v3: releases, trusts and certificates sealed".getBytes(StandardCharsets.US_ASCII);
    /**
     * The check value of a store whose accepted bundles and receipts, reserved sequences, approvals and deployments are
     * sealed too (decision 0039): made since V16, or sealed once on upgrade. It implies v3.
     */
    private static final byte[] KEY_CHECK_RECORDS_SEALED = "ODCM master key check v4: releases, trusts, certificates and records sealed"
            .getBytes(StandardCharsets.US_ASCII);
    /** The audit action that records the one sealing of the records made before V16 (decision 0039). */
    static final String RECORDS_SEALED = "store.records-sealed";
    /** The audit action that records the one sealing of the releases frozen before seals existed. */
    static final String RELEASES_SEALED = "store.releases-sealed";
    /** The audit action that records the one sealing of the trusts and certificates made before V15 (decision 0038). */
    static final String ROWS_SEALED = "store.rows-sealed";
    /** The key of trusts' and certificates' seals is HMAC-SHA256(master key, this label). */
    private static final String ROW_SEAL_LABEL = "odcm row seal v1";
    /** The key of releases' seals is HMAC-SHA256(master key, this label). */
    private static final String RELEASE_SEAL_LABEL = "odcm release seal v1";
    // Held strongly: java.util.logging forgets levels set on loggers nobody references.
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");
    /** The details of a failure, for the app's log file (see FileProblems). */
    private static final Logger STORE_LOG = Logger.getLogger("odcm.store");

    static {
        // Before the first DSL use: no banner or tips on a user's terminal.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // Flyway's progress lines and its "H2 newer than verified" warning are for developers, not for a user's
        // terminal; its failures still reach the user, as refusals. (The app's --verbose may have asked for them.)
        if (FLYWAY_LOG.getLevel() == null) {
            FLYWAY_LOG.setLevel(Level.SEVERE);
        }
        // jOOQ's INFO (its version line on each open) likewise, where nothing set its level (the app's log does).
        if (JOOQ_LOG.getLevel() == null) {
            JOOQ_LOG.setLevel(Level.WARNING);
        }
    }

    /** Every store open in this process, for {@link #stopAll()}. */
    private static final java.util.Set<Store> OPEN = new CopyOnWriteArraySet<>();
    /** Whether any store of this process committed a change (what a stop can honestly say). */
    private static volatile boolean anyCommitted;

    private final StoreLocation location;
    private final Clock clock;
    private final String osUser;
    /** Who acts: on a team store the login the server authenticated, read once on open; else this computer's user. */
    private Person person;
    private final StoreLock lock;
    /** The store's one connection; a team store's is made again after it was lost (see {@link #reconnect()}). */
    private Connection connection;
    private DSLContext dsl;
    /** A team store's connection broke (server restarted, network): the next unit of work connects again first. */
    private boolean connectionLost;
    /** The write in progress has done its work and is being committed: a connection lost now leaves its outcome unknown. */
    private boolean committing;
    private final String storeId;
    /** Made when first needed (a team store's first change or watcher): a random UUID costs a little at start. */
    private String changeToken;
    /**
     * A team store: the audit entries of the changes this opened store committed (first to last), so a console never names
     * its own changes as others' (read from any thread, without the store's lock).
     */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> madeHere = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final MasterKeyState masterKeyState;
    private final AesGcmKeyVault vault;
    /** The audit key and head file of the open store (set when it is attached). */
    private AuditSeal auditSeal;
    /** The key of releases' seals (decision 0034), derived from the master key; null without it. */
    private AuditKey releaseSealKey;
    /** Its master-key check is still v1: releases frozen before seals existed may be without one (decision 0034). */
    private boolean releasesUnsealed;
    /** The key of trusts' and certificates' seals (decision 0038), derived from the master key; null without it. */
    private AuditKey rowSealKey;
    /** Its master-key check is below v3: trusts and certificates made before V15 may be without a seal (decision 0038). */
    private boolean rowsUnsealed;
    /** Whether the records of decision 0039 (accepted files, reserved sequences, approvals, deployments) may lack a seal. */
    private boolean recordsUnsealed;
    /** Said on every start while the store does not reach its audit head (see {@link #auditWarning()}). */
    private String auditWarning;
    private boolean closed;
    /** Opened for reading only ({@link #openForReading}): on a read-only connection, so no write is tried. */
    private boolean readOnly;
    /**
     * Held from the end of a write's work until its commit and audit head are done, so a stop either waits for a commit
     * or prevents it, never cuts one in half.
     */
    private final ReentrantLock commitGate = new ReentrantLock();
    /** Set by {@link #stop()}: no write commits any more. */
    private volatile boolean stopping;
    /** The transaction of the write in progress, if any (guarded by this store's lock, like every use of it). */
    private DSLContext current;
    /** How far this process verified the audit log for the freshness of trusts and certificates (decision 0038, "Freshness"). */
    private final RowFreshness rowFreshness = new RowFreshness(this);
    /** The write in progress changed trusts or certificates: their state is recorded in the audit log before its commit. */
    private boolean rowsChanged;

    private Store(StoreLocation location, Clock clock, String osUser, StoreLock lock, Connection connection, DSLContext dsl,
                  String storeId, MasterKeyState masterKeyState, AesGcmKeyVault vault) {
        this.location = location;
        this.clock = clock;
        this.osUser = osUser;
        this.person = Person.embedded(osUser);
        this.lock = lock;
        this.connection = connection;
        this.dsl = dsl;
        this.storeId = storeId;
        this.masterKeyState = masterKeyState;
        this.vault = vault;
    }

    public static Store open(StoreLocation location) {
        return open(location, Clock.systemUTC(), System.getProperty("user.name", "unknown"));
    }

    public static Store open(StoreLocation location, Clock clock, String osUser) {
        return open(location, clock, osUser, false);
    }

    /**
     * Opens the store for a command that only reads, the light way: when the store is current and was last opened in
     * this folder (nothing to migrate, adopt or record), its one read-only connection serves the whole command, and
     * no write is possible ({@link #write} refuses). Otherwise it is opened as for a change, with every step of
     * {@link #open(StoreLocation)}. The lock, the master key and the audit head are checked the same either way.
     */
    public static Store openForReading(StoreLocation location) {
        return open(location, Clock.systemUTC(), System.getProperty("user.name", "unknown"), true);
    }

    private static Store open(StoreLocation location, Clock clock, String osUser, boolean reading) {
        if (location.onServer()) {
            return openOnServer(location, clock, osUser);
        }
        try {
            Files.createDirectories(location.storeDir());
        } catch (IOException e) {
            throw new Refusal("The store folder " + location.storeDir() + " cannot be created (" + FileProblems.describe(e) + ").", e);
        }
        StoreLock lock = StoreLock.acquire(location.storeDir());
        Connection connection = null;
        try {
            boolean created = !Files.exists(location.databaseFile());
            if (created) {
                createNew(location, clock);
            }
            Thread jooq = startJooq();
            boolean readOnly = false;
            if (created) {
                // made just now by this build, under this lock: nothing to probe or migrate (each H2 open replays the schema)
                connection = connect(location);
            } else {
                connection = StoreProbe.connect(location);
                boolean current = StoreProbe.check(location, connection);
                readOnly = reading && current && location.storeDir().toString().equals(readLocation(location));
                if (!readOnly) {
                    closeQuietly(connection);
                    connection = null;
                    if (!current) {
                        migrate(location);
                    }
                    connection = connect(location);
                }
            }
            awaitJooq(jooq);
            DSLContext dsl = dsl(connection);
            Store store = dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                StoreInfoRecord info = tx.selectFrom(STORE_INFO).fetchOne();
                return info == null ? null : existing(location, clock, osUser, lock, info);
            });
            if (store == null) {
                throw new Refusal("The file " + location.databaseFile() + " is not an ODCM store (it has no store identity); it was not changed.");
            }
            Store attached = store.attach(connection, dsl, readOnly);
            attached.arrive();
            return attached;
        } catch (RuntimeException | SQLException e) {
            closeQuietly(connection);
            lock.release();
            if (e instanceof Refusal r) {
                throw r;
            }
            if (e instanceof DataAccessException d && d.getCause() instanceof Refusal r) {
                throw r;
            }
            throw FileProblems.storeFailure(e, location.storeDir()).orElseGet(() -> {
                Refusal r = new Refusal("The store at " + location.storeDir() + " could not be opened: H2 could not read its file, which may be"
                        + " damaged; nothing was changed, and the details are in the log file.", e);
                STORE_LOG.log(Level.SEVERE, r.getMessage(), e);
                return r;
            });
        }
    }

    /**
     * A team store on a PostgreSQL server (docs/decisions/0035): no file lock, since many consoles share it; the schema
     * brought up to date by Flyway (which serialises concurrent migrations itself); a new, empty database made a store
     * by the first console that opens it, with its master key made on that machine.
     */
    private static Store openOnServer(StoreLocation location, Clock clock, String osUser) {
        Connection connection = null;
        try {
            Files.createDirectories(location.storeDir());
            connection = connect(location);
            if (!StoreProbe.serverIsCurrent(connection)) {
                StoreProbe.checkNotNewer(location, serverFlyway(location.server())); // refused before Flyway would touch it
                migrate(location); // Flyway, slow to start, only when there is something to do
            }
            DSLContext dsl = dsl(connection, SQLDialect.POSTGRES);
            Store store = dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                serialise(tx); // two consoles making a new store at once: one makes it, the other finds it
                StoreInfoRecord info = tx.selectFrom(STORE_INFO).fetchOne();
                if (info == null) {
                    // Only an empty database becomes a store: rows without an identity are a store damaged or tampered with.
                    if (tx.fetchExists(odcm.persistence.jooq.Tables.AUDIT_EVENT) || tx.fetchExists(odcm.persistence.jooq.Tables.SPACE)) {
                        throw new Refusal("The team store " + location.describe() + " holds a store's rows but no store identity"
                                + " (its store_info row was removed); it was not made a new store, and nothing was changed.");
                    }
                    created(location, clock, tx);
                    info = tx.selectFrom(STORE_INFO).fetchOne();
                }
                Store existing = existing(location, clock, osUser, StoreLock.none(), info);
                existing.person = signedIn(tx);
                return existing;
            });
            Store attached = store.attach(connection, dsl, false);
            attached.arrive();
            return attached;
        } catch (RuntimeException | SQLException | IOException e) {
            closeQuietly(connection);
            if (e instanceof Refusal r) {
                throw r;
            }
            if (e instanceof DataAccessException d && d.getCause() instanceof Refusal r) {
                throw r;
            }
            String problem = serverProblem(e);
            Refusal r = new Refusal("The team store " + location.describe() + " could not be opened: " + problem
                    + (problem.contains("password") ? " (a team store's password is read from ~/.pgpass, see the README)" : "")
                    + "; nothing was changed, and the details are in the log file." + (problem.contains("permission denied") ? NOT_LET_IN : ""), e);
            STORE_LOG.log(Level.SEVERE, r.getMessage(), e);
            throw r;
        }
    }

    /** What a refusal for want of a right on a team store asks (decision 0040). */
    private static final String NOT_LET_IN = " Has the store's administrator let your login in (odcm store admit, README 'A team store on PostgreSQL')?"
            + " Bringing a store's schema up to date is the administrator's too.";

    /** The server's or driver's own words, first line only (they are clear: refused connection, failed authentication). */
    private static String serverProblem(Throwable e) {
        String words = String.valueOf(e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                words = sql.getMessage();
            }
        }
        if (words.contains("PKIX path building failed") || words.contains("unable to find valid certification path")) {
            return "the server's TLS certificate is not from the CA named by sslrootcert, so the server is not the one meant";
        }
        if (words.contains("could not be verified by hostnameverifier")) {
            return "the server's TLS certificate is not made out to the host named in the address";
        }
        if (words.contains("does not support SSL")) {
            return "the server does not offer TLS, which the address's sslmode asks for";
        }
        return firstLine(words).replaceFirst("^FATAL: ", "").replaceFirst("\\.$", "");
    }

    private static Connection connect(StoreLocation location) throws SQLException {
        if (location.onServer()) {
            Connection c = location.server().connect();
            // A network cut sends nothing: without a bound a statement waits until TCP gives up (a quarter of an hour),
            // the console busy and silent. Every statement of ours answers long before (the write lock's wait is bounded
            // below it); then the connection is given up and the action says it was lost.
            c.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
            return c;
        }
        return h2(jdbcUrl(location));
    }

    private static final org.h2.Driver H2 = new org.h2.Driver();

    /**
     * A connection to an H2 store by H2's driver itself: DriverManager's first use looks through every jar of the class
     * path for the drivers they declare (opening each jar) and loads PostgreSQL's too, for a store that is a file.
     */
    static Connection h2(String url) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", USER);
        login.setProperty("password", PASSWORD);
        return H2.connect(url, login);
    }

    /** Any number fixed for this product: the advisory lock every change of a team store takes first. */
    static final long WRITE_LOCK = 0x0DC3_5702L;
    /** How long a team store's connection waits for an answer from the server before it is given up as lost (a test makes it shorter). */
    static volatile java.time.Duration networkTimeout = java.time.Duration.ofSeconds(120);
    /** How long a change waits for the write lock (a test makes it shorter). */
    static volatile java.time.Duration writeLockWait = java.time.Duration.ofSeconds(60);

    /**
     * On a team store, every change takes one transaction-scoped advisory lock first, so changes from many consoles are
     * made one after another: the audit chain's next entry and a pair's next sequence number are read and written by one
     * change at a time, never the same number twice. Reads do not take it. A no-op on H2, which one process holds.
     */
    private static void serialise(DSLContext tx) {
        if (tx.dialect() == SQLDialect.POSTGRES) {
            // Bounded: a session that holds the lock and never ends (someone's psql, a machine cut from the network
            // mid-change, whose server session lives on until TCP gives up) must not hang every change, saying nothing.
            long wait = writeLockWait.toMillis();
            tx.execute("SET LOCAL lock_timeout = " + wait); // to the end of this transaction
            try {
                tx.fetch("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            } catch (DataAccessException e) {
                if ("55P03".equals(e.sqlState())) { // lock_not_available
                    throw new Refusal("Another console's or command's change has held the team store's write lock for "
                            + (wait / 1000) + " s: nothing was changed. Try again; if it goes on, a session holding it (advisory lock "
                            + WRITE_LOCK + " in pg_locks) can be ended by the server's administrator.", e);
                }
                throw e;
            }
        }
    }

    /**
     * On a team store, every transaction holds the trusts and certificates still to its end (a SHARE lock; review
     * 2026-12-05 of decision 0038, "Freshness"): at read committed each statement sees its own moment, so a member's login
     * toggling a row between an earlier sealed state and the recorded one could otherwise be read put back by one statement
     * and found fresh by the next. Others' changes of these rows wait for reads in progress, which are short; bounded as
     * the write lock is. A no-op on H2, which one process holds.
     */
    private static void holdRows(DSLContext tx) {
        if (tx.dialect() == SQLDialect.POSTGRES) {
            long wait = writeLockWait.toMillis();
            tx.execute("SET LOCAL lock_timeout = " + wait);
            try {
                tx.execute("LOCK TABLE certificate, trust IN SHARE MODE");
            } catch (DataAccessException e) {
                if ("55P03".equals(e.sqlState())) { // lock_not_available
                    throw new Refusal("Another session has held the team store's trusts and certificates for " + (wait / 1000)
                            + " s: nothing was read or changed. Try again; if it goes on, the server's administrator can end the session"
                            + " holding a lock on the tables trust and certificate (pg_locks).", e);
                }
                throw e;
            }
        }
    }

    /** Whether jOOQ has been used in this process (its start is then done). */
    private static volatile boolean jooqStarted;

    /**
     * jOOQ's first use sets up its data types of every dialect, a fifth of a read command's time: that runs on a thread
     * of its own while H2 opens the file (both need about as long; a command has two cores), and is awaited before this
     * thread first touches jOOQ, so the two never wait for each other's class initialisation. Null once it is done.
     */
    private static Thread startJooq() {
        if (jooqStarted) {
            return null;
        }
        Thread t = new Thread(() -> {
            try {
                DSL.using(SQLDialect.H2, settings()).selectFrom(STORE_INFO).getSQL();
            } catch (RuntimeException | LinkageError e) {
                // the opening thread meets the same on its first use of jOOQ, and says it there
            }
        }, "odcm-jooq-start");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitJooq(Thread jooq) {
        if (jooq == null) {
            return;
        }
        try {
            jooq.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a stop is under way; what follows is cut short by it
        }
        jooqStarted = true;
    }

    private static Settings settings() {
        return new Settings().withReturnAllOnUpdatableRecord(true);
    }

    private static DSLContext dsl(Connection connection) {
        return dsl(connection, SQLDialect.H2);
    }

    /**
     * On PostgreSQL names are rendered unquoted: the generated names are upper case (read from the H2 DDL), and
     * PostgreSQL folds unquoted names to the lower case its tables have.
     */
    private static DSLContext dsl(Connection connection, SQLDialect dialect) {
        Settings settings = settings();
        if (dialect == SQLDialect.POSTGRES) {
            settings.setRenderQuotedNames(org.jooq.conf.RenderQuotedNames.NEVER);
        }
        return DSL.using(connection, dialect, settings);
    }

    /**
     * A new store is built whole in a staging folder and only then moved into place, so a crash during the first
     * migration leaves no half-made store behind (the next start builds it again), never a file that cannot be opened.
     */
    private static void createNew(StoreLocation location, Clock clock) throws SQLException {
        Path staging = location.storeDir().resolve(".creating");
        try {
            deleteRecursively(staging);
            StoreLocation building = new StoreLocation(staging, location.keyDir());
            migrateNew(building);
            try (Connection c = h2(jdbcUrl(building))) {
                dsl(c).transaction(cfg -> created(location, clock, cfg.dsl()));
            }
            Files.move(building.databaseFile(), location.databaseFile(), StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(staging);
        } catch (IOException e) {
            throw new Refusal("The store at " + location.storeDir() + " cannot be created (" + FileProblems.describe(e) + ").", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    // A new store: its key file first, then the row naming it, so a store never exists without having had a key.
    private static void created(StoreLocation location, Clock clock, DSLContext tx) {
        String id = UUID.randomUUID().toString();
        byte[] key = MasterKeyFile.create(location.keyFile(id));
        AesGcmKeyVault vault = new AesGcmKeyVault(key);
        Arrays.fill(key, (byte) 0);
        StoreInfoRecord info = tx.newRecord(STORE_INFO);
        info.setId(1);
        info.setStoreId(id);
        info.setCreatedAt(StoreTime.column(StoreTime.now(clock)));
        info.setMasterKeyCheck(vault.seal(new Secret(KEY_CHECK_RECORDS_SEALED), checkContext(id)));
        info.store();
        vault.wipe();
    }

    // An existing store: a missing key is never replaced by a new one (that would orphan every sealed key).
    private static Store existing(StoreLocation location, Clock clock, String osUser, StoreLock lock, StoreInfoRecord info) {
        String id = info.getStoreId();
        Optional<byte[]> key = MasterKeyFile.read(location.keyFile(id));
        if (key.isEmpty()) {
            return new Store(location, clock, osUser, lock, null, null, id, MasterKeyState.MISSING, null);
        }
        byte[] k = key.get();
        if (k.length != MasterKeyFile.LENGTH || info.getMasterKeyCheck() == null) {
            Arrays.fill(k, (byte) 0);
            return new Store(location, clock, osUser, lock, null, null, id, MasterKeyState.WRONG, null);
        }
        AesGcmKeyVault vault = new AesGcmKeyVault(k);
        Arrays.fill(k, (byte) 0);
        try (Secret check = vault.open(info.getMasterKeyCheck(), checkContext(id))) {
            boolean recordsSealed = Arrays.equals(check.reveal(), KEY_CHECK_RECORDS_SEALED);
            boolean rowsSealed = recordsSealed || Arrays.equals(check.reveal(), KEY_CHECK_ROWS_SEALED);
            boolean sealed = rowsSealed || Arrays.equals(check.reveal(), KEY_CHECK_SEALED);
            if (!sealed && !Arrays.equals(check.reveal(), KEY_CHECK)) {
                throw new Refusal("wrong check value");
            }
            Store store = new Store(location, clock, osUser, lock, null, null, id, MasterKeyState.PRESENT, vault);
            store.releasesUnsealed = !sealed;
            store.rowsUnsealed = !rowsSealed;
            store.recordsUnsealed = !recordsSealed;
            return store;
        } catch (Refusal wrong) {
            vault.wipe();
            return new Store(location, clock, osUser, lock, null, null, id, MasterKeyState.WRONG, null);
        }
    }

    private Store attach(Connection connection, DSLContext dsl, boolean readOnly) {
        Store attached = new Store(location, clock, osUser, lock, connection, dsl, storeId, masterKeyState, vault);
        attached.person = person;
        attached.readOnly = readOnly;
        attached.releasesUnsealed = releasesUnsealed;
        attached.rowsUnsealed = rowsUnsealed;
        attached.recordsUnsealed = recordsUnsealed;
        if (vault != null) {
            byte[] k = vault.derive(RELEASE_SEAL_LABEL);
            attached.releaseSealKey = new AuditKey(k);
            Arrays.fill(k, (byte) 0);
            k = vault.derive(ROW_SEAL_LABEL);
            attached.rowSealKey = new AuditKey(k);
            Arrays.fill(k, (byte) 0);
        }
        attached.auditSeal = new AuditSeal(location.auditHeadIdentity(storeId), location.auditHeadFile(storeId), vault, masterKeyState,
                attached::keyRefusal, location.onServer());
        OPEN.add(attached);
        return attached;
    }

    /**
     * On open: where the store was last opened is noted beside it once it reaches its head here (a store copied, moved or
     * restored into a folder by hand has no head there, and is refused like a store whose head was deleted until it is
     * accepted, decision 0044; {@code odcm store copy} makes the copy's head); then whether the store reaches its head is
     * checked, to be said on every start.
     */
    private void arrive() {
        if (masterKeyState == MasterKeyState.PRESENT && !readOnly && location.onServer()) {
            if (releasesUnsealed) {
                sealEarlierReleases();
            }
            if (rowsUnsealed) {
                sealEarlierRows();
            }
            if (recordsUnsealed && !rowsUnsealed) { // v3 before v4: the check only ever moves on one step at a time
                sealEarlierRecords();
            }
        } else if (masterKeyState == MasterKeyState.PRESENT && !readOnly) { // read-only: opened where it was last opened, nothing to record
            String here = location.storeDir().toString();
            String recorded = readLocation(location);
            if (!here.equals(recorded)) {
                // A folder with no head of this store's: a new store, or one copied, moved or restored here by hand, or one whose
                // head was deleted. Never a head started from the store's own end, which would bless an older copy put in place:
                // a store with entries is refused until its head is put back or the administrators accept it (decision 0044).
                if (auditSeal.headMissing()) {
                    auditSeal.lastOpenedIn(recorded);
                }
                if (read(tx -> tx.audit().endProblem()) == null) {
                    writeLocation(here);
                }
            }
            if (releasesUnsealed) {
                sealEarlierReleases();
            }
            if (rowsUnsealed) {
                sealEarlierRows();
            }
            if (recordsUnsealed && !rowsUnsealed) { // v3 before v4: the check only ever moves on one step at a time
                sealEarlierRecords();
            }
        }
        if (masterKeyState == MasterKeyState.PRESENT && !readOnly) {
            recordRowState();
        }
        auditWarning = read(tx -> tx.audit().endProblem());
    }

    /**
     * Once in a store's life, on its first open with the master key since seals exist: the releases frozen before get
     * their seal, recorded in the audit log, and the master-key check becomes v2 in the same commit (decision 0034). Only
     * when the audit log is intact to its head and has no record of a sealing: a store whose seals were removed and whose
     * check was put back to v1 has that record (or a broken log), so its unsealed releases stay refused.
     */
    private void sealEarlierReleases() {
        releasesUnsealed = !sealEarlier("releases", location.releasesSealedFile(storeId), RELEASES_SEALED, KEY_CHECK_SEALED,
                "0034", tx -> {
                    int n = tx.releases().sealUnsealed();
                    return n + (n == 1 ? " release" : " releases") + " frozen before releases were sealed got their seal";
                });
    }

    /**
     * The same for trusts and certificates (decision 0038): once in a store's life, those made before V15 get their seal,
     * recorded in the audit log, the check moving to v3 in the same commit, the marker {@code <store id>.rows-sealed} written
     * beside the key; only while the audit log is intact and records no such sealing, never on a team store.
     */
    private void sealEarlierRows() {
        rowsUnsealed = !sealEarlier("trusts and certificates", location.rowsSealedFile(storeId), ROWS_SEALED,
                KEY_CHECK_ROWS_SEALED, "0038", tx -> {
                    // Only rows an entry of the (verified) log vouches for, never one put in by hand before this open ("Freshness").
                    List<String> notSealed = new ArrayList<>();
                    String sealed = RowVouches.sealVouched(new RowSeals(this), current, tx.audit().list(AuditFilter.ALL), notSealed);
                    notSealed.forEach(STORE_LOG::warning);
                    return sealed;
                });
    }

    /**
     * The same for what a space accepted, reserved, decided and did (decision 0039): once in a store's life, the rows of
     * V16's tables made before get their seal, recorded in the audit log, the check moving to v4 in the same commit, the
     * marker {@code <store id>.records-sealed} written beside the key; under the same guards.
     */
    private void sealEarlierRecords() {
        recordsUnsealed = !sealEarlier("accepted bundles and receipts, reserved sequences, approvals and deployments",
                location.recordsSealedFile(storeId), RECORDS_SEALED, KEY_CHECK_RECORDS_SEALED, "0039", tx -> {
                    RowSeals seals = new RowSeals(this);
                    int n = 0;
                    for (org.jooq.Table<?> t : RowSeals.RECORDS) {
                        n += seals.sealUnsealed(current, (org.jooq.Table) t);
                    }
                    return n + (n == 1 ? " record" : " records") + " (accepted bundles and receipts, reserved sequences, approvals and"
                            + " deployments) made before they were sealed got their seal";
                });
    }

    /** Whether this is a team store whose rows of {@code table}, one of {@link RowSeals#RECORDS}, from before V16 stay unsealed. */
    boolean recordsUnsealedOnServer(org.jooq.Table<?> table) {
        return recordsUnsealed && location.onServer() && RowSeals.RECORDS.contains(table);
    }

    /**
     * A store whose trusts and certificates changed last before their state was recorded in the audit log (decision 0038,
     * "Freshness"): their state as they are is recorded once, on an open with the master key, while the log is intact.
     */
    private void recordRowState() {
        boolean committedBefore = anyCommitted;
        try {
            if (read(tx -> (current.fetchExists(odcm.persistence.jooq.Tables.TRUST) || current.fetchExists(odcm.persistence.jooq.Tables.CERTIFICATE))
                    && rowFreshness.noStateRecorded(current))) {
                write(tx -> {
                    if (tx.audit().verify() instanceof AuditVerification.Intact) {
                        rowsChanged = true; // their state as they are, in an entry of its own
                        rowFreshness.record(tx.audit());
                    }
                    return null;
                });
            }
        } catch (Refusal notNow) { // a rollback to accept first, or a stop: the next open tries again
            STORE_LOG.log(Level.INFO, "The state of trusts and certificates was not recorded on this open: " + notNow.getMessage());
        } finally {
            anyCommitted = committedBefore;
        }
    }

    /**
     * Refuses, with one sentence, trusts and certificates that are not the ones the audit log records last (an earlier
     * sealed state put back: decision 0038, "Freshness"); nothing to check without the master key, or once the write in
     * progress changed them itself (checked before, recorded at its commit).
     */
    void checkRowsFresh(DSLContext tx) {
        if (rowSealKey == null || rowsChanged) {
            return;
        }
        try {
            rowFreshness.check(tx, new JooqAuditLog(tx, clock, person.name(), auditSeal), auditSeal.pending() == null, !location.onServer());
        } catch (Refusal notFresh) {
            // A row without its seal, or with one that does not fit, is named in its own words rather than the set's.
            RowSeals seals = new RowSeals(this);
            seals.fresh = false;
            new JooqTrustRepository(tx, seals).findAll();
            SpaceRepository spaces = new JooqSpaceRepository(tx, clock, seals);
            tx.select(odcm.persistence.jooq.Tables.SPACE.ID).from(odcm.persistence.jooq.Tables.SPACE)
                    .fetch(odcm.persistence.jooq.Tables.SPACE.ID).forEach(spaces::certificates);
            throw notFresh;
        }
    }

    /**
     * What ends the detail of audit entry {@code seq}: after a change of trusts or certificates in this write, their state
     * (decision 0038, "Freshness"); "" otherwise.
     */
    private String rowState(long seq) {
        if (!rowsChanged || current == null) {
            return "";
        }
        rowsChanged = false;
        return rowFreshness.suffix(current, seq);
    }

    /** The write in progress changed a trust or certificate row (sealed it, or deleted one). */
    void rowsChanged() {
        rowsChanged = true;
    }

    /** Whether this store is a team store whose trusts and certificates from before V15 stay unsealed (decision 0038). */
    boolean rowsUnsealedOnServer() {
        return rowsUnsealed && location.onServer();
    }

    /**
     * One after-the-fact sealing (decisions 0034, 0038): {@code sealing} seals what has no seal yet and says what, in one
     * commit with the audit entry {@code action} and the check value {@code check}; then {@code marker} is written. Nothing
     * is sealed on a team store, where the marker exists, while the audit log is not intact, or when it records the
     * sealing already. Whether it was done.
     */
    private boolean sealEarlier(String what, Path marker, String action, byte[] check, String decision,
                                Function<StoreTx, String> sealing) {
        String these = Character.toUpperCase(what.charAt(0)) + what.substring(1);
        if (location.onServer() || Files.exists(marker)) {
            // A team store is made sealed (or copied from a sealed store); a marker beside the key says this store's rows were
            // sealed once already. Either way an earlier check value now is an old value put back: seal nothing.
            STORE_LOG.warning(these + " of the store " + location.describe() + " were not sealed again (decision " + decision + "): "
                    + (location.onServer() ? "a team store is never sealed in place" : marker + " says they were sealed once")
                    + "; " + what + " without a seal are refused.");
            return false;
        }
        boolean committedBefore = anyCommitted; // arriving is not a change of the user's
        try {
            boolean sealed = write(tx -> {
                AuditVerification log = tx.audit().verify();
                if (!(log instanceof AuditVerification.Intact)
                        || tx.audit().list(new AuditFilter(action, null, null)).stream().anyMatch(e -> e.action().equals(action))) {
                    STORE_LOG.warning(these + " of the store at " + location.storeDir() + " were not sealed (decision " + decision + "), so"
                            + " those without a seal are refused: " + (log instanceof AuditVerification.Intact
                            ? "its audit log records a sealing already." : log.sentence()));
                    return false;
                }
                tx.audit().append(action, "store " + storeId, sealing.apply(tx)
                        + " under the master key; the audit log was verified intact first");
                current.update(STORE_INFO).set(STORE_INFO.MASTER_KEY_CHECK, vault.seal(new Secret(check), checkContext(storeId))).execute();
                return true;
            });
            if (sealed) {
                writeSealedMarker(marker, what);
            }
            return sealed;
        } catch (Refusal notNow) { // a rollback to accept first, or a stop: the next open tries again
            STORE_LOG.log(Level.INFO, these + " made before seals existed were not sealed on this open: " + notNow.getMessage());
            return false;
        } finally {
            anyCommitted = committedBefore;
        }
    }

    /**
     * Where an attacker without the master key cannot write (the key folder): this store's releases were sealed once. The
     * audit entry of the sealing can be cut off the log's end and the old check value put back; this file stays.
     */
    private void writeSealedMarker(Path marker, String what) {
        try {
            Files.writeString(marker, "The " + what + " of store " + storeId + " were sealed once; they are never sealed again.\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            STORE_LOG.log(Level.WARNING, "The marker " + marker + " could not be written (" + FileProblems.describe(e) + ")", e);
        }
    }

    private static String readLocation(StoreLocation location) {
        try {
            return Files.readString(location.locationFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private void writeLocation(String here) {
        try {
            Files.writeString(location.locationFile(), here + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // said again on the next open, which tries again
        }
    }

    /** Appends one entry that moves the audit head on from the store's end, whatever the head said before. */
    private AuditEntry rebase(String action, String subject, String detail) {
        auditSeal.rebasing(true);
        try {
            return write(tx -> tx.audit().append(action, subject, detail));
        } finally {
            auditSeal.rebasing(false);
        }
    }

    /**
     * Why this store is not to be trusted as it stands, found on open: it ends before its audit head (an older copy
     * put in place, a lost last commit) or the head cannot be believed. Every change is refused until that is resolved.
     */
    public synchronized Optional<String> auditWarning() {
        return Optional.ofNullable(auditWarning);
    }

    /**
     * Accepts that this store ends before its audit head: records that (what the head said, and the reason) in the audit
     * log, and moves the head on from the store's end. Refused when there is nothing to accept.
     */
    public synchronized AuditEntry acceptAuditRollback(String reason) {
        String problem = read(tx -> tx.audit().endProblem());
        if (problem == null) {
            throw new Refusal("This store reaches its audit head " + location.auditHeadFile(storeId) + "; there is no rollback to accept, and nothing was changed.");
        }
        AuditEntry e = rebase("audit.rollback-accepted", location.storeDir().toString(), problem + " Accepted: " + reason.strip());
        auditWarning = null;
        if (!location.onServer() && !location.storeDir().toString().equals(readLocation(location))) {
            writeLocation(location.storeDir().toString()); // a copy accepted here is at home here
        }
        return e;
    }

    /**
     * Brings a team store's schema up to date without making it a store (no identity, no master key): what an
     * administrator may do before the first console opens it, and what a copy into it needs first.
     */
    public static void prepare(StoreLocation location) {
        if (!location.onServer()) {
            throw new IllegalArgumentException("only a team store is prepared apart from opening it");
        }
        try {
            migrate(location);
        } catch (FlywayException e) {
            throw new Refusal("The team store " + location.describe() + " could not be prepared: " + serverProblem(e) + ".", e);
        }
    }

    private static void migrate(StoreLocation location) {
        try {
            (location.onServer() ? serverFlyway(location.server()) : flyway(jdbcUrl(location))).migrate();
        } catch (FlywayException e) {
            if (location.onServer()) {
                throw e; // said with the server's own words where the team store is opened
            }
            throw FileProblems.storeFailure(e, location.storeDir()).orElseGet(() ->
                    new Refusal("The store at " + location.storeDir() + " could not be brought up to date (" + firstLine(e.getMessage()) + ").", e));
        }
    }

    /** Test-only: with this system property true, a new store's schema is a copy of one Flyway made once in this JVM (docs/decisions/0025). */
    static final String MIGRATE_ONCE_FOR_TESTS = "odcm.test.migrateOnce";
    private static Path migratedOnce;

    // The schema of a new, empty store; its identity and master key are made afterwards, for each store its own.
    private static void migrateNew(StoreLocation building) throws IOException {
        if (!Boolean.getBoolean(MIGRATE_ONCE_FOR_TESTS)) {
            migrate(building);
            return;
        }
        synchronized (Store.class) {
            if (migratedOnce == null) {
                Path dir = Files.createTempDirectory("odcm-migrated-");
                dir.toFile().deleteOnExit(); // deleted after the file in it (the reverse order of registration)
                StoreLocation once = new StoreLocation(dir, dir);
                migrate(once);
                once.databaseFile().toFile().deleteOnExit();
                migratedOnce = once.databaseFile();
            }
        }
        Files.createDirectories(building.storeDir());
        Files.copy(migratedOnce, building.databaseFile());
    }

    static Flyway flyway(String url) {
        return Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, USER, PASSWORD)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .load();
    }

    /**
     * A team store's migrations: its own folder (the schema at version 13 at once). Made as the role that owns the
     * database when the user is a member of it (the team's role, README "A team store"), so that every member, not only
     * the one whose console came first, may use the tables.
     */
    private static Flyway serverFlyway(ServerAddress server) {
        String owner = null;
        try (Connection c = server.connect();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT quote_ident(r.rolname) FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba"
                     + " WHERE d.datname = current_database() AND r.rolname <> current_user AND pg_has_role(current_user, r.oid, 'MEMBER')")) {
            owner = rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            // Flyway's own connection meets the same problem and says it
        }
        return Flyway.configure(Store.class.getClassLoader())
                .initSql(owner == null ? null : "SET ROLE " + owner)
                .dataSource(new org.postgresql.ds.PGSimpleDataSource() {
                    @Override
                    public Connection getConnection() throws SQLException {
                        return server.connect();
                    }
                })
                .locations("classpath:db/postgresql")
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .load();
    }

    /** Test-only: with this system property true, H2 writes its errors to odcm.trace.db again (see docs/decisions/0006). */
    static final String H2_TRACE_FOR_TESTS = "odcm.test.h2trace";

    /**
     * No compaction on close: H2 2.4.240 trips an internal assertion in compactMoveChunks on small stores
     * (seen with -ea; without it the check is skipped and compaction goes on). A desktop store is small, so the
     * space this saves is not worth the risk. See docs/decisions/0006-h2-no-compaction-on-close.md.
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under a running transaction (and the
     * interrupted statement then failed with its SQL on the user's terminal); {@link #stopAll()} rolls back and closes
     * instead. TRACE_LEVEL_FILE=0: H2 writes no odcm.trace.db beside the store; failures reach the app's log instead
     * (a test that looks for H2's internal errors turns the trace file back on with {@link #H2_TRACE_FOR_TESTS}).
     * WRITE_DELAY=0: a commit is written to the file before write() returns. With H2's default (500 ms), a process
     * killed just after a commit lost it, while the audit head (written after the commit) already named its entry, so
     * audit verify reported entries removed from the end (found by ImportKillTest; docs/decisions/0011).
     * QUERY_CACHE_SIZE=128: H2 keeps the parsed form of that many statements per connection (8 by default); a command
     * such as {@code bundle create} runs about 20 different ones, so with 8 each was parsed anew every time (about a
     * seventh of its CPU). Only the parsing is kept: every execution reads the store as it is (decision 0030).
     */
    static String jdbcUrl(StoreLocation location) {
        return "jdbc:h2:file:" + location.storeDir().resolve("odcm") + ";MAX_COMPACT_TIME=0;WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE="
                + (Boolean.getBoolean(H2_TRACE_FOR_TESTS) ? "1" : "0");
    }

    public StoreLocation location() {
        return location;
    }

    public String storeId() {
        return storeId;
    }

    /** Names this opened store among the consoles of a team store, so it can tell its own changes from others'. */
    synchronized String changeToken() {
        if (changeToken == null) {
            changeToken = java.util.UUID.randomUUID().toString();
        }
        return changeToken;
    }

    /** Whether audit entry {@code seq} is of a change this opened store committed (a team store; never on H2). */
    public boolean madeHere(long seq) {
        java.util.Map.Entry<Long, Long> span = madeHere.floorEntry(seq);
        return span != null && span.getValue() >= seq;
    }

    public Clock clock() {
        return clock;
    }

    /** The OS user this store was opened for (System user.name): a name the process claims, which proves nothing. */
    public String osUser() {
        return osUser;
    }

    /**
     * Who acts on this store, and whom its audit entries name (docs/decisions/0040-people.md): on a team store the
     * database login the server authenticated, with its groups; in an embedded store this computer's user.
     */
    public Person person() {
        return person;
    }

    /**
     * The login the server authenticated for this session ({@code session_user}: {@code SET ROLE} does not change it, and
     * the audit trigger of V18 holds every entry to it) and the roles it is a member of, directly or through other roles,
     * PostgreSQL's predefined {@code pg_*} roles left out.
     */
    private static Person signedIn(DSLContext tx) {
        String login = String.valueOf(tx.fetchValue("SELECT session_user::text"));
        java.util.List<String> groups = tx.fetch("WITH RECURSIVE m(roleid) AS ("
                + " SELECT a.roleid FROM pg_auth_members a JOIN pg_roles s ON s.oid = a.member WHERE s.rolname = session_user"
                + " UNION SELECT a.roleid FROM pg_auth_members a JOIN m ON a.member = m.roleid)"
                + " SELECT r.rolname::text FROM m JOIN pg_roles r ON r.oid = m.roleid WHERE NOT starts_with(r.rolname::text, 'pg_')"
                + " ORDER BY 1").getValues(0, String.class);
        return new Person(login, groups, false);
    }

    public MasterKeyState masterKeyState() {
        return masterKeyState;
    }

    /** The file the master key of this store is (or should be) in. */
    public Path masterKeyFile() {
        return location.keyFile(storeId);
    }

    /**
     * The context a local space's private key is sealed under: bound to this store and to the key's own
     * certificate, which is known before the space row (and its id) exists.
     */
    public String spaceKeyContext(odcm.model.cert.Fingerprint certificate) {
        return "space-key:" + storeId + ":" + certificate.hex();
    }

    /** Seals and opens private keys; refuses with a clear sentence when the master key is missing or wrong. */
    public KeyVault keyVault() {
        if (masterKeyState != MasterKeyState.PRESENT) {
            throw keyRefusal();
        }
        return vault;
    }

    /**
     * The keyed seal of release {@code releaseId} whose row hash is {@code snapshotHash} (decision 0034): HMAC-SHA256 under
     * a key derived from the master key. Refuses with the master key's sentence when it is missing or wrong.
     */
    public String releaseSeal(long releaseId, String snapshotHash) {
        if (releaseSealKey == null) {
            throw keyRefusal();
        }
        return releaseSealKey.mac("odcm-release-seal-v1", storeId, Long.toString(releaseId), snapshotHash);
    }

    /** The seal of a trust's or certificate's row, over {@code fields} (see {@link RowSeals}); refuses without the key. */
    String rowSeal(String... fields) {
        if (rowSealKey == null) {
            throw keyRefusal();
        }
        return rowSealKey.mac(fields);
    }

    boolean rowSealKeyPresent() {
        return rowSealKey != null;
    }

    /** Seals and opens sensitive variable values; reading works without the master key, sealing refuses. */
    public SensitiveValues sensitiveValues() {
        return new SensitiveValues(this);
    }

    /** Why the master key cannot be used (also the refusal of every audited write, as audit entries are keyed with it). */
    private Refusal keyRefusal() {
        return switch (masterKeyState) {
            case MISSING -> new Refusal("The master key of this store is missing (expected at " + masterKeyFile()
                    + ")." + KEY_CONSEQUENCE);
            case WRONG -> new Refusal("The key file " + masterKeyFile() + " is not the master key of this store."
                    + KEY_CONSEQUENCE.replace("the key file", "the right key file"));
            case PRESENT -> throw new IllegalStateException("the master key is present");
        };
    }

    /**
     * One transaction: all of {@code work} commits, or none of it (a thrown exception rolls back and is rethrown).
     * Called inside another write (one user action made of several service calls, such as applying a file),
     * it joins that transaction, so the whole action still commits or rolls back as one.
     */
    public synchronized <T> T write(Function<StoreTx, T> work) {
        return run(work, true);
    }

    private <T> T run(Function<StoreTx, T> work, boolean changing) {
        ensureOpen();
        if (changing && readOnly) {
            throw new IllegalStateException("the store at " + location.storeDir() + " was opened for reading only");
        }
        DSLContext outer = current;
        if (outer == null && connectionLost) {
            reconnect();
        }
        committing = false;
        AuditEntry pendingBefore = auditSeal.pending();
        long[] announced = new long[2]; // the entries this change tells others of: first, last
        try {
            // Nested: a savepoint inside the outer transaction, so a step that fails and is handled leaves nothing behind.
            T result = (outer != null ? outer : dsl).transactionResult(cfg -> {
                current = cfg.dsl();
                try {
                    StoreTx tx = tx(current);
                    if (outer == null) {
                        rowsChanged = false;
                    }
                    if (outer == null && (changing || readingTables)) {
                        serialise(current); // before the rows are held (below): every transaction takes the two locks in this order
                    }
                    if (outer == null && changing) {
                        auditSeal.refuseChangeIf(tx.audit().endProblem()); // every change, audited or not, while behind the head
                    }
                    if (outer == null) {
                        holdRows(current);
                    }
                    T r = work.apply(tx);
                    if (outer == null) {
                        commitGate.lock(); // released after the audit head is written (below)
                        if (stopping) {
                            throw new Refusal("The process is stopping: nothing was changed.");
                        }
                        if (rowsChanged) {
                            rowFreshness.record(tx.audit()); // no entry followed the change: one says their state ("Freshness")
                        }
                        auditSeal.beforeCommit(); // the head names the entries about to be committed, or the write is refused
                        AuditEntry appended = auditSeal.pending();
                        if (appended != null && appended != pendingBefore && current.dialect() == SQLDialect.POSTGRES) {
                            announced[0] = auditSeal.firstPendingSeq();
                            announced[1] = appended.seq();
                            StoreChanges.announce(current, changeToken(), announced[0], announced[1]); // delivered at the commit
                        }
                        committing = changing;
                    }
                    return r;
                } finally {
                    current = outer;
                }
            });
            if (outer == null) {
                anyCommitted |= auditSeal.pending() != null; // every change is audited: a read appends nothing
                auditSeal.committed(); // after the commit: the head names them as committed
                if (announced[0] > 0) {
                    madeHere.put(announced[0], announced[1]);
                }
            }
            return result;
        } catch (RuntimeException e) {
            auditSeal.rollBackTo(pendingBefore); // what the failed (inner) transaction appended is not in the log
            if (outer == null && committing && !location.onServer()) {
                auditSeal.commitFailed(); // the H2 file refused the commit (its disk full): the head as before the change
            }
            if (outer == null && !stopping && location.onServer() && lostConnection(e)) {
                connectionLost = true;
                throw lost(e, committing);
            }
            if (e instanceof Refusal) {
                throw e;
            }
            RuntimeException translated = e instanceof DataAccessException d ? Constraints.translate(d) : e;
            if (translated instanceof Refusal r) {
                throw r;
            }
            if (location.onServer()) {
                // The server's own problem (a right taken away, its disk full), never this machine's state folder's.
                throw serverRefusal(e).map(RuntimeException.class::cast).orElse(translated);
            }
            throw FileProblems.storeFailure(e, location.storeDir()).map(RuntimeException.class::cast).orElse(translated);
        } finally {
            if (outer == null && commitGate.isHeldByCurrentThread()) {
                commitGate.unlock();
            }
        }
    }

    /**
     * Whether {@code e} says the team store's server is gone: a connection failure (SQL state class 08), the server shut
     * down or restarting (57P01–57P03), or the connection closed under us.
     */
    private boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        try {
            return connection.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    /**
     * A team store's server refused the work for want of a right (42501), of resources such as its disk (class 53) or
     * for a system error of its own (class 58): one sentence with its words.
     */
    private Optional<Refusal> serverRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().equals("42501")
                    || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("58"))) {
                STORE_LOG.log(Level.WARNING, "The team store " + location.describe() + " refused an action", e);
                return Optional.of(new Refusal("The team store's server " + location.describe() + " refused this action ("
                        + serverProblem(e).replaceFirst("^ERROR: ", "") + "): nothing was changed." + (sql.getSQLState().equals("42501")
                        ? NOT_LET_IN : ""), e));
            }
        }
        return Optional.empty();
    }

    /** The sentence for a unit of work whose team-store connection was lost; the next one connects again. */
    private Refusal lost(Throwable e, boolean whileCommitting) {
        STORE_LOG.log(Level.WARNING, "The connection to the team store " + location.describe() + " was lost", e);
        String words = "The connection to the team store " + location.describe() + " was lost (" + serverProblem(e) + ")";
        return new Refusal(whileCommitting
                ? words + " while a change was being saved: whether it was saved cannot be told here; look for it in the Audit log"
                        + " (the log stays whole either way). The next action connects again."
                : words + ": nothing was changed. The next action connects again.", e);
    }

    /** Connects to the team store's server again after its connection was lost; refuses with a sentence while it cannot. */
    private void reconnect() {
        try {
            Connection fresh = connect(location);
            closeQuietly(connection);
            connection = fresh;
            dsl = dsl(fresh, SQLDialect.POSTGRES);
            connectionLost = false;
        } catch (SQLException e) {
            STORE_LOG.log(Level.WARNING, "Connecting again to the team store " + location.describe(), e);
            throw new Refusal("The team store " + location.describe() + " cannot be reached (" + serverProblem(e)
                    + "): nothing was changed. Try again once the server is back.", e);
        }
    }

    /**
     * The process is being stopped (SIGTERM, Ctrl+C): rolls back the write in progress in every open store and closes
     * them, from the signal's thread, while the thread of that write may be anywhere in it. A commit already under way
     * is waited for (briefly), never cut in half. Returns whether any store committed a write in this process, so the
     * caller can say honestly what the stop left behind.
     */
    public static boolean stopAll() {
        for (Store s : OPEN) {
            s.stop();
        }
        return anyCommitted;
    }

    private void stop() {
        stopping = true;
        boolean gate = false;
        try {
            gate = commitGate.tryLock(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            closeQuietly(connection); // H2 rolls back the open transaction, then closes the database cleanly
            lock.release();
        } finally {
            OPEN.remove(this);
            if (gate) {
                commitGate.unlock();
            }
        }
    }

    /** Like {@link #write}, for reading: one consistent view of the store. */
    public synchronized <T> T read(Function<StoreTx, T> work) {
        return run(work, false);
    }

    /**
     * Reads the store's tables themselves, in one consistent view: for {@link StoreCopy} only. One transaction holding a
     * team store's write lock, so no change of another console commits while the tables are read one after another.
     */
    synchronized <T> T readTables(java.util.function.BiFunction<StoreTx, DSLContext, T> work) {
        readingTables = true; // the transaction takes the write lock first
        try {
            return run(tx -> work.apply(tx, current), false);
        } finally {
            readingTables = false;
        }
    }

    /** Starts the audit head of a copy of this store in {@code target} at {@code end}, this store's verified last entry ({@link StoreCopy}). */
    void startAuditHeadOf(StoreLocation target, odcm.model.audit.AuditHead end) {
        StoreLocation at = new StoreLocation(target.storeDir(), location.keyDir(), target.server());
        try {
            auditSeal.startHead(at.auditHeadFile(storeId), at.auditHeadIdentity(storeId), end);
        } catch (IOException e) {
            throw new Refusal("The audit head file " + at.auditHeadFile(storeId) + " of the copy cannot be written ("
                    + FileProblems.describe(e) + "), so the copy is not to be used; make the key folder writable and copy again.", e);
        }
    }

    /** {@link #readTables} in progress (guarded by this store's lock). */
    private boolean readingTables;

    /** A change that needs the database itself besides the repositories (for {@link TeamMembers}): one write, audited as any. */
    synchronized <T> T writeTables(java.util.function.BiFunction<StoreTx, DSLContext, T> work) {
        return run(tx -> work.apply(tx, current), true);
    }

    /**
     * A connection and jOOQ to a store's database that is not opened as a store: for {@link StoreCopy}, which fills a new
     * one. The schema is brought up to date first (an H2 file is made in its folder).
     */
    static DSLContext prepared(StoreLocation location) throws SQLException {
        if (location.onServer()) {
            prepare(location);
            return dsl(connect(location), SQLDialect.POSTGRES);
        }
        migrate(location);
        return dsl(connect(location), SQLDialect.H2);
    }

    private StoreTx tx(DSLContext tx) {
        RowSeals seals = new RowSeals(this);
        SpaceRepository spaces = new JooqSpaceRepository(tx, clock, seals);
        TrustRepository trusts = new JooqTrustRepository(tx, seals);
        AuditLog audit = new JooqAuditLog(tx, clock, person.name(), auditSeal, this::rowState);
        SensitiveValues sensitive = new SensitiveValues(this);
        EnvironmentRepository environments = new JooqEnvironmentRepository(tx);
        LifecycleRepository lifecycles = new JooqLifecycleRepository(tx);
        ProjectRepository projects = new JooqProjectRepository(tx, sensitive);
        ReleaseRepository releases = new JooqReleaseRepository(tx, sensitive);
        BundleRepository bundles = new JooqBundleRepository(tx, seals);
        ReceiptRepository receipts = new JooqReceiptRepository(tx, seals);
        DeploymentRepository deployments = new JooqDeploymentRepository(tx, seals);
        ApprovalRepository approvals = new JooqApprovalRepository(tx, seals);
        RoleRepository roles = new odcm.persistence.role.JooqRoleRepository(tx);
        odcm.persistence.duty.DutyRepository duties = new odcm.persistence.duty.JooqDutyRepository(tx, seals);
        odcm.persistence.acceptance.AcceptanceRepository acceptances = new odcm.persistence.acceptance.JooqAcceptanceRepository(tx, seals);
        odcm.persistence.pkg.PackageRepository packages = new odcm.persistence.pkg.JooqPackageRepository(tx, seals);
        odcm.persistence.environment.TemplateRepository templates = new odcm.persistence.environment.JooqTemplateRepository(tx);
        return new StoreTx() {
            @Override
            public odcm.persistence.environment.TemplateRepository templates() {
                return templates;
            }

            @Override
            public SpaceRepository spaces() {
                return spaces;
            }

            @Override
            public TrustRepository trusts() {
                return trusts;
            }

            @Override
            public AuditLog audit() {
                return audit;
            }

            @Override
            public EnvironmentRepository environments() {
                return environments;
            }

            @Override
            public LifecycleRepository lifecycles() {
                return lifecycles;
            }

            @Override
            public ProjectRepository projects() {
                return projects;
            }

            @Override
            public ReleaseRepository releases() {
                return releases;
            }

            @Override
            public BundleRepository bundles() {
                return bundles;
            }

            @Override
            public ReceiptRepository receipts() {
                return receipts;
            }

            @Override
            public DeploymentRepository deployments() {
                return deployments;
            }

            @Override
            public ApprovalRepository approvals() {
                return approvals;
            }

            @Override
            public RoleRepository roles() {
                return roles;
            }

            @Override
            public odcm.persistence.duty.DutyRepository duties() {
                return duties;
            }

            @Override
            public odcm.persistence.acceptance.AcceptanceRepository acceptances() {
                return acceptances;
            }

            @Override
            public odcm.persistence.pkg.PackageRepository packages() {
                return packages;
            }
        };
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + location.storeDir() + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        if (vault != null) {
            vault.wipe();
        }
        auditSeal.wipe();
        if (releaseSealKey != null) {
            releaseSealKey.wipe();
        }
        if (rowSealKey != null) {
            rowSealKey.wipe();
        }
        closeQuietly(connection); // the last connection closes the H2 database
        lock.release();
    }

    private static String checkContext(String storeId) {
        return "master-key-check:" + storeId;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
