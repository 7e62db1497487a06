package odcm.app.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import odcm.model.audit.AuditEntry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleVerifier;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.ReceiptVerifier;
import odcm.packaging.bundle.SourceTrust;
import odcm.packaging.bundle.VerificationContext;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;
import odcm.persistence.space.SpaceRepository.CertificateWindow;
import odcm.persistence.space.StoredCertificate;

/**
 * Checks a signed file (a release bundle or a deployment receipt) as a local space of this store sees it, with the one
 * verifier of {@code packaging} for its kind: what the space trusts for that kind, the files of that kind it accepted, the
 * last sequence per source. Reading only: nothing here writes.
 */
public final class BundleChecks {
    /**
     * How far past the last sequence accepted from a source (or past 0, for its first file) a bundle or receipt may be
     * without the importer confirming it; see decision 0016. The writers hand out numbers one by one, so a genuine channel
     * only skips the numbers of files that were never carried.
     */
    public static final long SEQUENCE_WINDOW = 1000;

    private BundleChecks() {
    }

    /**
     * One kind of signed file a space accepts: the trust it needs, where the accepted ids and the last accepted sequence
     * per source are kept, and the verifier that checks it.
     */
    public enum Accepting {
        RELEASE_BUNDLES(TrustKind.RELEASE_BUNDLES, BundleVerifier::verify, "release.import", " of ") {
            @Override
            String loggedId(AuditEntry e) {
                return e.detail(); // "bundle <id> (sequence n) from …, signed by certificate …"; the subject ends with the space
            }

            @Override
            Set<UUID> ids(StoreTx tx, long spaceId) {
                return tx.bundles().acceptedBundleIds(spaceId);
            }

            @Override
            OptionalLong lastSequence(StoreTx tx, long spaceId, long sourceId) {
                return tx.bundles().lastAcceptedSequence(spaceId, sourceId);
            }
        },
        DEPLOYMENT_RECEIPTS(TrustKind.DEPLOYMENT_RECEIPTS, ReceiptVerifier::verify, "receipt.import", " in ") {
            @Override
            String loggedId(AuditEntry e) {
                return e.subject(); // "deployment receipt <id> (sequence n) from … in <space>"; the detail "signed by certificate …"
            }

            @Override
            Set<UUID> ids(StoreTx tx, long spaceId) {
                return tx.receipts().acceptedIds(spaceId);
            }

            @Override
            OptionalLong lastSequence(StoreTx tx, long spaceId, long sourceId) {
                return tx.receipts().lastAcceptedSequence(spaceId, sourceId);
            }
        };

        private final TrustKind trust;
        private final BiFunction<byte[], VerificationContext, VerificationOutcome> verifier;
        /** The audit action that records an acceptance of this kind, and the words before the accepting space in its subject. */
        private final String action;
        private final String inSpace;

        Accepting(TrustKind trust, BiFunction<byte[], VerificationContext, VerificationOutcome> verifier, String action, String inSpace) {
            this.trust = trust;
            this.verifier = verifier;
            this.action = action;
            this.inSpace = inSpace;
        }

        /** The text of an acceptance's audit entry that begins with the file's id and sequence. */
        abstract String loggedId(AuditEntry e);

        public TrustKind trust() {
            return trust;
        }

        abstract Set<UUID> ids(StoreTx tx, long spaceId);

        abstract OptionalLong lastSequence(StoreTx tx, long spaceId, long sourceId);

        /** Checks {@code bytes} with this kind's verifier in {@code context}, a sequence jump refused. Changes nothing. */
        public VerificationOutcome verify(byte[] bytes, VerificationContext context) {
            return verify(bytes, context, false);
        }

        /**
         * Checks {@code bytes} with this kind's verifier in {@code context}: a genuine file whose sequence jumps beyond
         * {@link #SEQUENCE_WINDOW} is a {@link VerificationOutcome.SequenceJump} unless {@code acceptSequenceJump}. Changes nothing.
         */
        public VerificationOutcome verify(byte[] bytes, VerificationContext context, boolean acceptSequenceJump) {
            VerificationOutcome o = verifier.apply(bytes, context);
            VerificationOutcome.SequenceJump jump = jump(o, context.lastAcceptedSequence());
            return jump == null || acceptSequenceJump ? o : jump;
        }
    }

    /**
     * Verifies {@code bundle} for {@code target}, a local space. With {@code openSecrets} and the master key present,
     * a genuine bundle's sensitive values are decrypted with the target's private key, which is wiped afterwards.
     */
    public static VerificationOutcome verify(Store store, String target, byte[] bundle, boolean openSecrets) {
        return verify(store, target, bundle, openSecrets, Limits.DEFAULT);
    }

    /** As {@link #verify(Store, String, byte[], boolean)}, with other limits on the file (tests use small ones). */
    public static VerificationOutcome verify(Store store, String target, byte[] bundle, boolean openSecrets, Limits limits) {
        return verify(store, target, bundle, Accepting.RELEASE_BUNDLES, openSecrets, limits);
    }

    /** Verifies a deployment receipt for {@code target}, a local space, with its trusts of kind deployment receipts. */
    public static VerificationOutcome verifyReceipt(Store store, String target, byte[] receipt, Limits limits) {
        return verify(store, target, receipt, Accepting.DEPLOYMENT_RECEIPTS, false, limits);
    }

    /** As {@link #verify(Store, String, byte[], boolean)}; a confirmed sequence jump ({@code acceptSequenceJump}) is accepted. */
    public static VerificationOutcome verify(Store store, String target, byte[] bundle, boolean openSecrets, boolean acceptSequenceJump) {
        return verify(store, target, bundle, Accepting.RELEASE_BUNDLES, openSecrets, Limits.DEFAULT, acceptSequenceJump);
    }

    private static VerificationOutcome verify(Store store, String target, byte[] bytes, Accepting kind, boolean openSecrets, Limits limits) {
        return verify(store, target, bytes, kind, openSecrets, limits, false);
    }

    private static VerificationOutcome verify(Store store, String target, byte[] bytes, Accepting kind, boolean openSecrets, Limits limits,
                                              boolean acceptSequenceJump) {
        VerificationContext context = store.read(tx -> context(store, tx, EnvironmentService.requireLocal(tx, target), kind, openSecrets)
                .withLimits(limits));
        try {
            return kind.verify(bytes, context, acceptSequenceJump);
        } finally {
            if (context.privateKeyPkcs8() != null) {
                context.privateKeyPkcs8().wipe();
            }
            context.formerCertificates().values().stream().filter(java.util.Objects::nonNull).forEach(Secret::wipe);
        }
    }

    /** The context for release bundles; see {@link #context(Store, StoreTx, Space, Accepting, boolean)}. */
    public static VerificationContext context(Store store, StoreTx tx, Space target, boolean openSecrets) {
        return context(store, tx, target, Accepting.RELEASE_BUNDLES, openSecrets);
    }

    /**
     * Everything the verifier of {@code kind} needs, read now inside {@code tx} (the functions it holds never touch the store
     * again). The private key is in it only when {@code openSecrets} and the master key is present; the caller wipes it.
     */
    public static VerificationContext context(Store store, StoreTx tx, Space target, Accepting kind, boolean openSecrets) {
        if (!target.isLocal()) {
            throw new Refusal(target.describe() + " is a remote space; " + kind.trust().words() + " are checked by a local space of this store.");
        }
        if (store.masterKeyState() != odcm.persistence.keys.MasterKeyState.PRESENT) {
            // The seals of trusts and certificates are checked only with the master key (decision 0038): without it a trust
            // or a pinned certificate put into the store by hand would read as genuine, so nothing is verified here.
            try {
                store.keyVault();
            } catch (Refusal noKey) {
                throw new Refusal("Without the master key the seals of this store's trusts and certificates cannot be checked, so no "
                        + kind.trust().words().replaceAll("s$", "") + " is verified here. " + noKey.getMessage(), noKey);
            }
        }
        Instant now = store.clock().instant();
        Map<Fingerprint, SourceTrust> trust = new HashMap<>();
        Map<Fingerprint, OptionalLong> last = new HashMap<>();
        List<Trust> trusts = tx.trusts().involving(target.id());
        List<Logged> logged = logged(tx, target, kind);
        Set<UUID> accepted = new HashSet<>(kind.ids(tx, target.id()));
        logged.forEach(l -> accepted.add(l.id()));
        for (Space source : tx.spaces().findAll()) {
            if (source.id() == target.id()) {
                continue;
            }
            List<StoredCertificate> certificates = tx.spaces().certificates(source.id());
            List<CertificateWindow> windows = tx.spaces().windows(source.id()); // read once for all its certificates
            List<Fingerprint> usable = acceptedCertificates(windows, certificates, now);
            for (StoredCertificate c : certificates) {
                Fingerprint cfp = c.info().fingerprint();
                Instant compromised = window(windows, c).map(CertificateWindow::compromisedFrom).orElse(null);
                if (compromised != null && !now.isBefore(compromised)) {
                    trust.put(cfp, new SourceTrust.Compromised(compromised));
                } else if (usable.contains(cfp)) {
                    trust.put(cfp, sourceTrust(trusts, target, source, c, kind.trust()));
                } else if (sourceTrust(trusts, target, source, c, kind.trust()) instanceof SourceTrust.Trusted) {
                    trust.put(cfp, new SourceTrust.Retired(retiredSince(windows, c)));
                }
            }
            Fingerprint fp = certificates.get(0).info().fingerprint();
            List<String> signedBy = certificates.stream().map(c -> "signed by certificate " + c.info().fingerprint().grouped() + ";").toList();
            OptionalLong inLog = logged.stream().filter(l -> l.here() && signedBy.stream().anyMatch(l.detail()::contains))
                    .mapToLong(Logged::sequence).max();
            OptionalLong inRows = kind.lastSequence(tx, target.id(), source.id());
            OptionalLong lastOfSource = inLog.isEmpty() ? inRows : inRows.isEmpty() ? inLog
                    : OptionalLong.of(Math.max(inLog.getAsLong(), inRows.getAsLong()));
            certificates.forEach(c -> last.put(c.info().fingerprint(), lastOfSource)); // one sequence per source, whichever key signed
        }
        boolean openKeys = openSecrets && store.masterKeyState() == odcm.persistence.keys.MasterKeyState.PRESENT;
        Map<Fingerprint, Secret> former = new HashMap<>();
        List<StoredCertificate> own = tx.spaces().certificates(target.id());
        List<CertificateWindow> ownWindows = tx.spaces().windows(target.id());
        List<Fingerprint> ownAccepted = acceptedCertificates(ownWindows, own, now);
        Map<Fingerprint, Instant> retired = new HashMap<>();
        own.stream().filter(c -> !c.isCurrent() && !ownAccepted.contains(c.info().fingerprint()) && retiredSince(ownWindows, c) != null)
                .forEach(c -> retired.put(c.info().fingerprint(), retiredSince(ownWindows, c)));
        for (Fingerprint f : ownAccepted) {
            StoredCertificate c = own.stream().filter(o -> o.info().fingerprint().equals(f)).findFirst().orElseThrow();
            if (!c.isCurrent()) {
                former.put(f, openKeys ? tx.spaces().formerSealedPrivateKey(c.id())
                        .map(sealed -> store.keyVault().open(sealed, store.spaceKeyContext(f))).orElse(null) : null);
            }
        }
        Secret key = openKeys ? privateKey(store, tx, target) : null;
        return new VerificationContext(target.name(), target.certificate().fingerprint(),
                f -> trust.getOrDefault(f, new SourceTrust.Unknown()), f -> last.getOrDefault(f, OptionalLong.empty()), store.clock(),
                accepted, key, null, former, retired);
    }

    /**
     * The certificates of {@code space} a signature or an addressee is accepted with at {@code now} (decision 0056): its current
     * one, and a retired one while its overlap after a rotation lasts; none whose key was declared compromised from a time past.
     */
    static List<Fingerprint> acceptedCertificates(StoreTx tx, Space space, List<StoredCertificate> certificates, Instant now) {
        return acceptedCertificates(tx.spaces().windows(space.id()), certificates, now);
    }

    /** As {@link #acceptedCertificates(StoreTx, Space, List, Instant)}, with the space's windows already read. */
    private static List<Fingerprint> acceptedCertificates(List<CertificateWindow> read, List<StoredCertificate> certificates, Instant now) {
        Map<Long, CertificateWindow> windows = new HashMap<>();
        read.forEach(w -> windows.put(w.certificateId(), w));
        List<Fingerprint> accepted = new ArrayList<>();
        for (StoredCertificate c : certificates) {
            var w = windows.get(c.id());
            boolean compromised = w != null && w.compromisedFrom() != null && !now.isBefore(w.compromisedFrom());
            boolean inOverlap = c.isCurrent() || w != null && w.acceptedUntil() != null && now.isBefore(w.acceptedUntil());
            if (inOverlap && !compromised) {
                accepted.add(c.info().fingerprint());
            }
        }
        return accepted;
    }

    /** Since when the retired certificate {@code c} of {@code space} is no longer accepted: its overlap's end, or its retirement. */
    static Instant retiredSince(StoreTx tx, Space space, StoredCertificate c) {
        return retiredSince(tx.spaces().windows(space.id()), c);
    }

    private static Instant retiredSince(List<CertificateWindow> windows, StoredCertificate c) {
        return window(windows, c).map(CertificateWindow::acceptedUntil).orElse(c.retiredAt());
    }

    /** From when the key of certificate {@code c} of {@code space} is declared compromised, or null. */
    static Instant compromisedFrom(StoreTx tx, Space space, StoredCertificate c) {
        return window(tx, space, c).map(CertificateWindow::compromisedFrom).orElse(null);
    }

    private static java.util.Optional<CertificateWindow> window(StoreTx tx, Space space, StoredCertificate c) {
        return window(tx.spaces().windows(space.id()), c);
    }

    /** The window of certificate {@code c} among its space's {@code windows}, read once in this transaction. */
    private static java.util.Optional<CertificateWindow> window(List<CertificateWindow> windows, StoredCertificate c) {
        return windows.stream().filter(w -> w.certificateId() == c.id()).findFirst();
    }

    /** An acceptance as the audit log records it: the file's id and sequence, whether it was {@code here}, and the entry's detail. */
    private record Logged(UUID id, long sequence, boolean here, String detail) {
    }

    private static final Pattern LOGGED = Pattern.compile("^(?:bundle|deployment receipt) ([0-9a-f-]{36}) \\(sequence (\\d+)\\) from ");

    /**
     * The files of {@code kind} this store's audit log records as accepted (decision 0039). The rows that stop a replay can
     * be deleted by whoever writes the store without the master key, and a per-row seal cannot show a row that is gone; the
     * audit entry of each acceptance is keyed and chained to a head kept outside the store, so a file it names counts as
     * accepted, and its sequence as the last from its source, whatever the rows say. Only while the log verifies: an entry
     * removed from the middle breaks the chain, one cut from the end is refused on open (decision 0019).
     */
    private static List<Logged> logged(StoreTx tx, Space here, Accepting kind) {
        String noun = kind == Accepting.RELEASE_BUNDLES ? "bundle" : "receipt";
        List<Logged> logged = new ArrayList<>();
        String consequence = "Which " + noun + "s were accepted before is read from it as well, so no " + noun
                + " is verified or imported in this store";
        AuditAnchor.About about = AuditAnchor.about(tx, here, List.of(kind.action), e -> true, consequence); // the log verified once
        for (AuditEntry e : about.entries()) {
            Matcher m = LOGGED.matcher(kind.loggedId(e));
            if (m.find()) {
                try {
                    logged.add(new Logged(UUID.fromString(m.group(1)), Long.parseLong(m.group(2)), about.inSpace(e, kind.inSpace), e.detail()));
                } catch (IllegalArgumentException notOne) {
                    // not an entry this console wrote about an acceptance (the chain verified, so it is only words)
                }
            }
        }
        return logged;
    }

    /**
     * The jump of a genuine bundle or receipt beyond {@link #SEQUENCE_WINDOW} past {@code last} of its source, or null (within
     * the window, or not genuine). A rollback never gets here: the verifier refused it.
     */
    static VerificationOutcome.SequenceJump jump(VerificationOutcome o, java.util.function.Function<Fingerprint, OptionalLong> last) {
        Fingerprint source;
        String sourceSpace;
        long claimed;
        if (o instanceof VerificationOutcome.Genuine g) {
            source = g.source();
            sourceSpace = g.content().sourceSpace();
            claimed = g.content().sequence();
        } else if (o instanceof VerificationOutcome.GenuineReceipt r) {
            source = r.source();
            sourceSpace = r.content().sourceSpace();
            claimed = r.content().sequence();
        } else {
            return null;
        }
        long from = last.apply(source).orElse(0);
        // claimed > from (else a rollback), so the difference read unsigned is exact even across the whole range of long.
        return Long.compareUnsigned(claimed - from, SEQUENCE_WINDOW) > 0 ? new VerificationOutcome.SequenceJump(sourceSpace, from, claimed,
                SEQUENCE_WINDOW) : null;
    }

    /**
     * Records in the audit log of {@code tx} that {@code here} accepted {@code genuine} although its sequence jumped beyond the
     * window, as its importer confirmed: the source, the last and the new sequence. Does nothing for a sequence within it.
     */
    static void auditAcceptedJump(StoreTx tx, Space here, Accepting kind, VerificationOutcome genuine) {
        Fingerprint fp = genuine instanceof VerificationOutcome.Genuine g ? g.source()
                : genuine instanceof VerificationOutcome.GenuineReceipt r ? r.source() : null;
        Space source = fp == null ? null : tx.spaces().findByFingerprint(fp).orElse(null);
        if (source == null) {
            return;
        }
        VerificationOutcome.SequenceJump jump = jump(genuine, f -> kind.lastSequence(tx, here.id(), source.id()));
        if (jump != null) {
            String noun = kind == Accepting.RELEASE_BUNDLES ? "bundle" : "receipt";
            tx.audit().append(noun + ".sequence-jump", noun + "s from " + source.describe() + " in " + here.describe(),
                    "sequence jumped from " + (jump.last() == 0 ? "none accepted yet" : jump.last() + " (the last accepted)") + " to "
                            + jump.claimed() + ", beyond the window of " + jump.window() + "; accepted as the importer confirmed");
        }
    }

    /** The private key of a local space, opened from the store; the caller wipes it. */
    public static Secret privateKey(Store store, StoreTx tx, Space space) {
        byte[] sealed = tx.spaces().sealedPrivateKey(space.id())
                .orElseThrow(() -> new Refusal(space.describe() + " has no private key in this store."));
        return store.keyVault().open(sealed, store.spaceKeyContext(space.certificate().fingerprint()));
    }

    /**
     * The private key a local space signs bundles and receipts with, of its {@code current} certificate; refused while that key
     * is declared compromised (decision 0056: everything signed with it is refused elsewhere), the caller wipes it.
     */
    public static Secret signingKey(Store store, StoreTx tx, Space space, StoredCertificate current) {
        Instant compromised = compromisedFrom(tx, space, current);
        if (compromised != null) {
            throw new Refusal("The key of " + space.describe() + " was declared compromised from " + compromised + " on, so nothing"
                    + " signed with it is accepted; rotate the key first (rotate-key). Nothing was made.");
        }
        return privateKey(store, tx, space);
    }

    /** Whether {@code truster} has an active trust of {@code kind} in {@code trusted}. */
    static boolean trusts(StoreTx tx, Space truster, Space trusted, TrustKind kind) {
        return tx.trusts().involving(truster.id()).stream().anyMatch(t -> t.trusterId() == truster.id() && t.trustedId() == trusted.id()
                && t.kind() == kind && t.isActive());
    }

    /** Why the current certificate of {@code space} cannot be used now ({@code purpose}: "before promoting there"), or "". */
    static String notValidNow(StoreTx tx, Space space, Instant now, String purpose) {
        return notValidNow(space, tx.spaces().certificates(space.id()).get(0), now, purpose);
    }

    /** As {@link #notValidNow(StoreTx, Space, Instant, String)}, with the space's current certificate already read. */
    static String notValidNow(Space space, StoredCertificate current, Instant now, String purpose) {
        if (current.info().isValidAt(now)) {
            return "";
        }
        return "The certificate of " + space.describe() + " is not valid now (valid " + current.info().notBefore() + " to "
                + current.info().notAfter() + "); replace it " + purpose + ".";
    }

    private static SourceTrust sourceTrust(List<Trust> trusts, Space target, Space source, StoredCertificate current, TrustKind kind) {
        boolean active = false;
        boolean revoked = false;
        for (Trust t : trusts) {
            if (t.trusterId() == target.id() && t.trustedId() == source.id() && t.kind() == kind) {
                active |= t.isActive();
                revoked |= !t.isActive();
            }
        }
        if (active) {
            return new SourceTrust.Trusted(current.der());
        }
        return revoked ? new SourceTrust.Revoked() : new SourceTrust.Unknown();
    }
}
