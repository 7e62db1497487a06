package odcm.app.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleVerifier;
import odcm.packaging.bundle.SourceTrust;
import odcm.packaging.bundle.VerificationContext;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;
import odcm.persistence.space.StoredCertificate;

/**
 * Checks a release bundle as a local space of this store sees it, with the one verifier of {@code packaging}:
 * what the space trusts, the bundles it accepted, the last sequence per source. Reading only: nothing here writes.
 */
public final class BundleChecks {
    private BundleChecks() {
    }

    /**
     * Verifies {@code bundle} for {@code target}, a local space. With {@code openSecrets} and the master key present,
     * a genuine bundle's sensitive values are decrypted with the target's private key, which is wiped afterwards.
     */
    public static VerificationOutcome verify(Store store, String target, byte[] bundle, boolean openSecrets) {
        return verify(store, target, bundle, openSecrets, odcm.packaging.bundle.Limits.DEFAULT);
    }

    /** As {@link #verify(Store, String, byte[], boolean)}, with other limits on the file (tests use small ones). */
    public static VerificationOutcome verify(Store store, String target, byte[] bundle, boolean openSecrets, odcm.packaging.bundle.Limits limits) {
        VerificationContext context = store.read(tx -> context(store, tx, EnvironmentService.requireLocal(tx, target), openSecrets)
                .withLimits(limits));
        try {
            return BundleVerifier.verify(bundle, context);
        } finally {
            if (context.privateKeyPkcs8() != null) {
                context.privateKeyPkcs8().wipe();
            }
        }
    }

    /**
     * Everything the verifier needs, read now inside {@code tx} (the functions it holds never touch the store again).
     * The private key is in it only when {@code openSecrets} and the master key is present; the caller wipes it.
     */
    public static VerificationContext context(Store store, StoreTx tx, Space target, boolean openSecrets) {
        if (!target.isLocal()) {
            throw new Refusal(target.describe() + " is a remote space; bundles are checked by a local space of this store.");
        }
        Map<Fingerprint, SourceTrust> trust = new HashMap<>();
        Map<Fingerprint, OptionalLong> last = new HashMap<>();
        List<Trust> trusts = tx.trusts().involving(target.id());
        for (Space source : tx.spaces().findAll()) {
            if (source.id() == target.id()) {
                continue;
            }
            StoredCertificate current = tx.spaces().certificates(source.id()).get(0);
            Fingerprint fp = current.info().fingerprint();
            trust.put(fp, sourceTrust(trusts, target, source, current));
            last.put(fp, tx.bundles().lastAcceptedSequence(target.id(), source.id()));
        }
        Secret key = openSecrets && store.masterKeyState() == odcm.persistence.keys.MasterKeyState.PRESENT
                ? privateKey(store, tx, target) : null;
        return new VerificationContext(target.name(), target.certificate().fingerprint(),
                f -> trust.getOrDefault(f, new SourceTrust.Unknown()), f -> last.getOrDefault(f, OptionalLong.empty()), store.clock(),
                tx.bundles().acceptedBundleIds(target.id()), key, null);
    }

    /** The private key of a local space, opened from the store; the caller wipes it. */
    public static Secret privateKey(Store store, StoreTx tx, Space space) {
        byte[] sealed = tx.spaces().sealedPrivateKey(space.id())
                .orElseThrow(() -> new Refusal(space.describe() + " has no private key in this store."));
        return store.keyVault().open(sealed, store.spaceKeyContext(space.certificate().fingerprint()));
    }

    private static SourceTrust sourceTrust(List<Trust> trusts, Space target, Space source, StoredCertificate current) {
        boolean active = false;
        boolean revoked = false;
        for (Trust t : trusts) {
            if (t.trusterId() == target.id() && t.trustedId() == source.id() && t.kind() == TrustKind.RELEASE_BUNDLES) {
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
