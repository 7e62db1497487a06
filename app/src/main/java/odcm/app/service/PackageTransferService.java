package odcm.app.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import odcm.app.io.UserFiles;
import odcm.model.Names;
import odcm.model.Progress;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.role.Action;
import odcm.model.space.Space;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.SignedStatements;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.VerificationContext;
import odcm.packaging.bundle.VerificationOutcome.Kind;
import odcm.packaging.pkg.PackageArchive;
import odcm.packaging.pkg.PackageDelta;
import odcm.packaging.pkg.PackageInventory;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.bundle.BundleRepository;
import odcm.persistence.pkg.PackageRepository.StoredPackage;
import odcm.persistence.space.StoredCertificate;

/**
 * Packages between spaces (decision 0060): a space's signed inventory of the packages it holds, for the space that sends it
 * packages; a signed package archive of what a target lacks for a release, each package whole or as a delta on one the target
 * has; and its import, which rebuilds each package beside the store, checks it against the archive's statement and the
 * release's signed manifest as this store holds it, and stores all or none. Files stream: no package is held in memory.
 */
public final class PackageTransferService {
    public static final String EXTENSION = ".odcmpackages";
    public static final String INVENTORY_EXTENSION = ".odcminventory";
    private final Store store;

    public PackageTransferService(Store store) {
        this.store = store;
    }

    /** What a command did: a sentence, then one line per package. */
    public record Result(String sentence, List<String> lines) {
    }

    // ---- inventory ----

    /**
     * Writes the signed inventory of the packages {@code space} holds (its store's rows), for {@code forSpace}, the space that
     * sends it packages; valid for {@link BundleService#DEFAULT_VALID_DAYS} days. Audited; an existing file is not replaced.
     */
    public Result inventory(String space, String forSpace, Path out) {
        Path file = out.toAbsolutePath();
        refuseExisting(file);
        Path tmp = temp(file);
        boolean[] placed = {false};
        try {
            return store.write(tx -> {
                Space t = EnvironmentService.requireLocal(tx, space);
                RoleService.check(tx, store, Action.WRITE_RECEIPT, t);
                Space s = SpaceService.require(tx, forSpace);
                if (s.id() == t.id()) {
                    throw new Refusal("An inventory goes to the space that sends '" + t.name() + "' packages, not to itself.");
                }
                Instant now = StoreTime.now(store.clock());
                Path folder = PackageService.folder(store, tx, t);
                // Held: a row whose file is in the store folder at its size (looked at, not hashed); a lost file is asked for again.
                List<StoredPackage> held = tx.packages().packages(t.id()).stream().filter(p -> present(folder, p.sha256(), p.size())).toList();
                if (held.size() > Limits.MAX_PACKAGES) {
                    throw new Refusal("'" + t.name() + "' holds " + held.size() + " packages, more than the " + Limits.MAX_PACKAGES
                            + " an inventory may list; nothing was written.");
                }
                List<PackageInventory.Held> listed = held.stream().map(p -> new PackageInventory.Held(p.packageId(), p.size(), p.sha256(), p.version())).toList();
                String id = UUID.randomUUID().toString();
                byte[] targetCert = tx.spaces().certificates(s.id()).get(0).der();
                try {
                    try (Signer signer = signer(tx, t); OutputStream o = Files.newOutputStream(tmp)) {
                        PackageInventory.write(id, t.name(), s.name(), targetCert, now, now.plus(Duration.ofDays(BundleService.DEFAULT_VALID_DAYS)),
                                listed, signer.key, o);
                    }
                    tx.audit().append("package.inventory", "package inventory of " + t.describe() + " for " + s.describe(),
                            "inventory " + id + ", " + listed.size() + " packages, file " + file);
                    placed[0] = place(tmp, file, false);
                } catch (IOException e) {
                    throw new Refusal("Cannot write " + file + ": " + UserFiles.reason(e) + "; nothing was written.");
                }
                return new Result("Wrote " + file + ": the inventory of the " + listed.size() + " packages '" + t.name() + "' holds, for '"
                        + s.name() + "'.", held.stream().map(p -> p.packageId() + " " + p.version() + "\t" + p.sha256() + "\t" + p.size()).toList());
            });
        } catch (RuntimeException e) {
            unplace(placed[0], file); // placed, but the audit entry did not commit: no file without its entry
            throw e;
        } finally {
            deleteQuietly(tmp);
        }
    }

    // ---- export ----

    /** A package the target lacks, where its file is here, and the packages the target holds a delta may be based on, best first. */
    private record Send(PackageVersion pkg, PackageService.Found found, List<PackageVersion> bases) {
    }

    /** What an export needs, read in one transaction; files are read after it. */
    private record Plan(Space source, Space target, byte[] targetCert, Release release, String bundleId, PackageService.Located here,
                        List<PackageVersion> lacking, List<PackageVersion> heldThere, List<String> held) {
        /** Where each package the target lacks is, and its bases: looked at, not read (each file is hashed as it is sent). */
        List<Send> sends() {
            List<Send> sends = new ArrayList<>();
            for (PackageVersion p : lacking) {
                PackageService.Found f = here.found(p);
                if (f == null) {
                    throw new Refusal(here.checkOne(p).sentence() + " Nothing was written.");
                }
                sends.add(new Send(p, f, bases(p, heldThere, here)));
            }
            return sends;
        }
    }

    /**
     * Writes a package archive of release {@code version} of {@code project} of {@code space} for {@code forSpace}: only the
     * packages the target lacks (per its signed inventory {@code have}, else the packages of the releases of that project this
     * space sent it bundles of), each as a delta on a package the target holds (the same id, nearest earlier version) when that
     * is smaller, else whole. Every byte signed is hashed as it is read and compared with the release's manifest: the writer's
     * two passes over a whole package, and the private copies of a package and its base the delta is encoded from. Written
     * beside {@code out}, placed (never over a file that appeared meanwhile) with its audit entry; a stop asked for
     * ({@link Progress.Cancelled}) leaves no file.
     */
    public Result export(String space, String project, String version, String forSpace, Optional<Path> have, Path out, Progress progress) {
        return export(space, project, version, forSpace, have, out, false, progress);
    }

    /** As {@link #export(String, String, String, String, Optional, Path, Progress)}; with {@code replace} an existing file is replaced. */
    public Result export(String space, String project, String version, String forSpace, Optional<Path> have, Path out, boolean replace,
                         Progress progress) {
        Path file = out.toAbsolutePath();
        if (!replace || Files.isDirectory(file)) {
            refuseExisting(file);
        }
        byte[] inventory = have.map(h -> UserFiles.read(h, (int) Limits.DEFAULT.maxTotalBytes(), "a package inventory")).orElse(null);
        Plan plan = store.read(tx -> plan(tx, space, project, version, forSpace, inventory));
        if (plan.lacking().isEmpty()) {
            throw new Refusal("'" + plan.target().name() + "' holds every package of release " + plan.release().version() + " of '" + project
                    + "' already; nothing was written.");
        }
        List<Path> temps = new ArrayList<>();
        boolean[] placed = {false};
        try {
            List<PackageArchive.Item> items = new ArrayList<>();
            List<String> lines = new ArrayList<>(plan.held());
            Path work = null; // a private folder beside the file: the checked copies a delta is encoded from, and the deltas
            for (Send s : plan.sends()) { // files read with no transaction open
                PackageVersion p = s.pkg();
                String name = p.packageId() + " " + p.version();
                Path whole = s.found().file(); // the writer reads it without following a link, hashed in both its passes
                long size = Files.size(whole);
                PackageVersion base = null;
                if (!s.bases().isEmpty()) {
                    if (work == null) {
                        work = Files.createTempDirectory(file.getParent(), ".odcm-");
                        temps.add(work);
                    }
                    whole = copy(p, s.found(), work, temps, progress);
                    size = Files.size(whole);
                    for (PackageVersion b : s.bases()) {
                        Path baseCopy = copyIfIntact(b, plan.here().found(b), work, temps, progress);
                        if (baseCopy == null) {
                            continue;
                        }
                        Path delta = Files.createTempFile(work, "delta-", ".partial");
                        temps.add(delta);
                        try (OutputStream o = new Capped(new java.io.BufferedOutputStream(Files.newOutputStream(delta), 1 << 16), size - 1)) {
                            PackageDelta.encode(baseCopy, whole, o, progress);
                            base = b;
                        } catch (Capped.Full e) {
                            // not smaller than the package: sent whole
                        }
                        deleteQuietly(baseCopy);
                        if (base != null) {
                            long d = Files.size(delta);
                            items.add(new PackageArchive.Item(p.packageId(), p.version(), p.sha256(), size, b.sha256(), delta));
                            lines.add(name + "\tsent as a delta on " + b.packageId() + " " + b.version() + ": " + d + " of " + size + " bytes");
                            deleteQuietly(whole);
                        }
                        break;
                    }
                }
                if (base == null) {
                    items.add(new PackageArchive.Item(p.packageId(), p.version(), p.sha256(), size, null, whole));
                    lines.add(name + "\tsent whole: " + size + " bytes");
                }
            }
            Path tmp = temp(file);
            temps.add(tmp);
            String archiveId = UUID.randomUUID().toString();
            Instant now = StoreTime.now(store.clock());
            PackageArchive.Release release = new PackageArchive.Release(plan.bundleId(), project, plan.release().version());
            // Written with no transaction open: a large archive never holds the store.
            try (Signer signer = store.read(tx -> signer(tx, EnvironmentService.requireLocal(tx, space)));
                 OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                PackageArchive.write(archiveId, plan.source().name(), plan.target().name(), plan.targetCert(), now,
                        now.plus(Duration.ofDays(BundleService.DEFAULT_VALID_DAYS)), release, items, signer.key, o, progress);
            }
            long bytes = Files.size(tmp);
            store.write(tx -> {
                Space s = EnvironmentService.requireLocal(tx, space);
                RoleService.check(tx, store, Action.PROMOTE, s);
                tx.audit().append("package.export", "packages of release " + plan.release().version() + " of project '" + project + "' of "
                        + s.describe(), "archive " + archiveId + " for " + plan.target().describe() + ": " + items.size() + " sent, "
                        + plan.held().size() + " held there already; file " + file + " (" + bytes + " bytes)");
                progress.step(1, 1, "Saving"); // the last moment a Cancel undoes it all
                try {
                    placed[0] = place(tmp, file, replace);
                } catch (IOException e) {
                    throw new Refusal("The package archive could not be moved to " + file + ": " + UserFiles.reason(e) + "; nothing was written.");
                }
                return null;
            });
            return new Result("Wrote " + file + ": " + items.size() + (items.size() == 1 ? " package" : " packages") + " of release "
                    + plan.release().version() + " of '" + project + "' for '" + plan.target().name() + "' (" + bytes + " bytes); "
                    + plan.held().size() + " held there already.", lines);
        } catch (IOException e) {
            throw new Refusal("The package archive could not be written to " + file + ": " + UserFiles.reason(e) + "; nothing was written.");
        } catch (RuntimeException e) {
            unplace(placed[0], file); // placed, but the audit entry did not commit: no file without its entry
            throw e;
        } finally {
            for (int i = temps.size() - 1; i >= 0; i--) { // the folder last, once emptied
                deleteQuietly(temps.get(i));
            }
        }
    }

    /**
     * A private copy of {@code p}'s file, hashed as it is copied (the file opened without following a link) and compared with
     * the release's manifest: the delta is encoded from these checked bytes only, never from a path that may have changed.
     */
    private static Path copy(PackageVersion p, PackageService.Found found, Path work, List<Path> temps, Progress progress) throws IOException {
        Path copy = Files.createTempFile(work, "package-", ".partial");
        temps.add(copy);
        String name = "Package " + p.packageId() + " " + p.version();
        InputStream opened;
        long total;
        try {
            total = Files.size(found.file());
            opened = Files.newInputStream(found.file(), LinkOption.NOFOLLOW_LINKS); // a link (swapped in since it was found) is refused
        } catch (IOException e) {
            throw new Refusal(name + " could not be read in " + found.where() + ": " + UserFiles.reason(e) + ". Nothing was written.");
        }
        PackageService.Hashed h;
        try (InputStream in = new Stepping(opened, total, progress); OutputStream o = Files.newOutputStream(copy)) {
            h = PackageService.hash(in, o);
        }
        PackageService.Check c = PackageService.Located.verdict(p, h, -1, name, found.where());
        if (c.status() != PackageService.Status.PRESENT) {
            throw new Refusal(c.sentence() + " Nothing was written.");
        }
        return copy;
    }

    /** As {@link #copy}, or null when the file is not the package (a base not intact is not used). */
    private static Path copyIfIntact(PackageVersion b, PackageService.Found found, Path work, List<Path> temps, Progress progress) throws IOException {
        try {
            return copy(b, found, work, temps, progress);
        } catch (Refusal r) {
            return null;
        }
    }

    private Plan plan(StoreTx tx, String space, String project, String version, String forSpace, byte[] inventory) {
        Space s = EnvironmentService.requireLocal(tx, space);
        RoleService.check(tx, store, Action.PROMOTE, s);
        Space t = SpaceService.require(tx, forSpace);
        if (t.id() == s.id()) {
            throw new Refusal("A package archive goes to another space than '" + s.name() + "'.");
        }
        Release r = tx.releases().find(ProjectService.require(tx, s, project).id(), version == null ? "" : version.strip())
                .orElseThrow(() -> new Refusal("Project '" + project + "' has no release " + version + "."));
        List<BundleRepository.OutboxEntry> sent = tx.bundles().outbox(s.id()).stream().filter(e -> e.targetSpaceId() == t.id()).toList();
        String bundleId = sent.stream().filter(e -> e.releaseId() == r.id()).map(e -> e.bundleId().toString()).reduce((a, b) -> b).orElse(null);
        List<PackageVersion> held = new ArrayList<>();
        if (inventory != null) {
            held.addAll(inventoryOf(tx, s, t, inventory));
        } else { // as far as this store knows: the packages of the releases of this project it sent the target
            sent.stream().filter(e -> e.releaseId() != r.id()).map(e -> tx.releases().findById(e.releaseId()).orElse(null))
                    .filter(x -> x != null && x.projectId() == r.projectId()).forEach(x -> held.addAll(x.snapshot().packages()));
        }
        Set<String> heldSha = new HashSet<>();
        held.forEach(h -> heldSha.add(h.sha256()));
        List<PackageVersion> lacking = new ArrayList<>();
        List<String> already = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (PackageVersion p : r.snapshot().packages()) {
            if (heldSha.contains(p.sha256())) {
                already.add(p.packageId() + " " + p.version() + "\theld by '" + t.name() + "' already, not sent");
            } else if (planned.add(p.sha256())) { // the same bytes under another id: one file at the target
                lacking.add(p);
            }
        }
        return new Plan(s, t, tx.spaces().certificates(t.id()).get(0).der(), r, bundleId, PackageService.located(store, tx, s, r), lacking,
                held, already);
    }

    /** The packages a genuine inventory of {@code t} for {@code s} lists; refused unless {@code s} trusts {@code t} for receipts. */
    private List<PackageVersion> inventoryOf(StoreTx tx, Space s, Space t, byte[] bytes) {
        VerificationContext ctx = BundleChecks.context(store, tx, s, BundleChecks.Accepting.DEPLOYMENT_RECEIPTS, false);
        PackageInventory.Read read;
        try {
            read = PackageInventory.verify(bytes, ctx);
        } catch (SignedStatements.Refused r) {
            throw new Refusal(r.outcome().sentence(Kind.PACKAGE_INVENTORY) + " Nothing was written.");
        }
        if (tx.spaces().findByFingerprint(read.signer()).filter(x -> x.id() == t.id()).isEmpty()) {
            throw new Refusal("The inventory was signed by '" + read.statement().source().space() + "', not by '" + t.name()
                    + "'; give the inventory of the space the packages are for. Nothing was written.");
        }
        return read.statement().packages().stream().map(h -> new PackageVersion(h.id(), h.version(), h.sha256())).toList();
    }

    /**
     * The packages the target holds that {@code p} may be sent as a delta on, best first: the same id, the nearest earlier
     * version (then the nearest later), whose file is here (checked by its hash when it is copied).
     */
    private static List<PackageVersion> bases(PackageVersion p, List<PackageVersion> held, PackageService.Located here) {
        List<PackageVersion> same = held.stream().filter(h -> Names.same(h.packageId(), p.packageId()) && !h.sha256().equals(p.sha256()))
                .sorted(Comparator.comparing(PackageVersion::version, PackageTransferService::compareVersions)).toList();
        List<PackageVersion> order = new ArrayList<>();
        for (int i = same.size() - 1; i >= 0; i--) {
            if (compareVersions(same.get(i).version(), p.version()) < 0) {
                order.add(same.get(i)); // earlier ones, nearest first
            }
        }
        same.stream().filter(h -> compareVersions(h.version(), p.version()) >= 0).forEach(order::add);
        return order.stream().filter(b -> here.found(b) != null).toList();
    }

    /** Versions compared by their runs of digits as numbers and the rest as text: 1.9 before 1.10. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean digits = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit);
            int c = digits ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    // ---- import ----

    /**
     * A package rebuilt beside the store: its temporary file, its place once all are checked, and whether that place holds the
     * package already (a file without its row, hashed before it is recorded).
     */
    private record Rebuilt(PackageArchive.Package pkg, Path temp, Path target, boolean there) {
    }

    /**
     * Imports a package archive into {@code space}'s store: verified as it streams (signature by a space trusted for release
     * bundles, addressed here, each entry's hash), each package rebuilt into a temporary file in the store's folder (a delta
     * on the store's own package), checked against the statement and against the manifest of the release as this store holds
     * it (imported earlier, signed); then all renamed into place and recorded in one transaction, audited. Any refusal, or a
     * stop asked for, leaves no file, no folder and no row. Packages the store holds already (a row and its intact file) are
     * skipped; a row whose file is lost or damaged gets its file again.
     */
    public Result importArchive(String space, Path file, Progress progress) {
        Path archive = file.toAbsolutePath();
        if (!Files.isRegularFile(archive)) {
            throw new Refusal("There is no file " + archive + ".");
        }
        try {
            archive = archive.toRealPath(); // the file the user named, through a link if it is one (links inside are refused)
        } catch (IOException e) {
            throw new Refusal("Cannot read " + archive + ": " + UserFiles.reason(e) + ".");
        }
        Path path = archive;
        Imported state = store.read(tx -> {
            Space t = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, t);
            return new Imported(t, BundleChecks.context(store, tx, t, BundleChecks.Accepting.RELEASE_BUNDLES, false),
                    PackageService.folder(store, tx, t), tx.packages().packages(t.id()));
        });
        List<Rebuilt> rebuilt = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        boolean done = false;
        try {
            PackageArchive.read(path, state.context, new PackageArchive.Receiver() {
                @Override
                public void statement(PackageArchive.Read read) {
                    state.statement(read);
                }

                @Override
                public void entry(PackageArchive.Package p, InputStream data) throws IOException {
                    if (!state.intact(p.sha256())) {
                        rebuilt.add(state.rebuild(p, data));
                    }
                }
            }, progress);
            for (int i = 0; i < rebuilt.size(); i++) { // a file already in place is hashed here, with no transaction open
                Rebuilt r = rebuilt.get(i);
                boolean there = Files.isRegularFile(r.target(), LinkOption.NOFOLLOW_LINKS) && sha(r.target()).equals(r.pkg().sha256());
                rebuilt.set(i, new Rebuilt(r.pkg(), r.temp(), r.target(), there));
            }
            Result result = store.write(tx -> state.record(tx, rebuilt, placed, progress));
            done = true;
            return result;
        } catch (SignedStatements.Refused r) {
            throw new Refusal(r.outcome().sentence(Kind.PACKAGE_ARCHIVE) + " Nothing was changed.");
        } catch (Mismatch e) {
            throw new Refusal(e.getMessage());
        } catch (PackageDelta.BadDelta e) {
            throw new Refusal("A delta in the package archive cannot be applied: it " + e.getMessage() + ". Nothing was changed.");
        } catch (IOException e) {
            throw new Refusal("The package archive could not be imported: " + UserFiles.reason(e) + ". Nothing was changed.");
        } finally {
            rebuilt.forEach(x -> deleteQuietly(x.temp()));
            if (!done) {
                placed.forEach(PackageTransferService::deleteQuietly);
                state.created.forEach(PackageTransferService::deleteQuietly); // the folders it made, deepest first (emptied above)
            }
        }
    }

    /** An import under way: the space, its verification context and store, and (once read) the statement and the release. */
    private final class Imported {
        final Space space;
        final VerificationContext context;
        final Path folder;
        final Map<String, StoredPackage> held = new LinkedHashMap<>();
        final Map<String, Boolean> intact = new LinkedHashMap<>();
        final List<Path> created = new ArrayList<>();
        PackageArchive.Statement statement;
        odcm.model.cert.Fingerprint signer;
        Space source;
        Release release;

        Imported(Space space, VerificationContext context, Path folder, List<StoredPackage> rows) {
            this.space = space;
            this.context = context;
            this.folder = folder;
            rows.forEach(h -> held.put(h.sha256(), h));
        }

        /** The genuine statement: its release must be one this store holds from the source, each package in its signed manifest. */
        void statement(PackageArchive.Read read) {
            statement = read.statement();
            signer = read.source();
            PackageArchive.Release r = statement.release();
            store.read(tx -> {
                source = tx.spaces().findByFingerprint(read.source())
                        .orElseThrow(() -> new Refusal("The space that signed this package archive is no longer in this store."));
                release = heldRelease(tx, space, source, r).orElseThrow(() -> new Refusal("'" + space.name() + "' holds no release "
                        + r.version() + " of '" + r.project() + "' from '" + source.name() + "': import its release bundle first. Nothing was changed."));
                return null;
            });
            for (PackageArchive.Package p : statement.packages()) {
                boolean listed = release.snapshot().packages().stream().anyMatch(m -> m.sha256().equals(p.sha256())
                        && Names.same(m.packageId(), p.id()) && m.version().equals(p.version()));
                if (!listed) {
                    throw new Refusal("Package " + p.id() + " " + p.version() + " in the archive (SHA-256 " + p.sha256() + ") is not in the signed"
                            + " manifest of release " + release.version() + " of '" + release.projectName() + "' as '" + space.name()
                            + "' holds it. Nothing was changed.");
                }
            }
        }

        /** Whether the store holds {@code sha256}: a row, and its file in the store folder, hashed (once per import). */
        boolean intact(String sha256) throws IOException {
            StoredPackage row = held.get(sha256);
            if (row == null) {
                return false;
            }
            Boolean known = intact.get(sha256);
            if (known == null) {
                known = present(folder, sha256, row.size()) && sha(PackageService.contentPath(folder, sha256)).equals(sha256);
                intact.put(sha256, known);
            }
            return known;
        }

        /**
         * Rebuilds {@code p} into a temporary file in the store's folder, hashed, and checks it against the statement; a
         * mismatch is an {@link IOException} ({@link Mismatch}), so the reader first says whether the entry itself was changed.
         * A delta's base is looked at first and hashed only when the package it rebuilds is not the one named (to say which).
         */
        Rebuilt rebuild(PackageArchive.Package p, InputStream data) throws IOException {
            String name = "Package " + p.id() + " " + p.version();
            Path base = p.delta() ? PackageService.contentPath(folder, p.baseSha256()) : null;
            String noBase = name + " comes as a delta on package " + p.baseSha256() + ", which the store of '" + space.name()
                    + "' does not hold intact; ask for the archive again with this space's inventory (package inventory). Nothing was changed.";
            if (base != null && (!held.containsKey(p.baseSha256()) || !present(folder, p.baseSha256(), held.get(p.baseSha256()).size()))) {
                throw new Refusal(noBase);
            }
            makeFolders(folder);
            Path temp = Files.createTempFile(folder, ".incoming-", ".part");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream o = java.nio.channels.Channels.newOutputStream(ch); Hashing out = new Hashing(o)) {
                if (base != null) {
                    PackageDelta.apply(base, new java.io.BufferedInputStream(data, 1 << 16), out, p.size());
                } else {
                    data.transferTo(out);
                }
                PackageService.Hashed h = out.hashed();
                if (h.size() != p.size() || !h.sha256().equals(p.sha256())) {
                    if (base != null && !intact(p.baseSha256())) {
                        throw new Refusal(noBase);
                    }
                    throw new Mismatch(name + " rebuilt from the archive is " + h.size() + " bytes with SHA-256 " + h.sha256() + ", not the "
                            + p.size() + " bytes and SHA-256 " + p.sha256() + " its statement and the release's manifest name. Nothing was changed.");
                }
                ch.force(true); // on the disk before its row is committed (a power cut never leaves a row over an empty file)
                return new Rebuilt(p, temp, PackageService.contentPath(folder, p.sha256()), false);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temp);
                throw e;
            }
        }

        /** Creates {@code dir} and the folders above it that are missing, each noted (deepest first) to be removed if the import fails. */
        void makeFolders(Path dir) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path d = dir; d != null && !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
                missing.add(d);
            }
            Files.createDirectories(dir);
            created.addAll(0, missing);
        }

        /** Places the rebuilt files and records their rows, audited, in {@code tx}; the files placed go into {@code placed}. */
        Result record(StoreTx tx, List<Rebuilt> rebuilt, List<Path> placed, Progress progress) {
            Space t = EnvironmentService.requireLocal(tx, space.name());
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, t);
            odcm.packaging.bundle.SourceTrust trust = BundleChecks.context(store, tx, t, BundleChecks.Accepting.RELEASE_BUNDLES, false).trust().apply(signer);
            if (!(trust instanceof odcm.packaging.bundle.SourceTrust.Trusted || trust instanceof odcm.packaging.bundle.SourceTrust.Retired)) {
                throw new Refusal("'" + t.name() + "' no longer trusts '" + source.name() + "' for release bundles (changed while the archive was"
                        + " read); nothing was changed.");
            }
            Instant now = StoreTime.now(store.clock());
            Map<String, Rebuilt> bySha = new LinkedHashMap<>();
            rebuilt.forEach(r -> bySha.put(r.pkg().sha256(), r));
            List<String> lines = new ArrayList<>();
            int rows = 0;
            for (PackageArchive.Package p : statement.packages()) {
                Rebuilt r = bySha.get(p.sha256());
                lines.add(p.id() + " " + p.version() + "\t" + (r == null ? "held already, skipped"
                        : (p.delta() ? "rebuilt from a delta of " + p.entrySize() + " bytes" : "received whole") + ", " + p.size() + " bytes, stored"));
                if (r == null) {
                    continue;
                }
                for (PackageVersion m : release.snapshot().packages()) { // every id and version of the manifest with these bytes
                    if (m.sha256().equals(p.sha256()) && tx.packages().find(t.id(), m.packageId(), m.version()).isEmpty()) {
                        tx.packages().insert(t.id(), new StoredPackage(m.packageId(), m.version(), p.sha256(), p.size(), now, store.person().name()));
                        rows++;
                    }
                }
            }
            tx.audit().append("package.import", "packages of release " + release.version() + " of project '" + release.projectName() + "' of "
                    + t.describe(), "archive " + statement.archiveId() + " from " + source.describe() + ": " + rebuilt.size() + " stored, "
                    + (statement.packages().size() - rebuilt.size()) + " held already");
            progress.step(1, 1, "Saving"); // the last moment a Cancel undoes it all
            for (Rebuilt r : rebuilt) {
                if (!r.there()) { // a damaged file at its place is replaced
                    try {
                        makeFolders(r.target().getParent());
                        move(r.temp(), r.target());
                    } catch (IOException e) {
                        throw new Refusal("A package could not be placed in the store folder " + folder + ": " + UserFiles.reason(e)
                                + "; nothing was changed.");
                    }
                    placed.add(r.target());
                }
            }
            placed.stream().map(Path::getParent).distinct().forEach(PackageTransferService::sync); // the renames too
            int skipped = statement.packages().size() - rebuilt.size();
            return new Result("Imported " + rebuilt.size() + (rebuilt.size() == 1 ? " package" : " packages") + " of release " + release.version()
                    + " of '" + release.projectName() + "' into the store of '" + t.name() + "'" + (skipped == 0 ? "" : " (" + skipped
                    + " held already)") + "; " + rows + (rows == 1 ? " row" : " rows") + " recorded.", lines);
        }
    }

    /** The release of {@code source} that {@code here} holds: by the bundle it came in, else by its project and version. */
    private static Optional<Release> heldRelease(StoreTx tx, Space here, Space source, PackageArchive.Release r) {
        if (r.bundleId() != null) {
            Optional<Release> byBundle = tx.bundles().accepted(here.id(), UUID.fromString(r.bundleId()))
                    .filter(a -> a.sourceSpaceId() == source.id()).flatMap(a -> tx.releases().findById(a.releaseId()));
            if (byBundle.isPresent()) {
                return byBundle;
            }
        }
        String remote = source.name() + ": " + r.project();
        return tx.bundles().acceptedFrom(here.id(), source.id()).stream().map(a -> tx.releases().findById(a.releaseId()).orElse(null))
                .filter(x -> x != null && x.version().equals(r.version()) && (Names.same(x.projectName(), remote) || Names.same(x.projectName(), r.project())))
                .reduce((a, b) -> b);
    }

    // ---- helpers ----

    /** A space's signing key, opened from the store, wiped when closed. */
    private static final class Signer implements AutoCloseable {
        final SourceKey key;
        private final Secret secret;

        Signer(byte[] certificateDer, Secret secret) {
            this.secret = secret;
            this.key = new SourceKey(certificateDer, secret);
        }

        @Override
        public void close() {
            secret.wipe();
        }
    }

    private Signer signer(StoreTx tx, Space signer) {
        StoredCertificate current = tx.spaces().certificates(signer.id()).get(0);
        return new Signer(current.der(), BundleChecks.signingKey(store, tx, signer, current));
    }

    /** A hidden temporary file beside {@code file}, renamed to it when complete. */
    private static Path temp(Path file) {
        try {
            return Files.createTempFile(file.getParent(), ".odcm-", ".partial");
        } catch (IOException e) {
            throw new Refusal("Cannot write in " + file.getParent() + ": " + UserFiles.reason(e) + "; nothing was written.");
        }
    }

    private static void refuseExisting(Path file) {
        if (Files.isDirectory(file)) {
            throw new Refusal(file + " is a folder; give a file name to write to.");
        }
        if (Files.exists(file)) {
            throw new Refusal(file + " already exists; choose another file name.");
        }
        if (file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw new Refusal("The folder " + file.getParent() + " does not exist.");
        }
    }

    /**
     * Puts the complete {@code tmp} at {@code file}: over an existing file only with {@code replace} (a save dialog confirmed
     * it); otherwise as a hard link, which a file that appeared meanwhile refuses, or where links are not supported a move
     * that refuses one too. Returns true (the file is placed).
     */
    private static boolean place(Path tmp, Path file, boolean replace) throws IOException {
        if (replace) {
            move(tmp, file);
            return true;
        }
        try {
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new Refusal(file + " already exists; choose another file name. Nothing was written.");
        } catch (UnsupportedOperationException | IOException e) { // a file system without links (FAT): the JDK's move refuses a file there
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException again) {
                throw new Refusal(file + " already exists; choose another file name. Nothing was written.");
            }
        }
        return true;
    }

    /** Removes {@code file} when it was placed by a write whose transaction then did not commit. */
    private static void unplace(boolean placed, Path file) {
        if (placed) {
            deleteQuietly(file);
        }
    }

    /** Whether {@code sha256}'s file is in the store folder, a regular file of {@code size} bytes (looked at, not read). */
    private static boolean present(Path folder, String sha256, long size) {
        Path f = PackageService.contentPath(folder, sha256);
        try {
            return Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()
                    && Files.size(f) == size;
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new Refusal("Cannot read " + f + ": " + UserFiles.reason(e) + ".");
        }
    }

    private static String sha(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
            return PackageService.hash(in, OutputStream.nullOutputStream()).sha256();
        }
    }

    /** Writes a folder's entries (a rename into it) to the disk, where the system allows it (Linux does; elsewhere nothing). */
    private static void sync(Path dir) {
        try (java.nio.channels.FileChannel d = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every system opens a folder for this; the file itself was forced before its rename
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // named .incoming-*.part or .odcm-*.partial: never taken for a package or a file handed on
        }
    }

    /** A package rebuilt from an intact entry that is not the package its statement names. */
    private static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;

        Mismatch(String sentence) {
            super(sentence);
        }
    }

    /** An output stream that refuses ({@link Full}) to pass more than {@code limit} bytes: a delta no smaller than its package stops. */
    private static final class Capped extends java.io.FilterOutputStream {
        private long left;

        Capped(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left < 1) {
                throw new Full();
            }
            left--;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new Full();
            }
            left -= len;
            out.write(b, off, len);
        }

        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;
        }
    }

    /** An input stream that reports its progress as it is read (a Cancel asked for stops it). */
    private static final class Stepping extends java.io.FilterInputStream {
        private final long total;
        private final Progress progress;
        private long done;

        Stepping(InputStream in, long total, Progress progress) {
            super(in);
            this.total = total;
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            progress.step(done, total, "Checking the packages");
            int n = in.read(b, off, len);
            done += Math.max(n, 0);
            return n;
        }
    }

    /** An output stream that hashes what passes through it. */
    private static final class Hashing extends OutputStream {
        private final OutputStream out;
        private final java.security.MessageDigest sha;
        private long size;

        Hashing(OutputStream out) {
            this.out = out;
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sha.update(b, off, len);
            size += len;
            out.write(b, off, len);
        }

        PackageService.Hashed hashed() {
            return new PackageService.Hashed(java.util.HexFormat.of().formatHex(sha.digest()), size);
        }

        @Override
        public void close() {
            // the file's own stream is closed by its owner
        }
    }
}
