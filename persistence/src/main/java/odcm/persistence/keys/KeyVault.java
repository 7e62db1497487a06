package odcm.persistence.keys;

import odcm.model.Secret;

/** Seals secrets (private keys) under the store's master key with AES-256-GCM; the context is bound as associated data. */
public interface KeyVault {
    byte[] seal(Secret plain, String context);

    /** Refuses with a clear sentence if the sealed bytes were altered or belong to another context. */
    Secret open(byte[] sealed, String context);
}
