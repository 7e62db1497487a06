package odcm.packaging.bundle;

import static odcm.packaging.cert.Certificates.BC;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Collection;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import odcm.model.Secret;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The two CMS structures of a bundle, with the algorithms that interoperate with openssl 3 (ENGINEERING.md, section 1):
 * SignedData (detached, SHA-256 with ECDSA or RSASSA-PSS) and AuthEnvelopedData (AES-256-GCM to an RSA-OAEP SHA-256
 * or ECDH SHA-256-KDF recipient).
 */
final class Cms {
    static final String ECDSA = "SHA256withECDSA";
    static final String RSA_PSS = "SHA256withRSAandMGF1";

    private Cms() {
    }

    static PrivateKey privateKey(Secret pkcs8) {
        byte[] bytes = pkcs8.reveal();
        try {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(PrivateKeyInfo.getInstance(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the private key is not a PKCS#8 RSA or EC key", e);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    static boolean isRsa(X509CertificateHolder cert) {
        return cert.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption);
    }

    /** The signature algorithm for the key in {@code cert}. */
    static String signatureAlgorithm(X509CertificateHolder cert) {
        return isRsa(cert) ? RSA_PSS : ECDSA;
    }

    /** Detached SignedData over {@code content}; the signer's certificate is included for tools, never trusted by the reader. */
    static byte[] sign(byte[] content, PrivateKey key, X509CertificateHolder cert, String algorithm) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .build(signer, cert));
            gen.addCertificate(cert);
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("could not sign the manifest with " + algorithm, e);
        }
    }

    /** The one signer of a detached SignedData, or null when {@code sig} is not one (damaged, several signers, content inside). */
    static SignerInformation onlySigner(byte[] content, byte[] sig) {
        try {
            CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(content), sig);
            Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
            return signers.size() == 1 ? signers.iterator().next() : null;
        } catch (CMSException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the SignedData re-encodes to exactly its own bytes and carries no certificate but {@code pinnedDer} (and no CRLs). */
    static boolean carriesOnly(byte[] sig, byte[] pinnedDer) {
        try {
            CMSSignedData data = new CMSSignedData(sig);
            if (!java.util.Arrays.equals(data.getEncoded(), sig)) {
                return false;
            }
            for (X509CertificateHolder c : data.getCertificates().getMatches(null)) {
                if (!java.util.Arrays.equals(c.getEncoded(), pinnedDer)) {
                    return false;
                }
            }
            return data.getCRLs().getMatches(null).isEmpty() && data.getOtherRevocationInfo(
                    org.bouncycastle.asn1.cms.CMSObjectIdentifiers.id_ri_ocsp_response).getMatches(null).isEmpty();
        } catch (CMSException | IOException | RuntimeException e) {
            return false;
        }
    }

    /** Null when the algorithms are allowed, else a short description of what was used. */
    static String disallowedAlgorithm(SignerInformation signer) {
        if (!NISTObjectIdentifiers.id_sha256.getId().equals(signer.getDigestAlgOID())) {
            return "digest " + named(signer.getDigestAlgOID());
        }
        String sig = signer.getEncryptionAlgOID();
        if (X9ObjectIdentifiers.ecdsa_with_SHA256.getId().equals(sig)) {
            return null;
        }
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(sig)) {
            try {
                RSASSAPSSparams p = RSASSAPSSparams.getInstance(signer.getEncryptionAlgParams());
                ASN1ObjectIdentifier hash = p.getHashAlgorithm().getAlgorithm();
                return hash.equals(NISTObjectIdentifiers.id_sha256) ? null : "RSASSA-PSS with hash " + named(hash.getId());
            } catch (RuntimeException e) {
                return "RSASSA-PSS with unreadable parameters";
            }
        }
        return "signature algorithm " + named(sig);
    }

    /** "SHA512 (2.16.840.1.101.3.4.2.3)": the name a person may know, and the identifier to look up. */
    private static String named(String oid) {
        try {
            String name = new org.bouncycastle.operator.DefaultAlgorithmNameFinder().getAlgorithmName(new ASN1ObjectIdentifier(oid));
            return name == null || name.equals(oid) ? oid : name + " (" + oid + ")";
        } catch (RuntimeException e) {
            return String.valueOf(oid);
        }
    }

    /** Whether {@code signer} verifies with the public key of the pinned certificate (and only that). */
    static boolean verifies(SignerInformation signer, X509CertificateHolder pinned) {
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(pinned));
        } catch (OperatorCreationException | CMSException | java.security.cert.CertificateException | RuntimeException e) {
            return false;
        }
    }

    /** AuthEnvelopedData, AES-256-GCM, to the key of {@code target}. */
    static byte[] encrypt(byte[] plaintext, X509CertificateHolder target) {
        return encrypt(plaintext, target, CMSAlgorithm.AES256_GCM);
    }

    /** With another GCM cipher: only for tests that show the reader refuses it. */
    static byte[] encrypt(byte[] plaintext, X509CertificateHolder target, ASN1ObjectIdentifier cipher) {
        try {
            var cert = new JcaX509CertificateConverter().setProvider(BC).getCertificate(target);
            CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
            if (isRsa(target)) {
                var oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(cert, oaep).setProvider(BC));
            } else {
                KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", BC);
                kpg.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair ephemeral = kpg.generateKeyPair();
                gen.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                        ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(cert).setProvider(BC));
            }
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(cipher)
                    .setProvider(BC).build();
            return gen.generate(new CMSProcessableByteArray(plaintext), encryptor).getEncoded();
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException("could not encrypt the bundle's secrets to the target certificate", e);
        }
    }

    /** Decrypts AuthEnvelopedData with {@code key}; refuses any content cipher but AES-256-GCM. */
    static byte[] decrypt(byte[] envelope, PrivateKey key) throws Undecryptable {
        try {
            CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(envelope);
            if (!CMSAlgorithm.AES256_GCM.getId().equals(data.getEncryptionAlgOID())) {
                throw new Undecryptable(true, "content cipher " + data.getEncryptionAlgOID());
            }
            Collection<RecipientInformation> recipients = data.getRecipientInfos().getRecipients();
            if (recipients.size() != 1) {
                throw new Undecryptable(false, "has " + recipients.size() + " recipients instead of one");
            }
            RecipientInformation r = recipients.iterator().next();
            Recipient recipient = key.getAlgorithm().startsWith("RSA")
                    ? new JceKeyTransEnvelopedRecipient(key).setProvider(BC)
                    : new JceKeyAgreeEnvelopedRecipient(key).setProvider(BC);
            return r.getContent(recipient);
        } catch (CMSException | RuntimeException e) {
            throw new Undecryptable(false, "cannot be decrypted with this space's key");
        }
    }

    static final class Undecryptable extends Exception {
        final boolean algorithm;

        Undecryptable(boolean algorithm, String reason) {
            super(reason, null, false, false);
            this.algorithm = algorithm;
        }
    }
}
