package odcm.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
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
    static final String SCHEMA_VERSION = "9";
    static final String USER = "sa";
    static final String PASSWORD = "";
    /** What a missing or wrong master key means, said the same way everywhere. */
    public static final String KEY_CONSEQUENCE = " Spaces, trusts and history can be read, but nothing can be changed and the private keys of local spaces cannot be used until the key file is restored from backup.";
    private static final byte[] KEY_CHECK = "ODCM master key check v1".getBytes(StandardCharsets.US_ASCII);
    // Held strongly: java.util.logging forgets levels set on loggers nobody references.
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        // Before the first DSL use: no banner or tips on a user's terminal.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // Flyway's progress lines and its "H2 newer than verified" warning are for developers, not for a user's
        // terminal; its failures still reach the user, as refusals.
        FLYWAY_LOG.setLevel(Level.SEVERE);
    }

    private final StoreLocation location;
    private final Clock clock;
    private final String osUser;
    private final StoreLock lock;
    private final Connection connection;
    private final DSLContext dsl;
    private final String storeId;
    private final MasterKeyState masterKeyState;
    private final AesGcmKeyVault vault;
    /** The audit key and head file of the open store (set when it is attached). */
    private AuditSeal auditSeal;
    private boolean closed;
    /** The transaction of the write in progress, if any (guarded by this store's lock, like every use of it). */
    private DSLContext current;

    private Store(StoreLocation location, Clock clock, String osUser, StoreLock lock, Connection connection, DSLContext dsl,
                  String storeId, MasterKeyState masterKeyState, AesGcmKeyVault vault) {
        this.location = location;
        this.clock = clock;
        this.osUser = osUser;
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
        try {
            Files.createDirectories(location.storeDir());
        } catch (IOException e) {
            throw new Refusal("The store folder " + location.storeDir() + " cannot be created (" + FileProblems.describe(e) + ").", e);
        }
        StoreLock lock = StoreLock.acquire(location.storeDir());
        Connection connection = null;
        try {
            if (!Files.exists(location.databaseFile())) {
                createNew(location, clock);
            }
            if (!StoreProbe.check(location)) {
                migrate(location);
            }
            connection = DriverManager.getConnection(jdbcUrl(location), USER, PASSWORD);
            DSLContext dsl = dsl(connection);
            Store store = dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                StoreInfoRecord info = tx.selectFrom(STORE_INFO).fetchOne();
                return info == null ? null : existing(location, clock, osUser, lock, info);
            });
            if (store == null) {
                throw new Refusal("The file " + location.databaseFile() + " is not an ODCM store (it has no store identity); it was not changed.");
            }
            return store.attach(connection, dsl);
        } catch (RuntimeException | SQLException e) {
            closeQuietly(connection);
            lock.release();
            if (e instanceof Refusal r) {
                throw r;
            }
            if (e instanceof DataAccessException d && d.getCause() instanceof Refusal r) {
                throw r;
            }
            throw new Refusal("The store at " + location.storeDir() + " could not be opened (" + firstLine(e.getMessage()) + ").", e);
        }
    }

    private static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.H2, new Settings().withReturnAllOnUpdatableRecord(true));
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
            migrate(building);
            try (Connection c = DriverManager.getConnection(jdbcUrl(building), USER, PASSWORD)) {
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
        info.setMasterKeyCheck(vault.seal(new Secret(KEY_CHECK), checkContext(id)));
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
            if (!Arrays.equals(check.reveal(), KEY_CHECK)) {
                throw new Refusal("wrong check value");
            }
            return new Store(location, clock, osUser, lock, null, null, id, MasterKeyState.PRESENT, vault);
        } catch (Refusal wrong) {
            vault.wipe();
            return new Store(location, clock, osUser, lock, null, null, id, MasterKeyState.WRONG, null);
        }
    }

    private Store attach(Connection connection, DSLContext dsl) {
        Store attached = new Store(location, clock, osUser, lock, connection, dsl, storeId, masterKeyState, vault);
        attached.auditSeal = new AuditSeal(storeId, location.auditHeadFile(storeId), vault, masterKeyState, attached::keyRefusal);
        return attached;
    }

    private static void migrate(StoreLocation location) {
        try {
            flyway(jdbcUrl(location)).migrate();
        } catch (FlywayException e) {
            throw new Refusal("The store at " + location.storeDir() + " could not be brought up to date (" + firstLine(e.getMessage()) + ").", e);
        }
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
     * No compaction on close: H2 2.4.240 trips an internal assertion in compactMoveChunks on small stores
     * (seen with -ea; without it the check is skipped and compaction goes on). A desktop store is small, so the
     * space this saves is not worth the risk. See docs/decisions/0006-h2-no-compaction-on-close.md.
     * WRITE_DELAY=0: a commit is written to the file before write() returns. With H2's default (500 ms), a process
     * killed just after a commit lost it, while the audit head (written after the commit) already named its entry, so
     * audit verify reported entries removed from the end (found by ImportKillTest; docs/decisions/0011).
     */
    static String jdbcUrl(StoreLocation location) {
        return "jdbc:h2:file:" + location.storeDir().resolve("odcm") + ";MAX_COMPACT_TIME=0;WRITE_DELAY=0";
    }

    public StoreLocation location() {
        return location;
    }

    public String storeId() {
        return storeId;
    }

    public Clock clock() {
        return clock;
    }

    public String osUser() {
        return osUser;
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
        ensureOpen();
        DSLContext outer = current;
        AuditEntry pendingBefore = auditSeal.pending();
        try {
            // Nested: a savepoint inside the outer transaction, so a step that fails and is handled leaves nothing behind.
            T result = (outer != null ? outer : dsl).transactionResult(cfg -> {
                current = cfg.dsl();
                try {
                    return work.apply(tx(current));
                } finally {
                    current = outer;
                }
            });
            if (outer == null) {
                auditSeal.committed(); // after the commit: a crash in between leaves the audit head behind the log, never ahead
            }
            return result;
        } catch (RuntimeException e) {
            auditSeal.rollBackTo(pendingBefore); // what the failed (inner) transaction appended is not in the log
            throw e instanceof DataAccessException d ? Constraints.translate(d) : e;
        }
    }

    /** Like {@link #write}, for reading: one consistent view of the store. */
    public synchronized <T> T read(Function<StoreTx, T> work) {
        return write(work);
    }

    private StoreTx tx(DSLContext tx) {
        SpaceRepository spaces = new JooqSpaceRepository(tx, clock);
        TrustRepository trusts = new JooqTrustRepository(tx);
        AuditLog audit = new JooqAuditLog(tx, clock, osUser, auditSeal);
        SensitiveValues sensitive = new SensitiveValues(this);
        EnvironmentRepository environments = new JooqEnvironmentRepository(tx);
        LifecycleRepository lifecycles = new JooqLifecycleRepository(tx);
        ProjectRepository projects = new JooqProjectRepository(tx, sensitive);
        ReleaseRepository releases = new JooqReleaseRepository(tx, sensitive);
        BundleRepository bundles = new JooqBundleRepository(tx);
        ReceiptRepository receipts = new JooqReceiptRepository(tx);
        DeploymentRepository deployments = new JooqDeploymentRepository(tx);
        ApprovalRepository approvals = new JooqApprovalRepository(tx);
        return new StoreTx() {
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
        if (vault != null) {
            vault.wipe();
        }
        auditSeal.wipe();
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
