package odcm.app.service;

import odcm.model.role.Action;
import java.time.Instant;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.ReadCertificate;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;
import odcm.persistence.space.NewCertificate;

/** Remote spaces: another console's spaces, known here by the certificate exchanged by hand. */
public final class RemoteSpaceService {
    private final Store store;

    public RemoteSpaceService(Store store) {
        this.store = store;
    }

    /** Reads and checks a certificate so a person can look at it before anything is saved. */
    public ReadCertificate preview(byte[] certificateBytes) {
        return Certificates.read(certificateBytes, Instant.now(store.clock()));
    }

    /** The space, local or remote, that has (or had) the certificate with this fingerprint, if any. */
    public Optional<Space> knownAs(Fingerprint fingerprint) {
        return store.read(tx -> tx.spaces().findByFingerprint(fingerprint));
    }

    /**
     * Adds a remote space. When {@code expectedFingerprint} (read out by the other side) is given, it must
     * match the certificate or nothing is saved.
     */
    public Space add(String name, String description, byte[] certificateBytes, String expectedFingerprint) {
        SpaceName spaceName = SpaceName.of(name);
        String desc = Space.checkDescription(description);
        ReadCertificate cert = checked(certificateBytes, expectedFingerprint);
        return store.write(tx -> {
            RoleService.checkInAnySpace(tx, store, Action.CHANGE_REMOTE_SPACES);
            SpaceService.checkNameFree(tx, spaceName, -1);
            checkUnknown(tx, cert, -1);
            Space s = tx.spaces().insertRemote(spaceName, desc, new NewCertificate(cert.der(), cert.info()));
            if (confirmed(expectedFingerprint)) {
                tx.spaces().confirmCurrentCertificate(s.id());
            }
            tx.audit().append("remote.add", s.describe(), "certificate " + cert.info().subject() + ", fingerprint "
                    + cert.info().fingerprint().grouped() + ", valid until " + cert.info().notAfter()
                    + (confirmed(expectedFingerprint) ? "; fingerprint confirmed" : "; fingerprint not confirmed"));
            return s;
        });
    }

    /** Rotation: the new certificate becomes current, the old one stays in the space's history. */
    public Space replaceCertificate(String name, byte[] certificateBytes, String expectedFingerprint) {
        ReadCertificate cert = checked(certificateBytes, expectedFingerprint);
        return store.write(tx -> {
            Space s = requireRemote(tx, name);
            RoleService.checkChange(tx, store, s);
            if (s.certificate().fingerprint().equals(cert.info().fingerprint())) {
                throw new Refusal("This certificate is already the current certificate of " + s.describe() + ".");
            }
            checkUnknown(tx, cert, s.id());
            boolean trusted = tx.trusts().involving(s.id()).stream().anyMatch(t -> t.isActive());
            if (trusted && (expectedFingerprint == null || expectedFingerprint.isBlank())) {
                throw new Refusal("Trusts rely on " + s.describe() + ", so its new certificate must be confirmed: give the fingerprint the other side"
                        + " reads out (--fingerprint).");
            }
            Space replaced = tx.spaces().replaceCertificate(s.id(), new NewCertificate(cert.der(), cert.info()));
            if (confirmed(expectedFingerprint)) {
                tx.spaces().confirmCurrentCertificate(s.id());
            }
            tx.audit().append("remote.replace-cert", s.describe(), "certificate fingerprint from " + s.certificate().fingerprint().grouped()
                    + " to " + cert.info().fingerprint().grouped()
                    + (confirmed(expectedFingerprint) ? "; fingerprint confirmed" : "; fingerprint not confirmed"));
            return replaced;
        });
    }

    /**
     * Confirms, after the fact, the fingerprint of a remote space added without one (say, before the phone call):
     * it must match the current certificate. Trusts in a remote space need a confirmed certificate.
     */
    public Space confirm(String name, String fingerprint) {
        Fingerprint read = Fingerprint.parse(fingerprint);
        return store.write(tx -> {
            Space s = requireRemote(tx, name);
            RoleService.checkChange(tx, store, s);
            if (!read.equals(s.certificate().fingerprint())) {
                throw new Refusal("The fingerprint read out by the other side (" + read.grouped() + ") does not match the certificate of "
                        + s.describe() + " (" + s.certificate().fingerprint().grouped() + "); it stays unconfirmed. Check with the other side.");
            }
            tx.spaces().confirmCurrentCertificate(s.id());
            tx.audit().append("remote.confirm", s.describe(), "fingerprint " + read.grouped() + " confirmed with the other side");
            return s;
        });
    }

    /** Whether the current certificate of a remote space was confirmed (local spaces' own certificates always are). */
    public boolean isConfirmed(String name) {
        return store.read(tx -> {
            Space s = SpaceService.require(tx, name);
            return s.isLocal() || tx.spaces().certificates(s.id()).get(0).isConfirmed();
        });
    }

    private static boolean confirmed(String expectedFingerprint) {
        return expectedFingerprint != null && !expectedFingerprint.isBlank();
    }

    public void remove(String name) {
        store.write(tx -> {
            Space s = requireRemote(tx, name);
            RoleService.checkChange(tx, store, s);
            SpaceService.deleteChecked(tx, s, "remote.remove");
            return null;
        });
    }

    private ReadCertificate checked(byte[] certificateBytes, String expectedFingerprint) {
        ReadCertificate cert = preview(certificateBytes);
        if (expectedFingerprint != null && !expectedFingerprint.isBlank()) {
            Fingerprint expected = Fingerprint.parse(expectedFingerprint);
            if (!expected.equals(cert.info().fingerprint())) {
                throw new Refusal("The fingerprint read out by the other side (" + expected.grouped() + ") does not match this certificate's ("
                        + cert.info().fingerprint().grouped() + "); nothing was saved. Check with the other side before trusting this certificate.");
            }
        }
        return cert;
    }

    static void checkUnknown(StoreTx tx, ReadCertificate cert, long exceptSpaceId) {
        tx.spaces().findByFingerprint(cert.info().fingerprint()).ifPresent(known -> {
            if (known.id() == exceptSpaceId) {
                throw new Refusal("This certificate was an earlier certificate of " + known.describe() + "; a replaced certificate is not taken back.");
            }
            throw new Refusal("This certificate is already known as " + known.describe() + "; one certificate cannot stand for two spaces.");
        });
    }

    static Space requireRemote(StoreTx tx, String name) {
        Space s = SpaceService.require(tx, name);
        if (s.isLocal()) {
            throw new Refusal("'" + s.name() + "' is a local space of this console, not a remote space.");
        }
        return s;
    }
}
