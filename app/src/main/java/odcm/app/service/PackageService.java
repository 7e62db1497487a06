package odcm.app.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.role.Action;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.pkg.PackageRepository;
import odcm.persistence.pkg.PackageRepository.StoredPackage;

/**
 * Each local space's package store (docs/decisions/0059): a folder of files named by their SHA-256 (by default
 * {@code packages/space-<id>} under the store's folder), the feeds (folders, file shares) searched when a package is not there,
 * and the check that every package of a release is found with the hash its manifest names. Files are read as streams, never
 * whole; a package enters the store through a temporary file renamed once complete, so the store never holds half a package.
 */
public final class PackageService {
    private static final int BUFFER = 64 * 1024;
    private final Store store;

    public PackageService(Store store) {
        this.store = store;
    }

    /** A package of a release as found: its status, and one sentence saying where it was found or what is wrong. */
    public record Check(PackageVersion pkg, Status status, String sentence) {
    }

    public enum Status {
        PRESENT, MISSING, WRONG;

        public String words() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The space's setting, packages and feeds as one view. */
    public record Overview(Path folder, boolean requireCheck, List<StoredPackage> packages, List<String> feeds) {
    }

    public Overview overview(String space) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            PackageRepository.Policy policy = tx.packages().policy(s.id());
            return new Overview(folder(store, tx, s), policy.requireCheck(), tx.packages().packages(s.id()), tx.packages().feeds(s.id()));
        });
    }

    /**
     * Copies {@code file} into the space's store as package {@code id} {@code version}, hashing it as it goes; refused, nothing
     * changed, when the file is not a readable regular file (a symbolic link is refused) or the store already holds that version.
     */
    public StoredPackage add(String space, Path file, String id, String version) {
        String packageId = Names.check("A package", id, 200);
        String v = Names.check("A package version", version, 100);
        Path source = file.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(source)) {
            throw new Refusal(source + " is a symbolic link; give the package file itself.");
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(source)) {
            throw new Refusal(source + " is not a readable file.");
        }
        Path folder = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, s);
            refuseIfHeld(tx, s, packageId, v);
            return folder(store, tx, s);
        });
        Hashed hashed = copyIn(source, folder);
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, s);
            refuseIfHeld(tx, s, packageId, v);
            StoredPackage p = new StoredPackage(packageId, v, hashed.sha256, hashed.size, StoreTime.now(store.clock()), store.person().name());
            tx.packages().insert(s.id(), p);
            tx.audit().append("package.add", "package " + packageId + " " + v + " of " + s.describe(),
                    "added to the store: SHA-256 " + hashed.sha256 + ", " + hashed.size + " bytes");
            return p;
        });
    }

    /** Adds a feed: an existing folder searched for packages not in the store. */
    public String addFeed(String space, String folder) {
        Path f = Path.of(folder).toAbsolutePath().normalize();
        if (!Files.isDirectory(f)) {
            throw new Refusal("Feed folder " + f + " does not exist or is not a folder; nothing was changed.");
        }
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_SPACE, s);
            if (tx.packages().feeds(s.id()).contains(f.toString())) {
                throw new Refusal("'" + s.name() + "' already has feed " + f + ".");
            }
            tx.packages().addFeed(s.id(), f.toString(), StoreTime.now(store.clock()), store.person().name());
            tx.audit().append("package.feed-add", "package feeds of " + s.describe(), "added " + f);
            return f.toString();
        });
    }

    public void removeFeed(String space, String folder) {
        String f = Path.of(folder).toAbsolutePath().normalize().toString();
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_SPACE, s);
            if (!tx.packages().removeFeed(s.id(), f)) {
                throw new Refusal("'" + s.name() + "' has no feed " + f + ".");
            }
            tx.audit().append("package.feed-remove", "package feeds of " + s.describe(), "removed " + f);
            return null;
        });
    }

    /** A package removed: its row, and the sentence on its file (deleted, kept for another row, or not deleted and why). */
    public record Removed(StoredPackage pkg, String file) {
    }

    /**
     * Removes package {@code id} {@code version} from the space's store (decision 0059, 2026-12-05): refused, nothing changed,
     * while a release of the space not yet deployed to its lifecycle's last phase names it. Its file is deleted after the commit
     * once no package row of the store names its hash (one the deletion fails on is left for {@link #clean}). Administrators; audited.
     */
    public Removed remove(String space, String id, String version) {
        record Gone(StoredPackage pkg, Path file) {
        }
        Gone gone = store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_SPACE, s);
            StoredPackage p = tx.packages().find(s.id(), id, version).orElseThrow(() -> new Refusal("The store of '" + s.name()
                    + "' holds no package " + id + " " + version + "; nothing was changed."));
            List<String> naming = releasesStillNaming(tx, s, p);
            if (!naming.isEmpty()) {
                throw new Refusal("Package " + p.packageId() + " " + p.version() + " is named by " + String.join(", ", naming) + ", not yet"
                        + " deployed to the last phase of " + (naming.size() == 1 ? "its lifecycle" : "their lifecycles") + "; it stays in the store of '"
                        + s.name() + "'.");
            }
            tx.packages().remove(s.id(), p.packageId(), p.version());
            boolean named = tx.packages().hashesNamed().contains(p.sha256());
            tx.audit().append("package.remove", "package " + p.packageId() + " " + p.version() + " of " + s.describe(), "removed from the store:"
                    + " SHA-256 " + p.sha256() + (named ? "; its file kept: another package names the same SHA-256" : "; its file deleted"));
            return new Gone(p, named ? null : contentPath(folder(store, tx, s), p.sha256()));
        });
        if (gone.file() == null) {
            return new Removed(gone.pkg(), "its file is kept: another package names the same SHA-256.");
        }
        try {
            Files.deleteIfExists(gone.file());
            return new Removed(gone.pkg(), "its file " + gone.file() + " was deleted.");
        } catch (IOException e) {
            return new Removed(gone.pkg(), "its file " + gone.file() + " could not be deleted (" + e.getMessage() + "); package clean removes it later.");
        }
    }

    /**
     * "release 1.2.0 of 'Web'" for each release of the space (its current revision) that names the package by id and version and
     * is not yet deployed (or reported, or promoted) to a member of its lifecycle's last phase: it may still be deployed here.
     * Only the releases still under way are read whole.
     */
    private static List<String> releasesStillNaming(StoreTx tx, Space s, StoredPackage p) {
        List<String> naming = new ArrayList<>();
        for (odcm.model.project.Project project : tx.projects().findHeadsBySpace(s.id())) {
            List<odcm.model.lifecycle.Phase> phases = DeploymentService.lifecycle(tx, project).phases();
            for (odcm.model.release.ReleaseHead head : tx.releases().findHeadsByProject(project.id())) {
                odcm.model.deployment.DeploymentRules.Progress progress = DeploymentService.progress(tx, s, head.id());
                boolean through = !phases.isEmpty() && phases.get(phases.size() - 1).members().stream().anyMatch(progress::complete);
                if (!through && tx.releases().findById(head.id()).orElseThrow().snapshot().packages().stream()
                        .anyMatch(v -> Names.same(v.packageId(), p.packageId()) && v.version().equals(p.version()))) {
                    naming.add("release " + head.version() + " of '" + project.name() + "'");
                }
            }
        }
        return naming;
    }

    /** What {@link #clean} did: the files it removed, and those it left because they were written in the last hour. */
    public record Cleaned(Path folder, List<Path> removed, long bytes, List<Path> recent) {
    }

    /** How long a file no row names is left alone: it may be a copy under way (package add) whose row is not yet recorded. */
    static final java.time.Duration UNDER_WAY = java.time.Duration.ofHours(1);

    /**
     * Removes from the space's store folder the files no package row of the store names: a {@code .incoming-*.part} left by a
     * stopped copy, a file under a hash whose record was refused or whose deletion failed. Files of other names (not the
     * console's) and files written in the last hour are left. Administrators; audited when something was removed.
     */
    public Cleaned clean(String space) {
        record Known(Path folder, java.util.Set<String> named) {
        }
        Known known = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_SPACE, s);
            return new Known(folder(store, tx, s), tx.packages().hashesNamed());
        });
        List<Path> removed = new ArrayList<>();
        List<Path> recent = new ArrayList<>();
        long bytes = 0;
        java.time.Instant before = java.time.Instant.now().minus(UNDER_WAY);
        try {
            for (Path f : unnamed(known.folder(), known.named())) {
                java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.lastModifiedTime().toInstant().isAfter(before)) {
                    recent.add(f);
                } else if (Files.deleteIfExists(f)) {
                    removed.add(f);
                    bytes += a.size();
                }
            }
        } catch (IOException e) {
            throw new Refusal("The store folder " + known.folder() + " could not be cleaned: " + e.getMessage()
                    + (removed.isEmpty() ? "; nothing was removed." : "; " + removed.size() + " files were removed before."));
        }
        if (!removed.isEmpty()) {
            long total = bytes;
            store.write(tx -> {
                Space s = EnvironmentService.requireLocal(tx, space);
                tx.audit().append("package.clean", "package store of " + s.describe(), "removed " + removed.size() + " files no package names ("
                        + total + " bytes) from " + known.folder());
                return null;
            });
        }
        return new Cleaned(known.folder(), List.copyOf(removed), bytes, List.copyOf(recent));
    }

    /** The folder's {@code .incoming-*.part} files and its {@code <2 hex>/<sha256>} files no row names; never through a link. */
    private static List<Path> unnamed(Path folder, java.util.Set<String> named) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> top = Files.newDirectoryStream(folder)) {
            for (Path f : top) {
                String n = f.getFileName().toString();
                if (n.startsWith(".incoming-") && n.endsWith(".part") && !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(f);
                } else if (n.matches("[0-9a-f]{2}") && Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    try (DirectoryStream<Path> inner = Files.newDirectoryStream(f)) {
                        for (Path g : inner) {
                            String h = g.getFileName().toString();
                            if (h.matches("[0-9a-f]{64}") && h.startsWith(n) && !named.contains(h) && !Files.isDirectory(g, LinkOption.NOFOLLOW_LINKS)) {
                                out.add(g);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Sets whether a deployment in the space needs every package of its release found and checked first, and where the store's
     * folder is (null: leave as is; "" the default). Audited. A setting whose row fails its seal (changed outside the console,
     * or set before V31) is refused unless both are given: then it is set anew, and sealed.
     */
    public void setPolicy(String space, Boolean requireCheck, String storeFolder) {
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_SPACE, s);
            PackageRepository.Policy now;
            try {
                now = tx.packages().policy(s.id());
            } catch (Refusal unsealed) {
                if (requireCheck == null || storeFolder == null) {
                    throw new Refusal(unsealed.getMessage() + " To set it anew, give both the package check and the store folder (odcm space set --require-package-check on|off"
                            + " --package-store FOLDER, '' for the default).");
                }
                now = new PackageRepository.Policy(!requireCheck, null); // whatever it says, it is replaced whole
            }
            String folder = storeFolder == null ? now.storeFolder()
                    : storeFolder.isBlank() ? null : Path.of(storeFolder).toAbsolutePath().normalize().toString();
            PackageRepository.Policy next = new PackageRepository.Policy(requireCheck == null ? now.requireCheck() : requireCheck, folder);
            if (next.equals(now)) {
                throw new Refusal("The package settings of '" + s.name() + "' already are as given; nothing was changed.");
            }
            tx.packages().setPolicy(s.id(), next, StoreTime.now(store.clock()), store.person().name());
            tx.audit().append("package.policy", "package settings of " + s.describe(), (next.requireCheck() ? REQUIRED : "package check advisory") + "; store folder "
                    + (folder == null ? "the default" : folder));
            return null;
        });
    }

    /**
     * Refuses when the audit log's last word on {@code s}'s package settings is that the check is required while the store has
     * no such setting: its row was removed outside ODCM Console, which would let a deployment through unchecked (as
     * {@code acceptance_policy}'s, decision 0039). Called where a deployment would go on without every package checked.
     */
    static void requirementNotRemoved(StoreTx tx, Space s) {
        String consequence = "Whether " + s.describe() + " requires its packages checked is read from it as well, so nothing is deployed there";
        AuditAnchor.About about = AuditAnchor.about(tx, s, List.of("package.policy"), e -> true, consequence);
        List<odcm.model.audit.AuditEntry> said = about.entries().stream().filter(e -> about.inSpace(e, "package settings of ")).toList();
        if (!said.isEmpty() && said.get(said.size() - 1).detail().startsWith(REQUIRED)) {
            throw new Refusal(s.describe() + " requires every package checked before a deployment (audit entry " + said.get(said.size() - 1).seq()
                    + "), but the store's record of that setting is missing: it was removed outside ODCM Console, so nothing is deployed"
                    + " there. Set it again (odcm space set --require-package-check), or restore the store from a backup.");
        }
    }

    private static final String REQUIRED = "package check required before a deployment";

    /** Every package of the release's manifest, found (store, then feeds) and checked; reads files, so never on the FX thread. */
    public List<Check> verify(String space, String project, String version) {
        Located where = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Release r = tx.releases().find(ProjectService.require(tx, s, project).id(), version == null ? "" : version)
                    .orElseThrow(() -> new Refusal("Project '" + project + "' has no release " + version + "."));
            return located(store, tx, s, r);
        });
        return where.check();
    }

    /** A package's file as found, and where in words ("the store", "feed /srv/share"). */
    record Found(Path file, String where) {
    }

    /** What a check needs from the store: read in a transaction, then checked outside it (files are read with no transaction open). */
    record Located(List<PackageVersion> packages, Path folder, List<StoredPackage> held, List<String> feeds) {
        List<Check> check() {
            List<Check> checks = new ArrayList<>();
            for (PackageVersion p : packages) {
                checks.add(checkOne(p));
            }
            return checks;
        }

        Check checkOne(PackageVersion p) {
            String name = "Package " + p.packageId() + " " + p.version();
            Optional<StoredPackage> row = held.stream().filter(h -> Names.same(h.packageId(), p.packageId()) && h.version().equals(p.version())).findFirst();
            if (row.isPresent() && !row.get().sha256().equals(p.sha256())) {
                return new Check(p, Status.WRONG, name + " in the store has SHA-256 " + row.get().sha256() + ", the release names " + p.sha256() + ".");
            }
            Found found = found(p);
            if (found != null) {
                long expected = found.where().equals("the store") ? row.map(StoredPackage::size).orElse(-1L) : -1;
                return checked(p, found.file(), expected, name, found.where());
            }
            List<String> absent = feeds.stream().filter(feed -> !Files.isDirectory(Path.of(feed))).toList();
            return new Check(p, Status.MISSING, name + " is in neither the store nor a feed"
                    + (absent.isEmpty() ? "" : " (feed folder " + String.join(", ", absent) + " does not exist)") + ".");
        }

        /** Where {@code p}'s file is (the store, then the feeds in order), not yet checked; null when nowhere. */
        Found found(PackageVersion p) {
            Path stored = contentPath(folder, p.sha256());
            if (Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS)) {
                return new Found(stored, "the store");
            }
            for (String feed : feeds) {
                Path f = Path.of(feed);
                Optional<Path> in = Files.isDirectory(f) ? inFeed(f, p) : Optional.empty();
                if (in.isPresent()) {
                    return new Found(in.get(), "feed " + feed);
                }
            }
            return null;
        }

        private static Check checked(PackageVersion p, Path file, long expectedSize, String name, String where) {
            Hashed h;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                h = hash(in, OutputStream.nullOutputStream());
            } catch (IOException e) {
                return new Check(p, Status.MISSING, name + " could not be read in " + where + ": " + e.getMessage() + ".");
            }
            return verdict(p, h, expectedSize, name, where);
        }

        /** What the bytes read of {@code p}'s file (its hash and size) say about it. */
        static Check verdict(PackageVersion p, Hashed h, long expectedSize, String name, String where) {
            if (expectedSize >= 0 && h.size != expectedSize) {
                return new Check(p, Status.WRONG, name + " in " + where + " is " + h.size + " bytes, it was " + expectedSize + " when added.");
            }
            if (!h.sha256.equals(p.sha256())) {
                return new Check(p, Status.WRONG, name + " in " + where + " has SHA-256 " + h.sha256 + ", the release names " + p.sha256() + ".");
            }
            return new Check(p, Status.PRESENT, name + " is present in " + where + " (" + h.size + " bytes).");
        }

        /** A regular file (never a link) directly in the feed named {@code <id>.<version>.*}, {@code <id>-<version>.*} or by its SHA-256. */
        private static Optional<Path> inFeed(Path feed, PackageVersion p) {
            String dot = (p.packageId() + "." + p.version() + ".").toLowerCase(Locale.ROOT);
            String dash = (p.packageId() + "-" + p.version() + ".").toLowerCase(Locale.ROOT);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(feed)) {
                for (Path f : files) {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if ((n.startsWith(dot) || n.startsWith(dash) || n.equals(p.sha256())) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        return Optional.of(f);
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
    }

    static Located located(Store store, StoreTx tx, Space s, Release r) {
        return new Located(r.snapshot().packages(), folder(store, tx, s), tx.packages().packages(s.id()), tx.packages().feeds(s.id()));
    }

    /**
     * As {@link #located}, or null where the space uses no package store (nothing added, no feed) and does not require the
     * check; the release is read only when it is needed, so a deployment in such a space reads nothing more.
     */
    static Located locatedWhereUsed(Store store, StoreTx tx, Space s, java.util.function.Supplier<Release> release) {
        List<StoredPackage> held = tx.packages().packages(s.id());
        List<String> feeds = tx.packages().feeds(s.id());
        if (held.isEmpty() && feeds.isEmpty() && !tx.packages().policy(s.id()).requireCheck()) {
            return null;
        }
        Release r = release.get();
        return new Located(r == null ? List.of() : r.snapshot().packages(), folder(store, tx, s), held, feeds);
    }

    /** Where the space's packages are looked for, or null where it uses no package store ({@link #locatedWhereUsed}'s rule). */
    static PackagePresence presenceWhereUsed(Store store, StoreTx tx, Space s) {
        Located l = locatedWhereUsed(store, tx, s, () -> null);
        return l == null ? null : new PackagePresence(l.folder(), l.feeds());
    }

    /** The space's store folder: its setting, else {@code packages/space-<id>} under the store's folder. */
    static Path folder(Store store, StoreTx tx, Space s) {
        String set = tx.packages().policy(s.id()).storeFolder();
        return set != null ? Path.of(set) : store.location().storeDir().resolve("packages").resolve("space-" + s.id());
    }

    /** A file's place in a store folder: {@code <first two hex digits>/<sha256>}, never outside the folder. */
    static Path contentPath(Path folder, String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new Refusal("A package's SHA-256 must be 64 hexadecimal digits.");
        }
        Path p = folder.resolve(sha256.substring(0, 2)).resolve(sha256).normalize();
        if (!p.startsWith(folder.normalize())) {
            throw new Refusal("A package's path " + p + " would leave the store folder " + folder + "; nothing was changed.");
        }
        return p;
    }

    record Hashed(String sha256, long size) {
    }

    /** Streams {@code source} into the folder, hashing it; the file appears under its hash only once complete. */
    private static Hashed copyIn(Path source, Path folder) {
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, ".incoming-", ".part");
            Hashed h;
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS); OutputStream out = Files.newOutputStream(temp)) {
                h = hash(in, out);
            }
            Path target = contentPath(folder, h.sha256);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == h.size) {
                Files.delete(temp);
            } else {
                Files.createDirectories(target.getParent());
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return h;
        } catch (IOException e) {
            throw new Refusal("The package could not be copied into the store folder " + folder + ": " + e.getMessage() + "; nothing was changed.");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is named .incoming-*.part: never taken for a package
                }
            }
        }
    }

    /** Streams {@code in} to {@code out}, 64 KiB at a time, hashing it as it goes. */
    static Hashed hash(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
        }
        return new Hashed(HexFormat.of().formatHex(sha.digest()), size);
    }

    private static void refuseIfHeld(StoreTx tx, Space s, String packageId, String version) {
        tx.packages().find(s.id(), packageId, version).ifPresent(p -> {
            throw new Refusal("The store of '" + s.name() + "' already holds package " + p.packageId() + " " + p.version() + ".");
        });
    }
}
