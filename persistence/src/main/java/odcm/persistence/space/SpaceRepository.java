package odcm.persistence.space;

import java.util.List;
import java.util.Optional;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;

/**
 * Spaces with their certificates and sealed private keys. Callers check the rules (odcm.model) first;
 * the schema's unique constraints are the last line, and a violation surfaces as a {@link odcm.model.Refusal}.
 */
public interface SpaceRepository {
    /** Space plus current certificate plus sealed private key (already sealed by the caller). */
    Space insertLocal(SpaceName name, String description, NewCertificate certificate, String keyAlgorithm, byte[] sealedPrivateKey);

    Space insertRemote(SpaceName name, String description, NewCertificate certificate);

    /** Empty, and nothing written, when the space is no longer at {@code version} (decision 0036). */
    Optional<Space> rename(long spaceId, long version, SpaceName newName);

    /** Empty, and nothing written, when the space is no longer at {@code version}. */
    Optional<Space> updateDescription(long spaceId, long version, String description);

    /** Deletes the space, its certificates, its key and its revoked trusts. Callers check references first. */
    void delete(long spaceId);

    /** All spaces, local first, then by name (case-insensitive). */
    List<Space> findAll();

    Optional<Space> findById(long spaceId);

    /** By name, case-insensitively. */
    Optional<Space> findByName(String name);

    /**
     * The spaces the lifecycle {@code lifecycleId} promotes to, each once, in the order of its phases and their members
     * (one statement: what a bundle's route needs of the lifecycle, without reading the whole lifecycle).
     */
    List<Space> promotionTargets(long lifecycleId);

    /** The space that has or had a certificate with this fingerprint. */
    Optional<Space> findByFingerprint(Fingerprint fingerprint);

    /** Current certificate first, then earlier ones, newest first. */
    List<StoredCertificate> certificates(long spaceId);

    /** Retires the current certificate and makes this one current. */
    Space replaceCertificate(long spaceId, NewCertificate certificate);

    /** Records that the current certificate's fingerprint was confirmed with the other side, now. */
    void confirmCurrentCertificate(long spaceId);

    /** The sealed private key of a local space, if it has one. */
    Optional<byte[]> sealedPrivateKey(long spaceId);

    /** The algorithm of a local space's private key ("RSA", "EC"), if it has one. */
    Optional<String> keyAlgorithm(long spaceId);

    /**
     * What key statements changed about the certificates of {@code spaceId} (decision 0056): each certificate with a window,
     * its rows' seals checked.
     */
    List<CertificateWindow> windows(long spaceId);

    /** Sets the window of certificate {@code certificateId} of {@code spaceId} (null: no such limit), sealed. */
    void setWindow(long spaceId, long certificateId, java.time.Instant acceptedUntil, java.time.Instant compromisedFrom);

    /**
     * Rotates the key of local space {@code spaceId} (decision 0056): its current certificate retired but accepted until
     * {@code overlapUntil}, its key kept as a former key; {@code certificate} and {@code sealedPrivateKey} made current.
     */
    Space rotateLocalKey(long spaceId, NewCertificate certificate, String keyAlgorithm, byte[] sealedPrivateKey, java.time.Instant overlapUntil);

    /** The sealed former private key of a local space's retired certificate {@code certificateId}, while it is kept. */
    Optional<byte[]> formerSealedPrivateKey(long certificateId);

    /** Removes the former keys of local space {@code spaceId}; how many. */
    int removeFormerKeys(long spaceId);

    /**
     * The bundles and receipts spaces of this store accepted, signed by the certificate {@code signer}, at or after {@code from},
     * oldest first.
     */
    List<AcceptedSince> acceptedSince(Fingerprint signer, java.time.Instant from);

    /** A certificate's window: accepted until (after a rotation), compromised from (a compromise statement); each may be null. */
    record CertificateWindow(long certificateId, java.time.Instant acceptedUntil, java.time.Instant compromisedFrom) {
        /** Whether an earlier certificate is still accepted at {@code at}: replaced by a rotation, not yet retired (0056). */
        public boolean inOverlapAt(java.time.Instant at) {
            return acceptedUntil != null && at.isBefore(acceptedUntil);
        }
    }

    /** A bundle or receipt ({@code kind}: "bundle", "receipt") {@code id} with {@code sequence} accepted by {@code space} at {@code at}. */
    record AcceptedSince(String kind, java.util.UUID id, long sequence, String space, java.time.Instant at) {
    }
}
