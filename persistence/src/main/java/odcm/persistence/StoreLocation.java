package odcm.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a store lives: the folder of its H2 file, and the folder of master key files, which is kept
 * apart from the store so that a copy of the store alone reveals no private key.
 *
 * <p>Defaults: store in {@code $XDG_DATA_HOME/odcm/store} (else {@code ~/.local/share/odcm/store});
 * keys in {@code $XDG_CONFIG_HOME/odcm/keys} (else {@code ~/.config/odcm/keys}).
 * Overrides: {@code --store DIR} or {@code ODCM_STORE}; {@code ODCM_KEY_DIR}. The log: {@link #logFolder}.
 *
 * <p>A team store (docs/decisions/0035) is named by its server's address instead, {@code --store postgresql://...};
 * its {@code storeDir} is then this machine's own folder for it (inbox, state), under the same data folder.
 *
 * @param server the team store's address, or null for the embedded H2 store in {@code storeDir}
 */
public record StoreLocation(Path storeDir, Path keyDir, ServerAddress server) {

    public StoreLocation {
        storeDir = storeDir.toAbsolutePath().normalize();
        keyDir = keyDir.toAbsolutePath().normalize();
    }

    public StoreLocation(Path storeDir, Path keyDir) {
        this(storeDir, keyDir, null);
    }

    /** Whether this is a team store on a PostgreSQL server. */
    public boolean onServer() {
        return server != null;
    }

    /** The store as a user names it: the server's address, or the H2 store's folder. */
    public String describe() {
        return onServer() ? server.toString() : storeDir.toString();
    }

    /** @param storeOverride the {@code --store} option, or null */
    public static StoreLocation resolve(String storeOverride, Map<String, String> env, String userHome) {
        Path home = Path.of(userHome);
        Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve("odcm");
        String named = present(storeOverride) ? storeOverride : env.get("ODCM_STORE");
        ServerAddress server = null;
        Path store;
        if (ServerAddress.isServer(named)) {
            server = ServerAddress.parse(named);
            store = data.resolve("servers").resolve(server.folderName());
        } else if (present(named)) {
            store = Path.of(named);
        } else {
            store = data.resolve("store");
        }
        Path keys = present(env.get("ODCM_KEY_DIR"))
                ? Path.of(env.get("ODCM_KEY_DIR"))
                : xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("odcm").resolve("keys");
        return new StoreLocation(store, keys, server);
    }

    /** The H2 database file (without H2's {@code .mv.db} suffix in the JDBC URL). */
    public Path databaseFile() {
        return storeDir.resolve("odcm.mv.db");
    }

    public Path lockFile() {
        return storeDir.resolve("odcm.lock");
    }

    /** The master key file of the store with this id. */
    public Path keyFile(String storeId) {
        return keyDir.resolve(storeId + ".key");
    }

    /**
     * The record of the last audit entry of the store with this id in this folder, kept beside its master key (outside
     * the database). Named by the folder too, so a copy of the store elsewhere has its own head (decision 0019).
     */
    public Path auditHeadFile(String storeId) {
        return keyDir.resolve(storeId + "-" + folderTag() + ".audit-head");
    }

    /** What the head file's MAC is bound to: the store and its folder. */
    public String auditHeadIdentity(String storeId) {
        return storeId + "@" + describe();
    }

    /** Written beside the master key when a store's releases frozen before seals got theirs (decision 0034). */
    public Path releasesSealedFile(String storeId) {
        return keyDir.resolve(storeId + ".releases-sealed");
    }

    /** Written beside the master key when a store's trusts and certificates made before V15 got their seal (decision 0038). */
    public Path rowsSealedFile(String storeId) {
        return keyDir.resolve(storeId + ".rows-sealed");
    }

    /** Written beside the master key when a store's records made before V16 got their seal (decision 0039). */
    public Path recordsSealedFile(String storeId) {
        return keyDir.resolve(storeId + ".records-sealed");
    }

    /**
     * The log folder, where the details of a failure go while the user reads one sentence: {@code ODCM_LOG_DIR},
     * else {@code $XDG_STATE_HOME/odcm} (else {@code ~/.local/state/odcm}).
     */
    public static Path logFolder(Map<String, String> env, String userHome) {
        Path dir = present(env.get("ODCM_LOG_DIR"))
                ? Path.of(env.get("ODCM_LOG_DIR"))
                : xdg(env, "XDG_STATE_HOME", Path.of(userHome).resolve(".local").resolve("state")).resolve("odcm");
        return dir.toAbsolutePath().normalize();
    }

    /** Where the store was last opened, written beside it: a different folder means the store was copied or moved. */
    public Path locationFile() {
        return storeDir.resolve("odcm.location");
    }

    private String folderTag() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(describe().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    // The XDG spec says a relative value is invalid and must be ignored.
    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return present(v) && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
