package odcm.persistence.keys;

import odcm.model.Secret;

/** Seals secrets (private keys) under the store's master key with AES-256-GCM; the context is bound as associated data. */
public interface KeyVault {
    byte[] seal(Secret plain, String context);

    /** Refuses with a clear sentence if the sealed bytes were altered or belong to another context. */
    Secret open(byte[] sealed, String context);

    /**
     * Seals many values in one write (a release's 1,000 sensitive values): each with its own fresh nonce and context, as
     * {@link #seal}, but with one cipher whose key schedule is made once. Closed at the end of the write that opened it,
     * so nothing keyed outlives that write (decision 0030, "Import, round 2").
     */
    default Sealing sealing() {
        return new Sealing() {
            @Override
            public byte[] seal(Secret plain, String context) {
                return KeyVault.this.seal(plain, context);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A batch of seals; {@link #close()} forgets its cipher and key. */
    interface Sealing extends AutoCloseable {
        byte[] seal(Secret plain, String context);

        @Override
        void close();
    }
}
