package odcm.app.service;

import odcm.model.role.Action;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;
import odcm.model.deployment.Deployment;
import odcm.model.release.Release;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.ReceiptContent;
import odcm.packaging.bundle.ReceiptWriter;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.Kind;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.bundle.BundleRepository;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;
import odcm.persistence.receipt.ReceiptRepository.Accepted;
import odcm.persistence.receipt.ReceiptRepository.RemoteDeployment;
import odcm.persistence.receipt.ReceiptRepository.Written;
import odcm.persistence.space.StoredCertificate;

/**
 * Deployment receipts: the space where releases were deployed writes, for the space they came from, a signed file with
 * the latest outcome of each of those releases in each of its environments; the source space checks it with a trust of
 * kind deployment receipts and records what it learns. Receipts are cumulative and idempotent; see decision 0012.
 * Between two spaces of this console the outcomes flow back directly ({@link #flowBack}).
 */
public final class ReceiptService {
    public static final String EXTENSION = ".odcmreceipt";
    public static final int DEFAULT_VALID_DAYS = BundleService.DEFAULT_VALID_DAYS;
    private final Store store;
    private final Limits limits;

    public ReceiptService(Store store) {
        this(store, Limits.DEFAULT);
    }

    /** With other limits on receipt files than the defaults (tests). */
    ReceiptService(Store store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** What creating wrote: the receipt's row and its bytes (the file's content). */
    public record Created(Written entry, byte[] bytes) {
        /** The SHA-256 of the receipt file, to read out to the other side. */
        public Fingerprint fingerprint() {
            return new Fingerprint(entry.fileSha256());
        }

        public String sentence() {
            return "Wrote " + entry.fileName() + ": receipt " + entry.sequence() + " for '" + entry.forSpaceName() + "' reporting "
                    + (entry.deployments() == 0 ? "no deployment yet (it says that nothing was deployed so far)."
                    : entry.deployments() + (entry.deployments() == 1 ? " deployment." : " deployments."));
        }
    }

    /** What importing a receipt did; {@code accepted} false when it was accepted before (nothing changed). */
    public record Result(boolean accepted, String sentence, int reported, int recorded) {
    }

    /** A deployment of one of this space's releases in another space, as this space knows it. */
    public record Known(String project, String version, String space, String environment, boolean succeeded, Instant deployedAt,
                        String deployedBy, UUID receiptId, Instant reportedAt) {
        /** "Prod Space: Production", as the remote environment is named here. */
        public String where() {
            return space + ": " + environment;
        }

        /** "receipt", or "directly" when it came from a space of this console. */
        public String via() {
            return receiptId == null ? "directly" : "receipt " + receiptId;
        }
    }

    /** The spaces {@code space} received release bundles from: those it can write receipts for. */
    public List<String> sources(String space) {
        return store.read(tx -> {
            Space t = EnvironmentService.requireLocal(tx, space);
            List<String> out = new ArrayList<>();
            for (Space s : tx.spaces().findAll()) {
                if (s.id() != t.id() && !tx.bundles().acceptedFrom(t.id(), s.id()).isEmpty()) {
                    out.add(s.name());
                }
            }
            return out;
        });
    }

    /**
     * Writes a receipt from {@code space} for {@code forSpace} (the space its imported releases came from) to {@code out}:
     * every release imported from there, with the latest deployment per environment of {@code space}. Signed with the
     * space's key (wiped after), written atomically, recorded with an audit entry in one transaction (the file is removed
     * if recording fails). A space that sent bundles but whose releases were not deployed yet gets an empty receipt, which
     * says so. An existing file is replaced only with {@code replace}.
     */
    public Created create(String space, String forSpace, Path out, int validDays, boolean replace) {
        Duration validity = BundleService.validity(validDays, "receipt");
        String file = out.toAbsolutePath().toString();
        return RecordedFile.write(store, out, replace, tx -> {
            Route r = route(tx, space, forSpace);
            return tx.receipts().reserveSequence(r.signer().id(), r.addressee().id());
        }, (tx, sequence, writeFile) -> {
            Route r = route(tx, space, forSpace);
            Space t = r.signer();
            Space s = r.addressee();
            Instant now = r.now();
            List<ReceiptContent.Deployment> deployments = deployments(tx, s, r.received());
            ReceiptContent content = new ReceiptContent(UUID.randomUUID(), t.name(), s.name(), sequence, now, now.plus(validity),
                    deployments, RemoteTemplateService.instances(tx, t, s, deployments.stream().map(ReceiptContent.Deployment::environment).toList()));
            byte[] bytes = sign(tx, t, s, content);
            writeFile.accept(bytes);
            String sha = BundleService.sha256(bytes);
            Written w = new Written(content.receiptId(), t.id(), s.id(), s.name(), sequence, content.created(), content.expires(),
                    content.deployments().size(), file, sha);
            tx.receipts().insertOutbox(w);
            tx.audit().append("receipt.create", "deployment receipt of " + t.describe() + " for " + s.describe(),
                    "sequence " + sequence + ", receipt " + content.receiptId() + ", " + content.deployments().size() + " deployments, expires "
                            + content.expires() + ", file " + file + " (SHA-256 " + new Fingerprint(sha).grouped() + ", " + bytes.length + " bytes)");
            return new Created(w, bytes);
        });
    }

    /** A receipt's parties and what it reports on: the bundles the signer received from the addressee. */
    private record Route(Space signer, Space addressee, List<BundleRepository.Accepted> received, Instant now) {
    }

    private Route route(StoreTx tx, String space, String forSpace) {
        Space t = EnvironmentService.requireLocal(tx, space);
        RoleService.check(tx, store, Action.WRITE_RECEIPT, t);
        Space s = SpaceService.require(tx, forSpace);
        List<BundleRepository.Accepted> received = s.id() == t.id() ? List.of() : tx.bundles().acceptedFrom(t.id(), s.id());
        if (received.isEmpty()) {
            throw new Refusal("'" + t.name() + "' has received no release bundles from '" + s.name()
                    + "', so it has nothing to report there: a receipt goes back to the space a release came from.");
        }
        Instant now = StoreTime.now(store.clock());
        for (Space party : List.of(t, s)) {
            String notValid = BundleChecks.notValidNow(tx, party, now, "before writing a receipt");
            if (!notValid.isEmpty()) {
                throw new Refusal(notValid);
            }
        }
        return new Route(t, s, received, now);
    }

    /** Checks a receipt file as the local space {@code space} sees it. Writes nothing. */
    public VerificationOutcome verify(String space, Path file) {
        return BundleChecks.verifyReceipt(store, space, read(file), limits);
    }

    /** Imports a receipt file into {@code space}; see {@link #importReceipt(String, byte[])}. */
    public Result importReceipt(String space, Path file) {
        return importReceipt(space, file, false);
    }

    /** As {@link #importReceipt(String, Path)}; with {@code acceptSequenceJump} a confirmed sequence jump is accepted, audited. */
    public Result importReceipt(String space, Path file, boolean acceptSequenceJump) {
        return importReceipt(space, file, acceptSequenceJump, odcm.model.Progress.NONE);
    }

    /** As {@link #importReceipt(String, Path, boolean)}, with its progress and Cancel (see {@link #importReceipt(String, byte[], boolean, odcm.model.Progress)}). */
    public Result importReceipt(String space, Path file, boolean acceptSequenceJump, odcm.model.Progress progress) {
        return importReceipt(space, read(file), acceptSequenceJump, progress);
    }

    /**
     * Accepts a receipt in {@code space}, all or nothing, verified again inside the transaction with its trusts for
     * deployment receipts. Every deployment must name a bundle this space sent to the signer, of the version it names (the
     * bundle id is the identity; project names may have been renamed on either side);
     * otherwise the whole receipt is refused. Each outcome is recorded unless a later one is known already. The same
     * receipt again changes nothing and says so.
     */
    public Result importReceipt(String space, byte[] receipt) {
        return importReceipt(space, receipt, false);
    }

    /**
     * As {@link #importReceipt(String, byte[])}; with {@code acceptSequenceJump} a receipt whose sequence jumps beyond
     * {@link BundleChecks#SEQUENCE_WINDOW} is accepted too, and the jump recorded in the audit log.
     */
    public Result importReceipt(String space, byte[] receipt, boolean acceptSequenceJump) {
        return importReceipt(space, receipt, acceptSequenceJump, odcm.model.Progress.NONE);
    }

    /**
     * As {@link #importReceipt(String, byte[], boolean)}, saying how far it is (the check, then each deployment recorded)
     * and stopping between them when asked to ({@link odcm.model.Progress.Cancelled}): the transaction then rolls back.
     */
    public Result importReceipt(String space, byte[] receipt, boolean acceptSequenceJump, odcm.model.Progress progress) {
        return store.write(tx -> {
            Space here = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.IMPORT_RECEIPT, here);
            progress.step(0, 0, "Checking the receipt's signature and contents");
            VerificationOutcome outcome = BundleChecks.Accepting.DEPLOYMENT_RECEIPTS.verify(receipt,
                    BundleChecks.context(store, tx, here, BundleChecks.Accepting.DEPLOYMENT_RECEIPTS, false).withLimits(limits), acceptSequenceJump);
            if (outcome instanceof VerificationOutcome.AlreadyAccepted a) {
                return new Result(false, "This receipt (" + a.bundleId() + ") was already accepted by '" + here.name()
                        + "'; nothing was changed.", 0, 0);
            }
            if (!(outcome instanceof VerificationOutcome.GenuineReceipt g)) {
                throw new Refusal(outcome.sentence(Kind.DEPLOYMENT_RECEIPT));
            }
            BundleChecks.auditAcceptedJump(tx, here, BundleChecks.Accepting.DEPLOYMENT_RECEIPTS, g);
            ReceiptContent c = g.content();
            Space signer = tx.spaces().findByFingerprint(g.source())
                    .orElseThrow(() -> new Refusal("The space that signed this receipt is no longer in this store."));
            Map<UUID, OutboxEntry> sent = new HashMap<>();
            tx.bundles().outbox(here.id()).forEach(e -> sent.put(e.bundleId(), e));
            List<OutboxEntry> matched = new ArrayList<>();
            for (ReceiptContent.Deployment d : c.deployments()) {
                matched.add(sentTo(sent.get(d.bundleId()), d, signer));
            }
            Instant now = StoreTime.now(store.clock());
            int recorded = 0;
            for (int i = 0; i < matched.size(); i++) {
                progress.step(i, matched.size(), "Recording the deployments");
                ReceiptContent.Deployment d = c.deployments().get(i);
                if (tx.receipts().record(new RemoteDeployment(here.id(), matched.get(i).releaseId(), signer.id(), signer.name(), d.environment(),
                        d.outcome().equals("SUCCEEDED"), d.deployedAt(), d.deployedBy(), c.receiptId(), c.created()))) {
                    recorded++;
                }
            }
            int instances = RemoteTemplateService.record(tx, here, signer, c.instances(), c.created()); // remote templates' instances (0058)
            tx.receipts().insertAccepted(new Accepted(c.receiptId(), here.id(), signer.id(), g.source(), c.sequence(), c.created(), now));
            // What a receipt completes may bring a release to a later phase holding a template of this space: it provisions (0058).
            List<Long> reported = tx.templates().findBySpace(here.id()).isEmpty() ? List.of() // no template here: nothing to provision
                    : matched.stream().map(OutboxEntry::releaseId).distinct().toList();
            for (long releaseId : reported) {
                Release r = tx.releases().findById(releaseId).orElseThrow();
                TemplateService.follow(tx, store, here, tx.projects().findById(r.projectId()).orElseThrow(), r);
            }
            String counts = c.deployments().size() + (c.deployments().size() == 1 ? " deployment" : " deployments") + " reported, "
                    + recorded + " new";
            tx.audit().append("receipt.import", "deployment receipt " + c.receiptId() + " (sequence " + c.sequence() + ") from "
                    + signer.describe() + " in " + here.describe(), "signed by certificate " + g.source().grouped() + "; " + counts
                    + (instances == 0 ? "" : "; " + instances + " live instances of remote templates reported"));
            progress.step(matched.size(), matched.size(), "Saving the receipt"); // the last moment a Cancel undoes it all
            return new Result(true, "Accepted receipt " + c.sequence() + " from '" + signer.name() + "' into '" + here.name() + "': "
                    + counts + (recorded < c.deployments().size() ? " (the others were known already, or older than what is known)." : "."),
                    c.deployments().size(), recorded);
        });
    }

    /** The receipts {@code space} wrote, newest first. */
    public List<Written> outbox(String space) {
        return store.read(tx -> tx.receipts().outbox(EnvironmentService.requireLocal(tx, space).id()));
    }

    /** What {@code space} knows of deployments of its releases in other spaces, newest first. */
    public List<Known> known(String space) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            List<Known> out = new ArrayList<>();
            for (RemoteDeployment d : tx.receipts().remoteDeployments(s.id())) {
                Release r = tx.releases().findById(d.releaseId()).orElseThrow();
                out.add(new Known(r.projectName(), r.version(), d.reporterName(), d.environment(), d.succeeded(), d.deployedAt(),
                        d.deployedBy(), d.receiptId(), d.reportedAt()));
            }
            return out;
        });
    }

    /** "Prod-Space-to-DevTest-Space.odcmreceipt": a file name safe on every system. */
    public static String suggestedFileName(String space, String forSpace) {
        String name = (space + "-to-" + forSpace).replaceAll("[^A-Za-z0-9._+-]+", "-").replaceAll("-{2,}", "-");
        return name.replaceAll("^[-.]+", "") + EXTENSION;
    }

    /**
     * Connected spaces: a deployment {@code d} of {@code release} just recorded in {@code here}, a release imported from a
     * local space of this console that trusts {@code here} for deployment receipts, is recorded there too, in the same
     * transaction, as a receipt would (without one). Does nothing for releases made here, from remote spaces, or without
     * that trust.
     */
    static void flowBack(StoreTx tx, Instant now, Space here, Release release, Deployment d) {
        Optional<Space> source = tx.projects().sourceSpace(release.projectId()).flatMap(id -> tx.spaces().findById(id))
                .filter(Space::isLocal).filter(s -> BundleChecks.trusts(tx, s, here, TrustKind.DEPLOYMENT_RECEIPTS));
        if (source.isEmpty()) {
            return;
        }
        Space s = source.get();
        Optional<UUID> bundle = tx.bundles().acceptedFrom(here.id(), s.id()).stream().filter(a -> a.releaseId() == release.id())
                .map(BundleRepository.Accepted::bundleId).reduce((first, last) -> last);
        Optional<OutboxEntry> sent = bundle.flatMap(id -> tx.bundles().outbox(s.id()).stream()
                .filter(e -> e.bundleId().equals(id) && e.targetSpaceId() == here.id()).findFirst());
        if (sent.isEmpty()) {
            return;
        }
        RemoteTemplateService.record(tx, s, here, RemoteTemplateService.instances(tx, here, s, List.of(d.environment())), now); // its instances, directly (0058)
        if (tx.receipts().record(new RemoteDeployment(s.id(), sent.get().releaseId(), here.id(), here.name(), d.environment(), d.succeeded(),
                d.deployedAt(), d.deployedBy(), null, now))) {
            tx.audit().append("deployment.report", "release " + sent.get().version() + " of project '" + sent.get().project() + "' of "
                    + s.describe(), "deployed in " + here.describe() + " to " + d.environment() + ": " + d.outcome() + " (connected, no receipt)");
        }
    }

    // ---- helpers ----

    private byte[] read(Path file) {
        return BundleService.readSigned(file, limits, "a deployment receipt");
    }

    /**
     * The latest deployment per environment of each release imported from {@code source}, each named by the newest bundle
     * that brought that release, with the project's name in the source (the remote project's name without the source's prefix).
     */
    private static List<ReceiptContent.Deployment> deployments(StoreTx tx, Space source, List<BundleRepository.Accepted> received) {
        Map<Long, UUID> bundleOfRelease = new LinkedHashMap<>();
        received.forEach(a -> bundleOfRelease.put(a.releaseId(), a.bundleId())); // in sequence order: the newest bundle wins
        List<ReceiptContent.Deployment> out = new ArrayList<>();
        for (Map.Entry<Long, UUID> e : bundleOfRelease.entrySet()) {
            Release r = tx.releases().findById(e.getKey()).orElseThrow();
            String prefix = source.name() + ": ";
            String project = r.projectName().startsWith(prefix) ? r.projectName().substring(prefix.length()) : r.projectName();
            Map<String, Deployment> latest = new LinkedHashMap<>();
            for (Deployment d : tx.deployments().findByRelease(r.id())) { // newest first
                latest.putIfAbsent(Names.key(d.environment()), d);
            }
            latest.values().stream().sorted(Comparator.comparing(Deployment::environment)).forEach(d -> out.add(new ReceiptContent.Deployment(
                    e.getValue(), project, r.version(), d.environment(), d.succeeded() ? "SUCCEEDED" : "FAILED", d.deployedAt(), d.deployedBy())));
        }
        return out;
    }

    private byte[] sign(StoreTx tx, Space signer, Space addressee, ReceiptContent content) {
        StoredCertificate signerCurrent = tx.spaces().certificates(signer.id()).get(0);
        byte[] signerCert = signerCurrent.der();
        byte[] addresseeCert = tx.spaces().certificates(addressee.id()).get(0).der();
        Secret key = BundleChecks.signingKey(store, tx, signer, signerCurrent);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ReceiptWriter.write(content, new SourceKey(signerCert, key), addresseeCert, bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            key.wipe();
        }
    }

    /** The bundle this space sent to {@code signer} that {@code d} names, or a refusal of the whole receipt. */
    private static OutboxEntry sentTo(OutboxEntry e, ReceiptContent.Deployment d, Space signer) {
        String what = "release " + d.version() + " of " + d.project();
        if (e == null) {
            throw new Refusal("The receipt from '" + signer.name() + "' reports " + what + " (bundle " + d.bundleId()
                    + "), which this space does not know: it never sent that bundle. Nothing was recorded.");
        }
        if (e.targetSpaceId() != signer.id()) {
            throw new Refusal("The receipt from '" + signer.name() + "' names bundle " + d.bundleId() + ", which this space never sent to '"
                    + signer.name() + "' (it went to '" + e.targetName() + "'). Nothing was recorded.");
        }
        if (!e.version().equals(d.version())) {
            throw new Refusal("The receipt from '" + signer.name() + "' says bundle " + d.bundleId() + " held " + what
                    + ", but it held release " + e.version() + " of " + e.project() + ". Nothing was recorded.");
        }
        return e;
    }
}
