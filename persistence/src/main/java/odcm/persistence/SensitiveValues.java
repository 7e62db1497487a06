package odcm.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.persistence.keys.KeyVault;
import odcm.persistence.keys.MasterKeyState;

/**
 * Seals and opens sensitive variable values under the master key. Sealing refuses (the master-key sentence) when
 * the key is missing or wrong; opening then gives nothing, so projects and releases stay readable without it.
 */
public final class SensitiveValues {
    private final Store store;

    SensitiveValues(Store store) {
        this.store = store;
    }

    /** Whether sealed values can be opened (the master key is present and right). */
    public boolean available() {
        return store.masterKeyState() == MasterKeyState.PRESENT;
    }

    /** Context of a project's variable: this store, the project, the variable. */
    public String projectContext(long projectId, String variable) {
        return "variable:" + store.storeId() + ":project:" + projectId + ":" + variable;
    }

    /** Context of a variable in a release snapshot: this store, the project and version of the release, the variable. */
    public String releaseContext(long projectId, String versionKey, String variable) {
        return "variable:" + store.storeId() + ":release:" + projectId + ":" + versionKey + ":" + variable;
    }

    /** Context of a release's sealed bundle secrets (decision 0030): this store, the release. */
    public String bundlePartsContext(long releaseId) {
        return "bundle-parts:" + store.storeId() + ":release:" + releaseId;
    }

    /** The keyed seal of a release row (decision 0034); refuses, with the master key's sentence, without the key. */
    public String releaseSeal(long releaseId, String snapshotHash) {
        return store.releaseSeal(releaseId, snapshotHash);
    }

    public byte[] seal(String value, String context) {
        try (Sealing s = sealing()) {
            return s.seal(value, context);
        }
    }

    /**
     * Seals the many values of one document (a release's 1,000 sensitive values) with one cipher, each with its own nonce
     * and context; the master key is asked for at the first value only (a document without sensitive values needs none).
     */
    public Sealing sealing() {
        return new Sealing();
    }

    /** See {@link #sealing()}; closing forgets the cipher. */
    public final class Sealing implements AutoCloseable {
        private KeyVault.Sealing vault;

        private Sealing() {
        }

        /** The keyed seal of a release row (decision 0034); refuses, with the master key's sentence, without the key. */
    public String releaseSeal(long releaseId, String snapshotHash) {
        return store.releaseSeal(releaseId, snapshotHash);
    }

    public byte[] seal(String value, String context) {
            if (vault == null) {
                vault = store.keyVault().sealing();
            }
            byte[] clear = value.getBytes(StandardCharsets.UTF_8);
            try (Secret s = new Secret(clear)) {
                return vault.seal(s, context);
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        }

        @Override
        public void close() {
            if (vault != null) {
                vault.close();
                vault = null;
            }
        }
    }

    /**
     * @param what the value in a sentence: "variable 'DbPassword' of project 'Web'"
     * @return empty when the master key is not available
     */
    public Optional<String> open(byte[] sealed, String context, String what) {
        if (!available()) {
            return Optional.empty();
        }
        try (Secret s = store.keyVault().open(sealed, context)) {
            byte[] clear = s.reveal();
            try {
                return Optional.of(new String(clear, StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        } catch (Refusal r) {
            throw new Refusal("The sensitive value of " + what + " could not be opened: it was altered, or it was sealed for another project, release or store.", r);
        }
    }
}
