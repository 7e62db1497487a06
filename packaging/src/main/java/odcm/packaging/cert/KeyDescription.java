package odcm.packaging.cert;

import java.io.IOException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * A certificate's public key as a person reads it ("RSA", "3072 bits"; "EC", "secp256r1"), and whether the
 * console accepts it for a remote space. See docs/decisions/0003-space-keys.md.
 *
 * @param algorithm "RSA", "EC", or another algorithm's name (never accepted)
 * @param detail    key size in bits for RSA, the curve name for EC, "" otherwise
 * @param rsaBits   the RSA modulus size, 0 for other keys
 */
record KeyDescription(String algorithm, String detail, int rsaBits, boolean acceptedCurve) {
    private static final Map<ASN1ObjectIdentifier, String> OTHER_NAMES = Map.of(
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSA-PSS (restricted to signatures)");

    static KeyDescription of(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier oid = key.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            try {
                int bits = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
                return new KeyDescription("RSA", bits + " bits", bits, false);
            } catch (IOException | RuntimeException e) {
                throw CertificateRefusals.notACertificate();
            }
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            if (!(key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
                // Explicit curve parameters: legal but a known source of attacks; named curves only.
                return new KeyDescription("EC", "explicit curve parameters", 0, false);
            }
            // SEC names first ("secp256r1", not X9.62's "prime256v1"), as CertificateInfo documents.
            String name = SECNamedCurves.getName(curve);
            if (name == null) {
                name = ECNamedCurveTable.getName(curve);
            }
            boolean accepted = SECObjectIdentifiers.secp256r1.equals(curve) || SECObjectIdentifiers.secp384r1.equals(curve);
            return new KeyDescription("EC", name == null ? curve.getId() : name, 0, accepted);
        }
        String name = OTHER_NAMES.get(oid);
        if (name == null) {
            // The finder returns the dotted OID when it does not know the algorithm either.
            name = new DefaultAlgorithmNameFinder().getAlgorithmName(oid);
        }
        return new KeyDescription(name, "", 0, false);
    }

    /** How the key is named in a refusal: "DSA", "EC on the curve secp521r1". */
    String spoken() {
        return algorithm.equals("EC") ? "EC on the curve " + detail : algorithm;
    }
}
