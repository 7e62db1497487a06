package odcm.packaging.bundle;

import odcm.model.Secret;

/** The source space's certificate (DER) and its private key (PKCS#8 DER, as a {@link Secret}); the key signs the manifest. */
public record SourceKey(byte[] certificateDer, Secret privateKeyPkcs8) {
}
