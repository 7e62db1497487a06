package odcm.packaging.bundle;

import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;

/**
 * The caller's view of this space, which the verifier reads and never changes: its name and certificate, what it trusts,
 * the last sequence accepted per source, the clock, the bundles already accepted, and (only to open secrets) its private key.
 */
public record VerificationContext(String spaceName, Fingerprint spaceCertificate, Function<Fingerprint, SourceTrust> trust,
                                  Function<Fingerprint, OptionalLong> lastAcceptedSequence, Clock clock, Set<UUID> acceptedBundles,
                                  Secret privateKeyPkcs8, Limits limits) {
    public VerificationContext {
        Objects.requireNonNull(spaceName, "spaceName");
        Objects.requireNonNull(spaceCertificate, "spaceCertificate");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(lastAcceptedSequence, "lastAcceptedSequence");
        Objects.requireNonNull(clock, "clock");
        acceptedBundles = Set.copyOf(acceptedBundles);
        limits = limits == null ? Limits.DEFAULT : limits;
    }

    public VerificationContext withPrivateKey(Secret key) {
        return new VerificationContext(spaceName, spaceCertificate, trust, lastAcceptedSequence, clock, acceptedBundles, key, limits);
    }

    public VerificationContext withLimits(Limits l) {
        return new VerificationContext(spaceName, spaceCertificate, trust, lastAcceptedSequence, clock, acceptedBundles, privateKeyPkcs8, l);
    }
}
