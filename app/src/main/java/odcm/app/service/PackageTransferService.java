package odcm.app.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
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
        return store.write(tx -> {
            Space t = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.WRITE_RECEIPT, t);
            Space s = SpaceService.require(tx, forSpace);
            if (s.id() == t.id()) {
                throw new Refusal("An inventory goes to the space that sends '" + t.name() + "' packages, not to itself.");
            }
            Instant now = StoreTime.now(store.clock());
            List<StoredPackage> held = tx.packages().packages(t.id());
            if (held.size() > Limits.MAX_PACKAGES) {
                throw new Refusal("'" + t.name() + "' holds " + held.size() + " packages, more than the " + Limits.MAX_PACKAGES
                        + " an inventory may list; nothing was written.");
            }
            List<PackageInventory.Held> listed = held.stream().map(p -> new PackageInventory.Held(p.packageId(), p.size(), p.sha256(), p.version())).toList();
            String id = UUID.randomUUID().toString();
            byte[] targetCert = tx.spaces().certificates(s.id()).get(0).der();
            Path tmp = temp(file);
            try {
                try (Signer signer = signer(tx, t); OutputStream o = Files.newOutputStream(tmp)) {
                    PackageInventory.write(id, t.name(), s.name(), targetCert, now, now.plus(Duration.ofDays(BundleService.DEFAULT_VALID_DAYS)),
                            listed, signer.key, o);
                }
                tx.audit().append("package.inventory", "package inventory of " + t.describe() + " for " + s.describe(),
                        "inventory " + id + ", " + listed.size() + " packages, file " + file);
                move(tmp, file);
            } catch (IOException e) {
                throw new Refusal("Cannot write " + file + ": " + UserFiles.reason(e) + "; nothing was written.");
            } finally {
                deleteQuietly(tmp);
            }
            return new Result("Wrote " + file + ": the inventory of the " + listed.size() + " packages '" + t.name() + "' holds, for '"
                    + s.name() + "'.", held.stream().map(p -> p.packageId() + " " + p.version() + "\t" + p.sha256() + "\t" + p.size()).toList());
        });
    }

    // ---- export ----

    /** A package the target lacks, its file here, and the package it holds that a delta may be based on (or null). */
    private record Send(PackageVersion pkg, Path file, long size, PackageVersion base, Path baseFile) {
    }

    /** What an export needs, read in one transaction; files are read after it. */
    private record Plan(Space source, Space target, byte[] targetCert, Release release, String bundleId, PackageService.Located here,
                        List<PackageVersion> lacking, List<PackageVersion> heldThere, List<String> held) {
        /**
         * Each package the target lacks, checked by its hash here, with the package it holds a delta may be based on: read
         * with no transaction open (files are hashed).
         */
        List<Send> sends() {
            List<Send> sends = new ArrayList<>();
            for (PackageVersion p : lacking) {
                PackageService.Check check = here.checkOne(p);
                if (check.status() != PackageService.Status.PRESENT) {
                    throw new Refusal(check.sentence() + " Nothing was written.");
                }
                Path f = here.found(p).file();
                PackageVersion base = base(p, heldThere, here);
                sends.add(new Send(p, f, size(f), base, base == null ? null : here.found(base).file()));
            }
            return sends;
        }
    }

    /**
     * Writes a package archive of release {@code version} of {@code project} of {@code space} for {@code forSpace}: only the
     * packages the target lacks (per its signed inventory {@code have}, else the packages of the releases of that project this
     * space sent it bundles of), each as a delta on a package the target holds (the same id, nearest earlier version) when that
     * is smaller, else whole. Every file sent is checked by its hash first. Written beside {@code out} and renamed when
     * complete; audited. A stop asked for ({@link Progress.Cancelled}) leaves no file.
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
        List<Path> temps = new ArrayList<>();
        try {
            List<PackageArchive.Item> items = new ArrayList<>();
            List<String> lines = new ArrayList<>(plan.held());
            for (Send s : plan.sends()) { // files hashed and encoded with no transaction open
                PackageVersion p = s.pkg();
                String name = p.packageId() + " " + p.version();
                if (s.base() != null) {
                    Path delta = Files.createTempFile(file.getParent(), ".odcm-", ".delta.partial");
                    temps.add(delta);
                    try (OutputStream o = Files.newOutputStream(delta)) {
                        PackageDelta.encode(s.baseFile(), s.file(), o, progress);
                    }
                    long size = Files.size(delta);
                    if (size < s.size()) {
                        items.add(new PackageArchive.Item(p.packageId(), p.version(), p.sha256(), s.size(), s.base().sha256(), delta));
                        lines.add(name + "\tsent as a delta on " + s.base().packageId() + " " + s.base().version() + ": " + size + " of " + s.size() + " bytes");
                        continue;
                    }
                }
                items.add(new PackageArchive.Item(p.packageId(), p.version(), p.sha256(), s.size(), null, s.file()));
                lines.add(name + "\tsent whole: " + s.size() + " bytes");
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
                    move(tmp, file);
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
        } finally {
            temps.forEach(PackageTransferService::deleteQuietly);
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
     * The package the target holds that {@code p} is best sent as a delta on: the same id, the nearest earlier version (else
     * the nearest later), whose file is here and checked; null when there is none.
     */
    private static PackageVersion base(PackageVersion p, List<PackageVersion> held, PackageService.Located here) {
        List<PackageVersion> same = held.stream().filter(h -> Names.same(h.packageId(), p.packageId()) && !h.sha256().equals(p.sha256()))
                .sorted(Comparator.comparing(PackageVersion::version, PackageTransferService::compareVersions)).toList();
        List<PackageVersion> order = new ArrayList<>();
        for (int i = same.size() - 1; i >= 0; i--) {
            if (compareVersions(same.get(i).version(), p.version()) < 0) {
                order.add(same.get(i)); // earlier ones, nearest first
            }
        }
        same.stream().filter(h -> compareVersions(h.version(), p.version()) >= 0).forEach(order::add);
        for (PackageVersion b : order) {
            if (here.found(b) != null && here.checkOne(b).status() == PackageService.Status.PRESENT) {
                return b;
            }
        }
        return null;
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

    /** A package rebuilt beside the store: its temporary file, and its place once all are checked. */
    private record Rebuilt(PackageArchive.Package pkg, Path temp, Path target) {
    }

    /**
     * Imports a package archive into {@code space}'s store: verified as it streams (signature by a space trusted for release
     * bundles, addressed here, each entry's hash), each package rebuilt into a temporary file in the store's folder (a delta
     * on the store's own package, checked by its hash first), checked against the statement and against the manifest of the
     * release as this store holds it (imported earlier, signed); then all renamed into place and recorded in one transaction,
     * audited. Any refusal, or a stop asked for, leaves no file and no row. Packages the store holds already are skipped.
     */
    public Result importArchive(String space, Path file, Progress progress) {
        Path archive = file.toAbsolutePath();
        if (!Files.isRegularFile(archive)) {
            throw new Refusal("There is no file " + archive + ".");
        }
        Imported state = store.read(tx -> {
            Space t = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, t);
            return new Imported(t, BundleChecks.context(store, tx, t, BundleChecks.Accepting.RELEASE_BUNDLES, false),
                    PackageService.folder(store, tx, t), tx.packages().packages(t.id()));
        });
        List<Rebuilt> rebuilt = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        try {
            Files.createDirectories(state.folder);
            PackageArchive.read(archive, state.context, new PackageArchive.Receiver() {
                @Override
                public void statement(PackageArchive.Read read) {
                    state.statement(read);
                }

                @Override
                public void entry(PackageArchive.Package p, InputStream data) throws IOException {
                    if (!state.heldSha.contains(p.sha256())) {
                        rebuilt.add(state.rebuild(p, data));
                    }
                }
            }, progress);
            return store.write(tx -> state.record(tx, rebuilt, placed, progress));
        } catch (SignedStatements.Refused r) {
            throw new Refusal(r.outcome().sentence(Kind.PACKAGE_ARCHIVE) + " Nothing was changed.");
        } catch (Mismatch e) {
            throw new Refusal(e.getMessage());
        } catch (PackageDelta.BadDelta e) {
            throw new Refusal("A delta in the package archive cannot be applied: it " + e.getMessage() + ". Nothing was changed.");
        } catch (IOException e) {
            throw new Refusal("The package archive could not be imported: " + UserFiles.reason(e) + ". Nothing was changed.");
        } catch (RuntimeException e) {
            placed.forEach(PackageTransferService::deleteQuietly);
            throw e;
        } finally {
            rebuilt.forEach(x -> deleteQuietly(x.temp()));
        }
    }

    /** An import under way: the space, its verification context and store, and (once read) the statement and the release. */
    private final class Imported {
        final Space space;
        final VerificationContext context;
        final Path folder;
        final List<StoredPackage> held;
        final Set<String> heldSha = new HashSet<>();
        PackageArchive.Statement statement;
        Space source;
        Release release;

        Imported(Space space, VerificationContext context, Path folder, List<StoredPackage> held) {
            this.space = space;
            this.context = context;
            this.folder = folder;
            this.held = held;
            held.forEach(h -> heldSha.add(h.sha256()));
        }

        /** The genuine statement: its release must be one this store holds from the source, each package in its signed manifest. */
        void statement(PackageArchive.Read read) {
            statement = read.statement();
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

        /**
         * Rebuilds {@code p} into a temporary file in the store's folder, hashed, and checks it against the statement; a
         * mismatch is an {@link IOException} ({@link Mismatch}), so the reader first says whether the entry itself was changed.
         */
        Rebuilt rebuild(PackageArchive.Package p, InputStream data) throws IOException {
            String name = "Package " + p.id() + " " + p.version();
            Path base = p.delta() ? PackageService.contentPath(folder, p.baseSha256()) : null;
            if (base != null && (!heldSha.contains(p.baseSha256()) || !Files.isRegularFile(base, LinkOption.NOFOLLOW_LINKS)
                    || !sha(base).equals(p.baseSha256()))) {
                throw new Refusal(name + " comes as a delta on package " + p.baseSha256() + ", which the store of '" + space.name()
                        + "' does not hold intact; ask for the archive again with this space's inventory (package inventory). Nothing was changed.");
            }
            Path temp = Files.createTempFile(folder, ".incoming-", ".part");
            try (OutputStream o = Files.newOutputStream(temp); Hashing out = new Hashing(o)) {
                if (base != null) {
                    PackageDelta.apply(base, new java.io.BufferedInputStream(data, 1 << 16), out, p.size());
                } else {
                    data.transferTo(out);
                }
                PackageService.Hashed h = out.hashed();
                if (h.size() != p.size() || !h.sha256().equals(p.sha256())) {
                    throw new Mismatch(name + " rebuilt from the archive is " + h.size() + " bytes with SHA-256 " + h.sha256() + ", not the "
                            + p.size() + " bytes and SHA-256 " + p.sha256() + " its statement and the release's manifest name. Nothing was changed.");
                }
                return new Rebuilt(p, temp, PackageService.contentPath(folder, p.sha256()));
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temp);
                throw e;
            }
        }

        /** Places the rebuilt files and records their rows, audited, in {@code tx}; the files placed go into {@code placed}. */
        Result record(StoreTx tx, List<Rebuilt> rebuilt, List<Path> placed, Progress progress) {
            Space t = EnvironmentService.requireLocal(tx, space.name());
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, t);
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
                if (!Files.isRegularFile(r.target(), LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectories(r.target().getParent());
                        move(r.temp(), r.target());
                    } catch (IOException e) {
                        throw new Refusal("A package could not be placed in the store folder " + folder + ": " + UserFiles.reason(e)
                                + "; nothing was changed.");
                    }
                    placed.add(r.target());
                }
            }
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
