package odcm.app.service;

import odcm.model.role.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import odcm.app.io.UserFiles;
import odcm.model.Refusal;
import odcm.model.audit.AuditText;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;
import odcm.model.project.Project;
import odcm.model.release.Release;
import odcm.model.release.ReleaseHead;
import odcm.model.release.ReleaseSnapshot;
import odcm.model.space.Space;
import odcm.packaging.bundle.BundleContent;
import odcm.packaging.bundle.BundleInspector;
import odcm.packaging.bundle.BundleParts;
import odcm.packaging.bundle.BundleWriter;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;
import odcm.persistence.release.CheckedHeads;
import odcm.persistence.release.ReleaseRepository;
import odcm.persistence.space.StoredCertificate;

/**
 * Release bundles: promoting a release to a space its lifecycle promotes to (a file, or directly to a space of this
 * console), the Outbox of bundles written, and checking or reading a bundle file. Verifying and inspecting write nothing.
 */
public final class BundleService {
    public static final int DEFAULT_VALID_DAYS = 30;
    public static final int MAX_VALID_DAYS = 365;
    public static final String EXTENSION = ".odcmbundle";
    private final Store store;
    private final Limits limits;
    private final ImportService imports;

    public BundleService(Store store) {
        this(store, Limits.DEFAULT);
    }

    /** With other limits on bundle files than the defaults (tests). */
    BundleService(Store store, Limits limits) {
        this.store = store;
        this.imports = new ImportService(store);
        this.limits = limits;
    }

    /**
     * A space the project's lifecycle promotes to; {@code problem} is the sentence why a bundle cannot be made for it now
     * (certificate not valid, fingerprint not confirmed), or empty when it can.
     */
    public record Target(String name, boolean local, Fingerprint certificate, String problem, String order, boolean overridable) {
        public Target(String name, boolean local, Fingerprint certificate, String problem) {
            this(name, local, certificate, problem, "", false);
        }

        public boolean available() {
            return problem.isEmpty();
        }

        /**
         * Why the release may not be promoted there yet ({@code order}: lifecycle order, or a rejection), or "" when it may;
         * {@code overridable} when it is lifecycle order and the person may promote out of order with a reason (decision 0045).
         */
        public boolean inOrder() {
            return order.isEmpty();
        }
    }

    /** What promoting wrote: the Outbox row and the bundle's bytes (the file's content). */
    public record Promoted(OutboxEntry entry, byte[] bytes) {
        /** The SHA-256 of the bundle file, to read out to the importer. */
        public Fingerprint fingerprint() {
            return new Fingerprint(entry.fileSha256());
        }
    }

    /** The spaces the project's lifecycle promotes to, in the order of its phases. */
    public List<Target> targets(String space, String project) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.requireHead(tx, s, project);
            List<Target> out = new ArrayList<>();
            for (Space t : tx.spaces().promotionTargets(p.lifecycleId())) {
                out.add(new Target(t.name(), t.isLocal(), t.certificate().fingerprint(), problem(t, current(tx, t))));
            }
            return out;
        });
    }

    /**
     * The spaces the project's lifecycle promotes to, each with whether release {@code version} may be promoted there now
     * (lifecycle order, a rejection) and whether the person may override the order: for the Promote dialog, read on a worker.
     */
    public List<Target> targets(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.requireHead(tx, s, project);
            ReleaseHead r = release(tx, p, version);
            boolean mayOverride = RoleService.permissions(tx, store).refusal(Action.PROMOTE_OUT_OF_ORDER, s.name(), null).isEmpty();
            Optional<String> rejected = rejection(tx, s, p, r, false);
            Order progress = rejected.isPresent() ? null : new Order(tx, s, p, r); // read once for every target
            List<Target> out = new ArrayList<>();
            for (Space t : tx.spaces().promotionTargets(p.lifecycleId())) {
                Optional<String> order = rejected.isPresent() ? rejected : progress.refusal(t);
                out.add(new Target(t.name(), t.isLocal(), t.certificate().fingerprint(), problem(t, current(tx, t)), order.orElse(""),
                        rejected.isEmpty() && order.isPresent() && mayOverride));
            }
            return out;
        });
    }

    /** Days a bundle stays valid: 1 to 365. */
    public static Duration validity(int days) {
        return validity(days, "bundle");
    }

    /** Days a signed file ({@code noun}: "bundle", "receipt") stays valid: 1 to 365. */
    static Duration validity(int days, String noun) {
        if (days < 1 || days > MAX_VALID_DAYS) {
            throw new Refusal("A " + noun + " stays valid for 1 to " + MAX_VALID_DAYS + " days; " + days + " is not in that range.");
        }
        return Duration.ofDays(days);
    }

    /**
     * Writes a bundle of release {@code version} for {@code target} to {@code out}, and records it in the Outbox with an
     * audit entry, as one action: if recording fails the file is removed; if writing fails nothing is recorded.
     * An existing file is replaced only with {@code replace}.
     */
    public Promoted create(String space, String project, String version, String target, Path out, int validDays, boolean replace) {
        return create(space, project, version, target, out, validDays, replace, null);
    }

    /**
     * As {@link #create(String, String, String, String, Path, int, boolean)}; with {@code outOfOrder} (a reason) a release
     * manager promotes a release whose earlier phases are not complete: the override is audited and carried in the signed
     * bundle, whose target shows it. It never lifts a rejection (decision 0045). Null: lifecycle order holds.
     */
    public Promoted create(String space, String project, String version, String target, Path out, int validDays, boolean replace,
                           String outOfOrder) {
        Duration validity = validity(validDays);
        String file = out.toAbsolutePath().toString();
        // The release head is checked in both transactions; the second compares its snapshot bytes with those the first
        // hashed instead of hashing them again (CheckedHeads), its hash and seal checked all the same; cleared on return.
        try (CheckedHeads heads = new CheckedHeads()) {
            return RecordedFile.write(store, out, replace, tx -> {
                Route r = route(tx, space, project, version, target, outOfOrder, false, heads); // all checked; the release's snapshot is read once, below
                return tx.bundles().reserveSequence(r.source().id(), r.target().id());
            }, (tx, sequence, writeFile) -> {
                Built b = build(tx, route(tx, space, project, version, target, outOfOrder, true, heads), validity, sequence);
                writeFile.accept(b.bytes());
                return record(tx, b, file);
            });
        }
    }

    /**
     * Connected promotion: the same signed and encrypted bundle, made in memory for a local {@code target} and checked by
     * that space with the one verifier, exactly as a file would be. One transaction: the Outbox row (with no file name)
     * is kept only when the target finds the bundle genuine; otherwise the target's sentence is the refusal.
     */
    public Delivered deliver(String space, String project, String version, String target, int validDays) {
        return deliver(space, project, version, target, validDays, null);
    }

    /** As {@link #deliver(String, String, String, String, int)}, with the release manager's override of lifecycle order (a reason). */
    public Delivered deliver(String space, String project, String version, String target, int validDays, String outOfOrder) {
        Duration validity = validity(validDays);
        try (CheckedHeads heads = new CheckedHeads()) { // cleared on return
            return store.write(tx -> {
                Route r = route(tx, space, project, version, target, outOfOrder, true, heads);
                if (r.target().isLocal()) { // a connected promotion imports into the target too
                    RoleService.check(tx, store, Action.IMPORT_BUNDLE, r.target());
                }
                // One transaction: a refused delivery rolls its number back with everything else, and no file ever held it.
                Built b = build(tx, r, validity, tx.bundles().reserveSequence(r.source().id(), r.target().id()));
                if (!b.target().isLocal()) {
                    throw new Refusal(b.target().describe() + " is not in this console; write a bundle file and carry it there.");
                }
                Promoted p = record(tx, b, "");
                VerificationOutcome outcome = BundleChecks.verify(store, b.target().name(), p.bytes(), true);
                if (!outcome.genuine()) {
                    throw new Refusal("'" + b.target().name() + "' refused the bundle, so nothing was recorded: " + outcome.sentence());
                }
                return importDelivered(b.target(), p, outcome);
            });
        }
    }

    /** What a connected promotion did: the target's verification, then the import into the target. */
    public record Delivered(VerificationOutcome verified, ImportService.Result imported) {
        public String sentence() {
            return imported.sentence();
        }
    }

    /**
     * Imports the delivered, verified bundle into the target space, inside the same transaction as the Outbox row, through
     * the same import as a file (which verifies it once more): its lifecycle is the one that fits, its values the defaults
     * and the values the source provided. When a mandatory value is missing, the import refuses, listing them, and
     * nothing is recorded: promote to a file and import it with the wizard, which asks for them.
     */
    private Delivered importDelivered(Space target, Promoted promoted, VerificationOutcome verified) {
        try {
            return new Delivered(verified, imports.importBundle(target.name(), promoted.bytes(), null, java.util.Map.of()));
        } catch (Refusal r) {
            throw new Refusal("'" + target.name() + "' could not import the bundle directly, so nothing was recorded: " + r.getMessage()
                    + (r.getMessage().contains("mandatory") || r.getMessage().contains("missing")
                    ? " Promote to a file instead and import it from the Inbox of '" + target.name() + "', whose wizard asks for them." : ""), r);
        }
    }

    /** Checks a bundle file as the local space {@code space} sees it. Writes nothing; secrets stay sealed. */
    public VerificationOutcome verify(String space, Path file) {
        byte[] bytes = read(file, limits);
        return BundleChecks.verify(store, space, bytes, false, limits);
    }

    /**
     * Verifies again with the space's private key and, when the bundle is genuine and addressed here, records in the audit
     * log that its sensitive values were shown. The values are in the returned content; nowhere else.
     */
    public VerificationOutcome reveal(String space, Path file) {
        byte[] bytes = read(file, limits);
        return store.write(tx -> {
            VerificationOutcome o = BundleChecks.verify(store, space, bytes, true, limits);
            if (o instanceof VerificationOutcome.Genuine g && g.secretsOpened()) {
                BundleContent c = g.content();
                tx.audit().append("bundle.reveal", "bundle " + c.bundleId() + " (release " + c.version() + " of project '" + c.project()
                        + "' from '" + c.sourceSpace() + "') in " + EnvironmentService.requireLocal(tx, space).describe(),
                        sensitiveShown(c.snapshot().variables().stream().filter(v -> v.sensitive()).map(v -> v.name()).distinct().toList()));
            }
            return o;
        });
    }

    /** "sensitive values shown: 3 variables (A, B, C)": counts and the first few names, never a value. */
    static String sensitiveShown(List<String> names) {
        return "sensitive values shown: " + names.size() + (names.size() == 1 ? " variable (" : " variables (") + AuditText.few(names) + ")";
    }

    /** What a bundle file says about itself, without any trust: needs no store and no space. */
    public static BundleInspector.Inspection inspect(Path file) {
        return BundleInspector.inspect(read(file, Limits.DEFAULT), Limits.DEFAULT);
    }

    /** The bundles {@code space} wrote, newest first. */
    public List<OutboxEntry> outbox(String space) {
        return store.read(tx -> tx.bundles().outbox(EnvironmentService.requireLocal(tx, space).id()));
    }

    /** The watched Inbox folder of a space: {@code <inboxRoot>/<space name, made safe as a folder name>}. */
    public static Path inboxFolder(Path inboxRoot, String space) {
        String safe = space.strip().replaceAll("[^\\p{L}\\p{N} ._-]", "_").replaceAll("^\\.+", "_");
        return inboxRoot.resolve(safe.isEmpty() ? "space" : safe);
    }

    /** The files an Inbox folder lists: regular files, not hidden ones, by name. */
    public static List<Path> inboxFiles(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> listed = java.nio.file.Files.list(folder)) {
            return listed.filter(java.nio.file.Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Where the Inbox folders of a store's spaces are: {@code <store folder>/inbox}. */
    public static Path inboxRoot(Store store) {
        return store.location().storeDir().resolve("inbox");
    }

    /** "Web-1.2.0-to-Prod-Space.odcmbundle": a file name safe on every system. */
    public static String suggestedFileName(String project, String version, String target) {
        String name = (project + "-" + version + "-to-" + target).replaceAll("[^A-Za-z0-9._+-]+", "-").replaceAll("-{2,}", "-");
        return name.replaceAll("^[-.]+", "") + EXTENSION;
    }

    // ---- helpers ----

    /** A release bundle file, read whole, never more than the verifier accepts: for the Inbox and the command line. */
    public static byte[] readBundle(Path file) {
        return read(file, Limits.DEFAULT);
    }

    /** A key statement file (decision 0056), read whole, never more than the verifier accepts. */
    public static byte[] readStatement(Path file) {
        return readSigned(file, Limits.DEFAULT, "a key statement");
    }

    private static byte[] read(Path file, Limits limits) {
        return readSigned(file, limits, "a release bundle");
    }

    /** Bundles and receipts are read whole, never more than {@code limits} let the verifier accept. */
    static byte[] readSigned(Path file, Limits limits, String what) {
        return UserFiles.read(file, (int) Math.min(limits.maxTotalBytes(), Integer.MAX_VALUE - 8), what);
    }

    private record Built(Space source, Space target, ReleaseHead release, BundleContent content, byte[] bytes, Fingerprint targetCertificate, Route route) {
    }

    /**
     * What a bundle is made of and for: a release of a local space, and a space its lifecycle promotes to, with the current
     * certificates of both as the checks read them (the bundle is signed with the one and encrypted to the other).
     */
    private record Route(Space source, Project project, ReleaseHead release, Space target, StoredCertificate sourceCertificate,
                         StoredCertificate targetCertificate, BundleContent.OutOfOrder outOfOrder, odcm.model.lifecycle.Lifecycle lifecycle,
                         List<odcm.model.deployment.Deployment> deployments, CheckedHeads heads) {
    }

    private static ReleaseHead release(StoreTx tx, Project p, String version) {
        return release(tx, p, version, null);
    }

    /**
     * {@code checked}: the heads this create or delivery checked so far, the one read here kept there ({@link CheckedHeads}):
     * a later read of it (the recording transaction's head, the whole release in the same transaction) is compared, not hashed again.
     */
    private static ReleaseHead release(StoreTx tx, Project p, String version, CheckedHeads checked) {
        String v = version == null ? "" : version.strip();
        return tx.releases().findHead(p.id(), v, checked).orElseThrow(() -> new Refusal("Project '" + p.name() + "' has no release " + version + "."));
    }

    /**
     * The route, every check made, lifecycle order and rejections included (decision 0045); {@code outOfOrder}, a reason or
     * null, overrides the order; {@code recording}: in the transaction that records the bundle, where the decisions on the
     * release are also checked against the audit log (none removed outside ODCM Console). Only the project's and the
     * release's heads are read: a bundle needs its lifecycle, not its current process and variables; each certificate once.
     */
    private Route route(StoreTx tx, String space, String project, String version, String target, String outOfOrder, boolean recording,
                        CheckedHeads heads) {
        Space s = EnvironmentService.requireLocal(tx, space);
        RoleService.check(tx, store, Action.PROMOTE, s);
        Project p = ProjectService.requireHead(tx, s, project);
        ReleaseHead r = release(tx, p, version, heads);
        Space t = requireTarget(tx, s, p, target);
        Instant now = StoreTime.now(store.clock());
        StoredCertificate sourceCert = current(tx, s);
        String own = BundleChecks.notValidNow(s, sourceCert, now, "before promoting from it (its targets refuse a "
                + "bundle signed with a certificate that is not valid)");
        StoredCertificate targetCert = current(tx, t);
        String problem = own.isEmpty() ? problem(t, targetCert) : own;
        if (!problem.isEmpty()) {
            throw new Refusal(problem);
        }
        Order order = new Order(tx, s, p, r); // the lifecycle with its instances, read once for the order and the templates carried
        BundleContent.OutOfOrder override = order(tx, s, p, r, t, order, outOfOrder, recording); // after the target's own problems
        return new Route(s, p, r, t, sourceCert, targetCert, override, order.lifecycle(), order.deployments(), heads);
    }

    /**
     * Lifecycle order and rejections (decision 0045): refused while the latest decision on the release in its space is a
     * rejection, override or not; refused while a phase before the promotion is incomplete, unless {@code reason} is given
     * by a person who may promote out of order. The override to carry, or null when the release is in order.
     */
    private BundleContent.OutOfOrder order(StoreTx tx, Space s, Project p, ReleaseHead r, Space t, Order lifecycleOrder, String reason,
                                           boolean recording) {
        String by = RoleService.who(store).name();
        if (reason != null) {
            new BundleContent.OutOfOrder(by, reason, ""); // a reason given is checked whether or not it is needed
        }
        rejection(tx, s, p, r, recording).ifPresent(why -> {
            throw new Refusal(why);
        });
        Optional<String> order = lifecycleOrder.refusal(t);
        if (order.isEmpty()) {
            return null; // in order: nothing is overridden, so nothing is carried
        }
        if (reason == null) {
            throw new Refusal(order.get());
        }
        RoleService.check(tx, store, Action.PROMOTE_OUT_OF_ORDER, s);
        String skipped = order.get();
        return new BundleContent.OutOfOrder(by, reason, skipped.length() > BundleContent.OutOfOrder.MAX_SKIPPED
                ? skipped.substring(0, BundleContent.OutOfOrder.MAX_SKIPPED - 1) + "…" : skipped);
    }

    /** "Release 1.2.0 of 'Web' was rejected in 'Dev Space' by bob: …": while the latest decision on it there is a rejection. */
    private static Optional<String> rejection(StoreTx tx, Space s, Project p, ReleaseHead r, boolean againstTheAuditLog) {
        return ApprovalService.rejection(tx, s, p.id(), r.version(), p.name(), againstTheAuditLog).map(d -> "Release " + r.version() + " of '" + p.name()
                + "' was rejected in '" + s.name() + "' by " + d.decidedBy() + " (" + d.comment().replaceAll("\\s+", " ")
                + "), so it is not promoted until someone approves it.");
    }

    /**
     * The project's lifecycle and how far the release went through it, read once for the promotions to any of its targets:
     * a local environment counts when the release was deployed there successfully, a remote one when its space reported (a
     * verified receipt, or a space of this console) a successful deployment there, an earlier promotion when a bundle of
     * the release was made for that space. Only this release's rows are read (its deployments, remote deployments and
     * Outbox rows), not the space's whole lists.
     */
    private record Order(odcm.model.lifecycle.Lifecycle lifecycle, odcm.model.deployment.DeploymentRules.Progress progress, String version,
                         List<odcm.model.deployment.Deployment> deployments) {
        Order(StoreTx tx, Space s, Project p, ReleaseHead r) {
            this(tx, s, p, r, tx.deployments().findByRelease(r.id()));
        }

        /** {@code deployments}: the release's deployments here, read once in this transaction for the order and the history. */
        private Order(StoreTx tx, Space s, Project p, ReleaseHead r, List<odcm.model.deployment.Deployment> deployments) {
            this(DeploymentService.lifecycle(tx, p), DeploymentService.progress(tx, s, r.id(), deployments), r.version(), deployments);
        }

        /** Why the release may not be promoted to {@code t} yet by its project's lifecycle, or empty. */
        Optional<String> refusal(Space t) {
            return odcm.model.deployment.DeploymentRules.promotionRefusal(lifecycle, t.name(), progress, version);
        }
    }

    /** The space's current certificate. */
    private static StoredCertificate current(StoreTx tx, Space s) {
        return tx.spaces().certificates(s.id()).get(0);
    }

    /** Bundle {@code sequence} (reserved) of the route: signed with the source's key (wiped after), encrypted to the target. */
    private Built build(StoreTx tx, Route route, Duration validity, long sequence) {
        Space s = route.source();
        ReleaseHead r = route.release();
        Space t = route.target();
        StoredCertificate targetCert = route.targetCertificate();
        StoredCertificate sourceCert = route.sourceCertificate();
        Instant now = StoreTime.now(store.clock());
        BundleParts parts = parts(store, tx, r.id(), route.heads());
        // The release's content travels in its parts; the snapshot here stays empty (the writer does not read it).
        BundleContent content = new BundleContent(UUID.randomUUID(), s.name(), t.name(), sequence, now, now.plus(validity),
                route.project().name(), r.version(), r.notes(), r.channel(), IN_PARTS, history(tx, s, r, route.deployments()), r.createdAt(), r.revision(),
                route.outOfOrder()).withEnvironmentTemplates(RemoteTemplateService.carried(tx, route.lifecycle(), t));
        Secret key = BundleChecks.signingKey(store, tx, s, sourceCert);
        try {
            // Written into an array of the file's size, computed beforehand: no buffer grown, none copied at the end.
            byte[] bytes = BundleWriter.write(content, parts, new SourceKey(sourceCert.der(), key), targetCert.der());
            return new Built(s, t, r, content, bytes, targetCert.info().fingerprint(), route);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            key.wipe();
        }
    }

    /** The content of every bundle of a release lives in its parts, not in the (empty) snapshot of {@link BundleContent}. */
    private static final ReleaseSnapshot IN_PARTS = new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of());

    /**
     * The release's bundle parts as kept when it was frozen (their hash and seal checked); a release frozen before they
     * were kept, or imported, gets them now from its snapshot, kept for its next bundles when the master key is there.
     */
    static BundleParts parts(Store store, StoreTx tx, long releaseId, CheckedHeads heads) {
        Optional<ReleaseRepository.BundleParts> kept = tx.releases().bundleParts(releaseId);
        if (kept.isPresent()) {
            try {
                return BundleParts.fromStored(kept.get().parts(), kept.get().secretsJson());
            } catch (IllegalArgumentException e) { // the hash matched, so only a store written by hand gets here
                throw new Refusal("The bundle parts of this release are damaged in the store, so no bundle can be made of it.");
            }
        }
        // The head the route checked in this transaction is compared, not hashed again (CheckedHeads).
        Release r = tx.releases().findById(releaseId, heads).orElseThrow(() -> new IllegalStateException("the release of a route exists"));
        return keepParts(store, tx, releaseId, r.snapshot());
    }

    /** Makes the bundle parts of a release just frozen and keeps them beside it; without the master key they are made later. */
    static BundleParts keepParts(Store store, StoreTx tx, long releaseId, ReleaseSnapshot snapshot) {
        BundleParts parts = BundleParts.of(snapshot);
        if (store.sensitiveValues().available()) {
            tx.releases().insertBundleParts(releaseId, parts.stored(), parts.secretsJson());
        }
        return parts;
    }

    /**
     * Deployments of this release already done: first those in earlier spaces (the history the bundle that brought it here
     * carried, when it was imported), then those here, oldest first.
     */
    private static List<BundleContent.HistoryEntry> history(StoreTx tx, Space here, ReleaseHead release,
                                                          List<odcm.model.deployment.Deployment> deployedHere) {
        List<BundleContent.HistoryEntry> all = new java.util.ArrayList<>();
        for (odcm.model.deployment.UpstreamDeployment u : tx.deployments().upstream(release.id())) {
            all.add(new BundleContent.HistoryEntry(u.space(), u.environment(), u.deployedAt(), u.outcome()));
        }
        List<odcm.model.deployment.Deployment> local = new java.util.ArrayList<>(deployedHere); // as the route read them, same transaction
        java.util.Collections.reverse(local);
        for (odcm.model.deployment.Deployment d : local) {
            all.add(new BundleContent.HistoryEntry(here.name(), d.environment(), d.deployedAt(), d.succeeded() ? "SUCCEEDED" : "FAILED"));
        }
        return all;
    }

    private Promoted record(StoreTx tx, Built b, String fileName) {
        BundleContent c = b.content();
        String sha = sha256(b.bytes());
        OutboxEntry entry = new OutboxEntry(c.bundleId(), b.source().id(), b.release().id(), c.project(), c.version(), b.target().id(),
                b.target().name(), b.targetCertificate(), c.sequence(), c.created(), c.expires(), fileName, sha, b.bytes().length);
        tx.bundles().insertOutbox(entry);
        tx.audit().append("bundle.create", "release " + c.version() + " of project '" + c.project() + "' of " + b.source().describe(),
                "to " + b.target().describe() + " (certificate " + b.targetCertificate().grouped() + "), sequence " + c.sequence()
                        + ", bundle " + c.bundleId() + ", expires " + c.expires() + ", "
                        + (fileName.isEmpty() ? "delivered directly" : "file " + fileName) + " (SHA-256 " + new Fingerprint(sha).grouped()
                        + ", " + b.bytes().length + " bytes)");
        if (c.outOfOrder() != null) { // with the Outbox row, naming its bundle: who overrode lifecycle order, why, and what it skipped
            tx.audit().append("bundle.out-of-order", "release " + c.version() + " of project '" + c.project() + "' of " + b.source().describe(),
                    c.outOfOrder().words() + "; bundle " + c.bundleId() + " to " + b.target().describe() + "; skipped: " + c.outOfOrder().skipped());
        }
        if (!b.route().lifecycle().templates().isEmpty()) { // a promotion completes its phase: a later one's template provisions (0058)
            TemplateService.follow(tx, store, b.source(), b.route().project(), tx.releases().findById(b.release().id(), b.route().heads()).orElseThrow());
        }
        return new Promoted(entry, b.bytes());
    }

    /** The space of the project's lifecycle named {@code target}, refused when the lifecycle does not promote there. */
    private static Space requireTarget(StoreTx tx, Space s, Project p, String target) {
        List<Space> targets = tx.spaces().promotionTargets(p.lifecycleId());
        String wanted = target == null ? "" : target.strip();
        Space t = targets.stream().filter(x -> odcm.model.Names.same(x.name(), wanted)).findFirst().orElseThrow(() -> new Refusal(
                "Project '" + p.name() + "' of '" + s.name() + "' does not promote to '" + wanted + "': its lifecycle '" + p.lifecycleName()
                        + "' promotes to " + (targets.isEmpty() ? "no space" : targets.stream().map(x -> "'" + x.name() + "'")
                        .collect(Collectors.joining(", "))) + "."));
        return t;
    }

    /** Why no bundle can be made for {@code t}, whose current certificate is {@code current}, now; or "". */
    private String problem(Space t, StoredCertificate current) {
        String notValid = BundleChecks.notValidNow(t, current, StoreTime.now(store.clock()), "before promoting there");
        if (!notValid.isEmpty()) {
            return notValid;
        }
        if (!t.isLocal() && !current.isConfirmed()) {
            return "The fingerprint of " + t.describe() + " has not been confirmed with the other side; confirm it first, or the "
                    + "release's secrets could be encrypted for an impostor.";
        }
        return "";
    }

    /** The SHA-256 of a bundle file's bytes, as the promoter reads it out ({@link Promoted#fingerprint()}) and the importer compares it. */
    public static Fingerprint fileFingerprint(byte[] bytes) {
        return new Fingerprint(sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
