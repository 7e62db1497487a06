package odcm.packaging.bundle;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;

/**
 * The caller's view of this space, which the verifier reads and never changes: its name and certificate, what it trusts,
 * the last sequence accepted per source, the clock, the bundles already accepted, (only to open secrets) its private key, and
 * its former certificates still in their overlap after a key rotation (decision 0056), each with its key or null.
 */
public record VerificationContext(String spaceName, Fingerprint spaceCertificate, Function<Fingerprint, SourceTrust> trust,
                                  Function<Fingerprint, OptionalLong> lastAcceptedSequence, Clock clock, Set<UUID> acceptedBundles,
                                  Secret privateKeyPkcs8, Limits limits, Map<Fingerprint, Secret> formerCertificates,
                                  Map<Fingerprint, java.time.Instant> retiredCertificates) {
    /** Without retired certificates: nothing to name when a file is addressed to one. */
    public VerificationContext(String spaceName, Fingerprint spaceCertificate, Function<Fingerprint, SourceTrust> trust,
                               Function<Fingerprint, OptionalLong> lastAcceptedSequence, Clock clock, Set<UUID> acceptedBundles,
                               Secret privateKeyPkcs8, Limits limits, Map<Fingerprint, Secret> formerCertificates) {
        this(spaceName, spaceCertificate, trust, lastAcceptedSequence, clock, acceptedBundles, privateKeyPkcs8, limits, formerCertificates, Map.of());
    }

    /** Without former certificates: a space that never rotated its key, or whose overlap is over. */
    public VerificationContext(String spaceName, Fingerprint spaceCertificate, Function<Fingerprint, SourceTrust> trust,
                               Function<Fingerprint, OptionalLong> lastAcceptedSequence, Clock clock, Set<UUID> acceptedBundles,
                               Secret privateKeyPkcs8, Limits limits) {
        this(spaceName, spaceCertificate, trust, lastAcceptedSequence, clock, acceptedBundles, privateKeyPkcs8, limits, Map.of());
    }

    public VerificationContext {
        Objects.requireNonNull(spaceName, "spaceName");
        Objects.requireNonNull(spaceCertificate, "spaceCertificate");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(lastAcceptedSequence, "lastAcceptedSequence");
        Objects.requireNonNull(clock, "clock");
        acceptedBundles = Set.copyOf(acceptedBundles);
        limits = limits == null ? Limits.DEFAULT : limits;
        formerCertificates = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(formerCertificates));
        retiredCertificates = Map.copyOf(retiredCertificates);
    }

    /**
     * Why a file addressed to certificate {@code target} of space {@code space} is not for this space now, or null when it is:
     * an earlier certificate of this space, retired since a time (decision 0056), or another space's.
     */
    public VerificationOutcome notAddressedHere(String space, Fingerprint target) {
        if (space.equals(spaceName) && !addressedTo(target) && retiredCertificates.containsKey(target)) {
            return new VerificationOutcome.AddressedToRetiredCertificate(spaceName, target, retiredCertificates.get(target));
        }
        return addressedTo(target) && space.equals(spaceName) ? null : new VerificationOutcome.AddressedToAnotherSpace(space, target);
    }

    /** Whether a file addressed to the certificate {@code target} is addressed here: the current one, or one in its overlap. */
    public boolean addressedTo(Fingerprint target) {
        return target.equals(spaceCertificate) || formerCertificates.containsKey(target);
    }

    /** The private key of this space's certificate {@code target} (current or former), or null when not opened. */
    public Secret keyOf(Fingerprint target) {
        return target.equals(spaceCertificate) ? privateKeyPkcs8 : formerCertificates.get(target);
    }

    public VerificationContext withPrivateKey(Secret key) {
        return new VerificationContext(spaceName, spaceCertificate, trust, lastAcceptedSequence, clock, acceptedBundles, key, limits, formerCertificates, retiredCertificates);
    }

    public VerificationContext withLimits(Limits l) {
        return new VerificationContext(spaceName, spaceCertificate, trust, lastAcceptedSequence, clock, acceptedBundles, privateKeyPkcs8, l, formerCertificates, retiredCertificates);
    }
}
