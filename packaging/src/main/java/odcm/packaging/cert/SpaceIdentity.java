package odcm.packaging.cert;

import odcm.model.Secret;
import odcm.model.cert.CertificateInfo;

/** A new local space's key pair and self-signed certificate. The private key is PKCS#8 DER, kept as a {@link Secret}. */
public record SpaceIdentity(byte[] certificateDer, CertificateInfo info, KeyAlgorithm algorithm, Secret privateKeyPkcs8) {
}
