package odcm.app.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.nio.file.Path;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;
import odcm.model.role.Action;
import odcm.model.space.Space;
import odcm.packaging.bundle.KeyStatement;
import odcm.packaging.bundle.KeyStatementVerifier;
import odcm.packaging.bundle.KeyStatementWriter;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.ReadCertificate;
import odcm.packaging.cert.SpaceIdentity;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.keys.KeyVault;
import odcm.persistence.space.NewCertificate;
import odcm.persistence.space.SpaceRepository.AcceptedSince;
import odcm.persistence.space.SpaceRepository.CertificateWindow;
import odcm.persistence.space.StoredCertificate;

/**
 * Keys over time (decision 0056): a local space rotates its key and writes a rotation statement; it declares a key
 * compromised in a compromise statement; another console imports either as an update of its remote space. Every act is
 * audited; nothing is changed by a statement that does not verify.
 */
public final class KeyService {
    /** The overlap when none is given: two weeks for the other side to import the statement. */
    public static final int DEFAULT_OVERLAP_DAYS = 14;
    /** The longest overlap: {@link KeyStatementVerifier#MAX_OVERLAP} (KeyRotationTest holds them equal). */
    public static final int MAX_OVERLAP_DAYS = 365;

    private final Store store;

    public KeyService(Store store) {
        this.store = store;
    }

    /** A rotation done: the space, its old and new certificate, the end of the overlap, the local spaces whose trusts followed. */
    public record Rotated(Space space, Fingerprint from, Fingerprint to, Instant overlapUntil, List<String> followedBy) {
        public String sentence() {
            return "Rotated the key of " + space.describe() + ": certificate " + to.grouped() + " replaces " + from.grouped()
                    + ", which stays accepted until " + overlapUntil + (followedBy.isEmpty() ? "." : "; the trusts of "
                    + String.join(", ", followedBy) + " in this console follow at once.");
        }
    }

    /**
     * Rotates the key of local space {@code name}: a new key pair and certificate (decision 0003; {@code algorithm} null keeps
     * the old key's), the old key kept for {@code overlapDays} (0 to {@value #MAX_OVERLAP_DAYS}), and the rotation statement,
     * signed by both keys, written to {@code out} as a receipt is (synced before the commit, moved to its name after it; an
     * existing file replaced only with {@code replace}), so a failed write changes nothing.
     */
    public Rotated rotate(String name, int overlapDays, KeyAlgorithm algorithm, Path out, boolean replace) {
        checkOverlap(overlapDays);
        KeyVault vault = store.keyVault();
        Space before = store.read(tx -> requireLocalSpace(tx, name));
        KeyAlgorithm alg = algorithm != null ? algorithm
                : store.read(tx -> tx.spaces().keyAlgorithm(before.id())).map(KeyAlgorithm::valueOf).orElse(KeyAlgorithm.EC_P256);
        // Key generation is slow (RSA especially), so it runs before the transaction, as when a space is made.
        SpaceIdentity identity = Certificates.generate(before.name(), alg, Instant.now(store.clock()));
        try (Secret newKey = identity.privateKeyPkcs8()) {
            byte[] sealed = vault.seal(newKey, store.spaceKeyContext(identity.info().fingerprint()));
            String destination = out.toAbsolutePath().toString();
            return RecordedFile.write(store, out, replace, tx -> 0, (tx, unused, write) -> {
                Space s = requireLocalSpace(tx, name);
                RoleService.checkChange(tx, store, s);
                Instant now = StoreTime.now(store.clock());
                Instant until = now.plus(Duration.ofDays(overlapDays));
                Fingerprint old = s.certificate().fingerprint();
                KeyStatement statement = KeyStatement.rotation(s.name(), old, now, identity.certificateDer(), until);
                byte[] file;
                try (Secret oldKey = BundleChecks.privateKey(store, tx, s)) {
                    file = statement(statement, new SourceKey(tx.spaces().certificates(s.id()).get(0).der(), oldKey),
                            new SourceKey(identity.certificateDer(), newKey));
                }
                Space rotated = tx.spaces().rotateLocalKey(s.id(), new NewCertificate(identity.certificateDer(), identity.info()), alg.name(),
                        sealed, until);
                List<String> followed = tx.trusts().activeInvolving(s.id()).stream().filter(t -> t.trustedId() == s.id())
                        .map(t -> tx.spaces().findById(t.trusterId()).orElseThrow()).filter(Space::isLocal).map(t -> "'" + t.name() + "'")
                        .distinct().toList();
                write.accept(file);
                tx.audit().append("space.rotate-key", s.describe(), "key " + identity.info().keyDescription() + "; certificate fingerprint from "
                        + old.grouped() + " to " + identity.info().fingerprint().grouped() + "; the old one accepted until " + until
                        + "; rotation statement " + statement.statementId() + " to " + destination
                        + (followed.isEmpty() ? "" : "; trusts of local spaces that follow at once: " + String.join(", ", followed)));
                return new Rotated(rotated, old, identity.info().fingerprint(), until, followed);
            });
        }
    }

    /**
     * Writes the rotation statement of local space {@code name}'s last rotation again (the file was lost, or a console missed
     * it), signed anew by its former key, still kept, and its current one, with the same overlap end; written as {@link #rotate}
     * writes. Refused once the overlap is over here (other consoles then refuse the statement too) or the former key was
     * declared compromised.
     */
    public KeyStatement rotationStatement(String name, Path out, boolean replace) {
        String destination = out.toAbsolutePath().toString();
        return RecordedFile.write(store, out, replace, tx -> 0, (tx, unused, write) -> {
            Space s = requireLocalSpace(tx, name);
            RoleService.checkChange(tx, store, s);
            List<StoredCertificate> certificates = tx.spaces().certificates(s.id());
            Instant now = StoreTime.now(store.clock());
            StoredCertificate former = certificates.size() < 2 ? null : certificates.get(1);
            CertificateWindow w = former == null ? null : tx.spaces().windows(s.id()).stream()
                    .filter(x -> x.certificateId() == former.id()).findFirst().orElse(null);
            if (w == null || w.acceptedUntil() == null || !now.isBefore(w.acceptedUntil()) || w.compromisedFrom() != null) {
                throw new Refusal(Character.toUpperCase(s.describe().charAt(0)) + s.describe().substring(1) + " has no earlier key in an"
                        + " overlap, so no rotation statement can be written again; a console that missed it takes the certificate by"
                        + " hand (remote replace-cert --fingerprint). Nothing was changed.");
            }
            byte[] sealed = tx.spaces().formerSealedPrivateKey(former.id()).orElseThrow(() -> new Refusal("The former key of "
                    + s.describe() + " is no longer kept, so no rotation statement can be signed with it; nothing was changed."));
            KeyStatement statement = KeyStatement.rotation(s.name(), former.info().fingerprint(), now, certificates.get(0).der(), w.acceptedUntil());
            byte[] file;
            try (Secret oldKey = store.keyVault().open(sealed, store.spaceKeyContext(former.info().fingerprint()));
                 Secret newKey = BundleChecks.signingKey(store, tx, s, certificates.get(0))) {
                file = statement(statement, new SourceKey(former.der(), oldKey), new SourceKey(certificates.get(0).der(), newKey));
            }
            write.accept(file);
            tx.audit().append("space.rotation-statement", s.describe(), "rotation statement " + statement.statementId() + " from "
                    + former.info().fingerprint().grouped() + " to " + certificates.get(0).info().fingerprint().grouped()
                    + " written again to " + destination + "; the old one accepted until " + w.acceptedUntil());
            return statement;
        });
    }

    /**
     * Writes a compromise statement of local space {@code name}: the key of its certificate {@code certificate} (null: the
     * current one; else a former one whose key is still kept) is not to be trusted from {@code compromisedFrom} on, written to
     * {@code out} as {@link #rotate} writes. Signed with that
     * key (decision 0056: only its holder can say so); recorded here too, so this console's own spaces stop accepting it.
     * The time is kept to the second.
     */
    public Declared declareCompromised(String name, String certificate, Instant compromisedFrom, Path out, boolean replace) {
        Instant from = compromisedFrom.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String destination = out.toAbsolutePath().toString();
        return RecordedFile.write(store, out, replace, tx -> 0, (tx, unused, write) -> {
            Space s = requireLocalSpace(tx, name);
            RoleService.checkChange(tx, store, s);
            StoredCertificate c = certificate == null || certificate.isBlank() ? tx.spaces().certificates(s.id()).get(0)
                    : certificateOf(tx, s, Fingerprint.parse(certificate));
            if (c.isCurrent()) {
                throw new Refusal("The key of certificate " + c.info().fingerprint().grouped() + " is the one " + s.describe() + " signs with;"
                        + " rotate the key first (rotate-key), then declare the former one compromised (--certificate); nothing was changed.");
            }
            Instant now = StoreTime.now(store.clock());
            if (from.isAfter(now.plus(KeyStatementVerifier.CLOCK_SKEW))) {
                throw new Refusal("A key is declared compromised from a time up to now, not from " + from + "; nothing was changed.");
            }
            checkEarlier(BundleChecks.compromisedFrom(tx, s, c), from, c.info().fingerprint(), s);
            KeyStatement statement = KeyStatement.compromise(s.name(), c.info().fingerprint(), now, from);
            byte[] sealed = tx.spaces().formerSealedPrivateKey(c.id()).orElse(null);
            if (sealed == null) {
                throw new Refusal("The key of certificate " + c.info().fingerprint().grouped() + " of " + s.describe() + " is no longer kept"
                        + " (it was retired), so no statement can be signed with it; nothing was changed.");
            }
            byte[] file;
            try (Secret key = store.keyVault().open(sealed, store.spaceKeyContext(c.info().fingerprint()))) {
                file = statement(statement, new SourceKey(c.der(), key), null);
            }
            setCompromised(tx, s, c, from);
            List<AcceptedSince> since = tx.spaces().acceptedSince(c.info().fingerprint(), from);
            write.accept(file);
            tx.audit().append("space.declare-compromised", s.describe(), "key of certificate " + c.info().fingerprint().grouped()
                    + " not to be trusted from " + from + " on; compromise statement " + statement.statementId() + " to " + destination
                    + "; " + acceptedSince(since));
            return new Declared(statement, since);
        });
    }

    /** A compromise declared: the statement, and what this console's own spaces accepted signed with the key since. */
    public record Declared(KeyStatement statement, List<AcceptedSince> acceptedSince) {
        public String sentence() {
            return statement.describe() + "; in this console " + KeyService.acceptedSince(acceptedSince) + ".";
        }
    }

    /** "none accepted since then" or the files accepted with a compromised key since its compromise. */
    static String acceptedSince(List<AcceptedSince> since) {
        return since.isEmpty() ? "nothing signed with it was accepted since then" : since.size() + " accepted since then: "
                + String.join("; ", since.stream().map(a -> a.kind() + " " + a.id() + " (sequence " + a.sequence() + ") in '" + a.space()
                + "' at " + a.at()).toList());
    }

    /**
     * The one rule for a key declared compromised again, here and on import (decision 0056): only an earlier time tells
     * something new; the same or a later one is refused.
     */
    static void checkEarlier(Instant already, Instant from, Fingerprint certificate, Space s) {
        if (already != null && !from.isBefore(already)) {
            throw new Refusal("The key of certificate " + certificate.grouped() + " of " + s.describe() + " is already not trusted from "
                    + already + " on; only an earlier time changes that, so nothing was changed.");
        }
    }

    /** The end of an overlap: the space, and until when consoles that imported the rotation still accept the earlier certificate. */
    public record Retired(Space space, Instant acceptedElsewhereUntil) {
    }

    /**
     * Ends the overlap of space {@code name} now, in this console: its retired certificates are no longer accepted here. A
     * local space keeps its former keys (sealed, as after an overlap that ran out), since consoles that imported the rotation
     * accept the earlier certificate until the overlap they were told, and only that key can declare it compromised. Refused
     * when no overlap lasts, and when {@code local} does not match the space.
     */
    public Retired retireOld(String name, boolean local) {
        return store.write(tx -> {
            Space s = SpaceService.require(tx, name);
            if (s.isLocal() != local) {
                throw new Refusal("'" + s.name() + "' is a " + (s.isLocal() ? "local space: space retire-old-key" : "remote space: remote retire-old-cert")
                        + " ends its overlap; nothing was changed.");
            }
            RoleService.checkChange(tx, store, s);
            Instant now = StoreTime.now(store.clock());
            List<CertificateWindow> open = tx.spaces().windows(s.id()).stream()
                    .filter(w -> w.acceptedUntil() != null && now.isBefore(w.acceptedUntil())).toList();
            if (open.isEmpty()) {
                String of = s.describe();
                throw new Refusal(Character.toUpperCase(of.charAt(0)) + of.substring(1) + " has no earlier " + (s.isLocal() ? "key" : "certificate")
                        + " in an overlap; nothing was changed.");
            }
            Instant until = open.stream().map(CertificateWindow::acceptedUntil).max(Instant::compareTo).orElseThrow();
            open.forEach(w -> tx.spaces().setWindow(s.id(), w.certificateId(), now, w.compromisedFrom()));
            tx.audit().append(s.isLocal() ? "space.retire-old-key" : "remote.retire-old-cert", s.describe(), "overlap ended here; "
                    + open.size() + (open.size() == 1 ? " earlier certificate" : " earlier certificates") + " no longer accepted"
                    + (s.isLocal() ? " in this console; consoles that imported the rotation accept it until " + until
                    + "; the former key is kept so it can still be declared compromised" : ""));
            return new Retired(s, until);
        });
    }

    /** What key statements changed about the certificates of space {@code name}: overlaps and compromises. */
    public List<CertificateWindow> windows(String name) {
        return store.read(tx -> tx.spaces().windows(SpaceService.require(tx, name).id()));
    }

    /** What a statement would do to remote space {@code remote}, verified, changing nothing; refused with its sentence. */
    public KeyStatement preview(String remote, byte[] file) {
        return store.read(tx -> verified(tx, RemoteSpaceService.requireRemote(tx, remote), file));
    }

    /** A statement imported: what it said, and for a compromise the files accepted here since the key was compromised. */
    public record Imported(Space space, KeyStatement statement, List<AcceptedSince> acceptedSince) {
        public String sentence() {
            KeyStatement s = statement;
            if (s.kind() == KeyStatement.Kind.ROTATION) {
                return "Rotated the certificate of " + space.describe() + " to " + s.newCertificate().grouped() + " (fingerprint confirmed); "
                        + s.certificate().grouped() + " stays accepted until " + s.overlapUntil() + ".";
            }
            return "The key of certificate " + s.certificate().grouped() + " of " + space.describe() + " is not trusted from "
                    + s.notTrustedAfter() + " on; here " + KeyService.acceptedSince(acceptedSince) + ".";
        }
    }

    /**
     * Imports a key statement as an update of remote space {@code remote}: verified against its pinned certificates; a rotation
     * needs {@code newFingerprint}, read out by the other side, to match the new certificate.
     */
    public Imported importStatement(String remote, byte[] file, String newFingerprint) {
        return store.write(tx -> {
            Space s = RemoteSpaceService.requireRemote(tx, remote);
            RoleService.checkChange(tx, store, s);
            KeyStatement st = verified(tx, s, file);
            StoredCertificate about = certificateOf(tx, s, st.certificate());
            if (st.kind() == KeyStatement.Kind.COMPROMISE) {
                checkEarlier(BundleChecks.compromisedFrom(tx, s, about), st.notTrustedAfter(), st.certificate(), s);
                setCompromised(tx, s, about, st.notTrustedAfter());
                List<AcceptedSince> since = tx.spaces().acceptedSince(st.certificate(), st.notTrustedAfter());
                tx.audit().append("remote.compromise", s.describe(), "key of certificate " + st.certificate().grouped()
                        + " not trusted from " + st.notTrustedAfter() + " on (statement " + st.statementId() + "); " + since.size()
                        + " accepted since then" + (since.isEmpty() ? "" : ": " + String.join(", ", since.stream().map(a -> a.kind() + " " + a.id()).toList())));
                return new Imported(s, st, since);
            }
            if (BundleChecks.compromisedFrom(tx, s, about) != null) {
                throw new Refusal("The key of certificate " + st.certificate().grouped() + " of " + s.describe() + " was declared compromised,"
                        + " so a rotation signed with it proves nothing; exchange the new certificate by hand (remote replace-cert"
                        + " --fingerprint). Nothing was changed.");
            }
            if (newFingerprint == null || newFingerprint.isBlank()) {
                throw new Refusal("A rotation is imported only with the new certificate's fingerprint read out by the other side"
                        + " (--fingerprint); nothing was changed.");
            }
            Fingerprint expected = Fingerprint.parse(newFingerprint);
            if (!expected.equals(st.newCertificate())) {
                throw new Refusal("The fingerprint read out by the other side (" + expected.grouped() + ") does not match the new certificate"
                        + " in this statement (" + st.newCertificate().grouped() + "); nothing was changed. Check with the other side.");
            }
            byte[] der = st.newCertificateDer();
            RemoteSpaceService.checkUnknown(tx, new ReadCertificate(der, Certificates.describe(der)), s.id());
            tx.spaces().replaceCertificate(s.id(), new NewCertificate(der, Certificates.describe(der)));
            tx.spaces().confirmCurrentCertificate(s.id());
            tx.spaces().setWindow(s.id(), about.id(), st.overlapUntil(), null);
            tx.audit().append("remote.rotate", s.describe(), "certificate fingerprint from " + st.certificate().grouped() + " to "
                    + st.newCertificate().grouped() + " by rotation statement " + st.statementId() + " signed by both keys; fingerprint"
                    + " confirmed; the old one accepted until " + st.overlapUntil());
            return new Imported(s, st, List.of());
        });
    }

    private KeyStatement verified(StoreTx tx, Space s, byte[] file) {
        List<byte[]> pinned = tx.spaces().certificates(s.id()).stream().map(StoredCertificate::der).toList();
        VerificationOutcome o = KeyStatementVerifier.verify(file, s.name(), pinned, java.util.Set.of(), store.clock(), null);
        if (!(o instanceof VerificationOutcome.GenuineStatement g)) {
            throw new Refusal(o.sentence(VerificationOutcome.Kind.KEY_STATEMENT));
        }
        return g.statement();
    }

    private static void setCompromised(StoreTx tx, Space s, StoredCertificate c, Instant from) {
        Instant until = tx.spaces().windows(s.id()).stream().filter(w -> w.certificateId() == c.id()).map(CertificateWindow::acceptedUntil)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        tx.spaces().setWindow(s.id(), c.id(), until, from);
    }

    private static StoredCertificate certificateOf(StoreTx tx, Space s, Fingerprint fp) {
        return tx.spaces().certificates(s.id()).stream().filter(c -> c.info().fingerprint().equals(fp)).findFirst()
                .orElseThrow(() -> new Refusal("Certificate " + fp.grouped() + " is not a certificate of " + s.describe() + "."));
    }

    private static Space requireLocalSpace(StoreTx tx, String name) {
        Space s = SpaceService.require(tx, name);
        if (!s.isLocal()) {
            throw new Refusal("'" + s.name() + "' is a remote space; only a local space's own key can be rotated here (a remote space's"
                    + " certificate follows its rotation statement: remote import-statement).");
        }
        return s;
    }

    static void checkOverlap(int days) {
        if (days < 0 || days > MAX_OVERLAP_DAYS) {
            throw new Refusal("The overlap is 0 to " + MAX_OVERLAP_DAYS + " days; " + days + " is outside it.");
        }
    }

    private static byte[] statement(KeyStatement statement, SourceKey key, SourceKey newKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            KeyStatementWriter.write(statement, key, newKey, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
