package odcm.packaging.bundle;

import static odcm.packaging.cert.Certificates.BC;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
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
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
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
 * SignedData (detached, DER, SHA-256 with low-S ECDSA or RSASSA-PSS) and AuthEnvelopedData (AES-256-GCM to an RSA-OAEP SHA-256
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

    /**
     * Detached SignedData over {@code content}, DER-encoded, in the one form {@link #formProblem} and {@link #signerProblem}
     * accept: signed attributes content type, message digest and CMS algorithm protection (RFC 6211, added by
     * BouncyCastle's default attribute generator) and nothing else, the signer named by issuer and serial number, its certificate included
     * for tools (never trusted by the reader), an ECDSA signature with the low {@code s}.
     */
    static byte[] sign(byte[] content, PrivateKey key, X509CertificateHolder cert, String algorithm) {
        try {
            ContentSigner base = new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key);
            ContentSigner signer = isRsa(cert) ? base : lowS(base, curveOrder(cert));
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            // BouncyCastle's default signed attributes, less the signing time: the wall clock adds nothing the signed content
            // does not say (its creation time), and would make a signature depend on when, not only on what, was signed.
            // A signing time given up front and removed again: the generator would otherwise make one from the clock each time
            // (a date format set up anew), only to have it removed.
            CMSAttributeTableGenerator attributes = params -> new DefaultSignedAttributeTableGenerator(UNUSED_SIGNING_TIME).getAttributes(params)
                    .remove(CMSAttributes.signingTime);
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .setSignedAttributeGenerator(attributes).build(signer, cert));
            gen.addCertificate(cert);
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the manifest with " + algorithm, e);
        }
    }

    /** Stands in for the signing time that {@link #sign} removes; never written. */
    private static final org.bouncycastle.asn1.cms.AttributeTable UNUSED_SIGNING_TIME = new org.bouncycastle.asn1.cms.AttributeTable(
            new Attribute(CMSAttributes.signingTime, new DERSet(
                    new org.bouncycastle.asn1.cms.Time(new java.util.Date(0)))));

    /** {@code base} with its ECDSA signature normalised to s at most n/2, the one of the two valid values the reader accepts. */
    private static ContentSigner lowS(ContentSigner base, BigInteger n) {
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return base.getAlgorithmIdentifier();
            }

            @Override
            public java.io.OutputStream getOutputStream() {
                return base.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                ASN1Sequence rs = ASN1Sequence.getInstance(base.getSignature());
                BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
                BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
                try {
                    return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s.compareTo(n.shiftRight(1)) > 0 ? n.subtract(s) : s)})
                            .getEncoded(ASN1Encoding.DER);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * The order of the curve of the EC key in {@code cert}: from the table of named curves when the key names its curve (every
     * key the console makes: P-256), without turning the certificate into a JCA one; else from the key's own parameters.
     */
    private static BigInteger curveOrder(X509CertificateHolder cert) throws GeneralSecurityException {
        ASN1Encodable params = cert.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
        org.bouncycastle.asn1.x9.X9ECParameters named = params instanceof ASN1ObjectIdentifier oid
                ? org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(oid) : null;
        if (named != null) {
            return named.getN();
        }
        return ((java.security.interfaces.ECPublicKey) new JcaX509CertificateConverter().setProvider(BC).getCertificate(cert).getPublicKey())
                .getParams().getOrder();
    }

    private static final Set<ASN1ObjectIdentifier> REQUIRED_ATTRIBUTES = Set.of(CMSAttributes.contentType, CMSAttributes.messageDigest,
            CMSAttributes.cmsAlgorithmProtect);

    /**
     * Why {@code sig} is not exactly in the form the writer emits, whoever signed it, or null when it is: DER (nothing else
     * re-encodes to the same bytes), SignedData and SignerInfo version 1, digest SHA-256 (no parameters) in both places,
     * eContentType id-data and detached, exactly one certificate and no revocation information, the signer named by issuer
     * and serial number, the signed attributes content type (id-data), message digest, algorithm protection naming the
     * SignerInfo's own algorithms byte for byte, nothing else (no signing time), each once with one value; no unsigned
     * attributes; the signature algorithm identifier encoded as the writer encodes it. Call after {@link #disallowedAlgorithm}.
     */
    static String formProblem(byte[] sig) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(sig);
            if (!Arrays.equals(p.getEncoded(ASN1Encoding.DER), sig)) {
                return "is not DER-encoded, the one encoding of a signature the console writes";
            }
            ContentInfo ci = ContentInfo.getInstance(p);
            if (!ci.getContentType().equals(CMSObjectIdentifiers.signedData)) {
                return "is a ContentInfo of type " + named(ci.getContentType().getId()) + " instead of signed data";
            }
            SignedData sd = SignedData.getInstance(ci.getContent());
            if (!sd.getVersion().hasValue(1)) {
                return "has SignedData version " + sd.getVersion().getValue() + " instead of 1";
            }
            if (!sd.getEncapContentInfo().getContentType().equals(CMSObjectIdentifiers.data)) {
                return "signs content of type " + named(sd.getEncapContentInfo().getContentType().getId()) + " instead of data";
            }
            if (sd.getEncapContentInfo().getContent() != null) {
                return "carries the signed content inside it (an attached signature) instead of beside it";
            }
            if (sd.getCRLs() != null) {
                return "carries revocation information";
            }
            if (sd.getCertificates() == null || sd.getCertificates().size() != 1) {
                return "does not carry exactly one certificate, its signer's";
            }
            if (sd.getDigestAlgorithms().size() != 1 || !same(sd.getDigestAlgorithms().getObjectAt(0), SHA256)) {
                return "lists digest algorithms other than SHA-256 alone";
            }
            SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
            if (!si.getVersion().hasValue(1) || si.getSID().isTagged()) {
                return "names its signer otherwise than by issuer and serial number (SignerInfo version " + si.getVersion().getValue() + ")";
            }
            if (si.getUnauthenticatedAttributes() != null) {
                return "carries unsigned attributes";
            }
            if (!same(si.getDigestAlgorithm(), SHA256)) {
                return "encodes its digest algorithm unusually";
            }
            if (!SIGNATURE_ALGORITHMS.stream().anyMatch(a -> same(si.getDigestEncryptionAlgorithm(), a))) {
                return "encodes its signature algorithm unusually";
            }
            if (si.getAuthenticatedAttributes() == null) {
                return "has no signed attributes (content type, message digest, algorithm protection)";
            }
            String attributes = signedAttributesProblem(si);
            if (attributes != null) {
                return attributes;
            }
            if (!Arrays.equals(writersForm(sd, si), sig)) {
                // A reader that skips a tag's number or class, or an element it does not expect, would pass the checks above.
                return "holds bytes the console never writes around its signed parts (a changed tag or an added element)";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "is not a CMS signature";
        }
    }

    /**
     * The signature the writer emits with the parts of {@code sd} that vary (its certificate, signer identifier, signed
     * attributes, signature algorithm and value; {@link #signerProblem} checks the first two), every structure and tag around them rebuilt here rather than taken from the input: the input is
     * in the writer's form exactly when it equals this, byte for byte. The signature covers the signed attributes re-tagged
     * as a SET, so the tag they carry in the file is checked only here.
     */
    private static byte[] writersForm(SignedData sd, SignerInfo si) throws IOException {
        ASN1Encodable cert = Certificate.getInstance(sd.getCertificates().getObjectAt(0));
        SignerInfo signer = new SignerInfo(new SignerIdentifier(IssuerAndSerialNumber.getInstance(si.getSID().getId())), SHA256,
                new DERSet(si.getAuthenticatedAttributes().toArray()), si.getDigestEncryptionAlgorithm(),
                new DEROctetString(si.getEncryptedDigest().getOctets()), null);
        SignedData rebuilt = new SignedData(new DERSet(SHA256), new ContentInfo(CMSObjectIdentifiers.data, null), new DERSet(cert), null,
                new DERSet(signer));
        return new ContentInfo(CMSObjectIdentifiers.signedData, rebuilt).getEncoded(ASN1Encoding.DER);
    }

    private static String signedAttributesProblem(SignerInfo si) {
        Set<ASN1ObjectIdentifier> seen = new HashSet<>();
        for (ASN1Encodable e : si.getAuthenticatedAttributes()) {
            Attribute a = Attribute.getInstance(e);
            ASN1ObjectIdentifier type = a.getAttrType();
            if (!REQUIRED_ATTRIBUTES.contains(type)) {
                return "has a signed attribute the console does not write (" + named(type.getId()) + ")";
            }
            if (!seen.add(type) || a.getAttrValues().size() != 1) {
                return "repeats its signed attribute " + named(type.getId());
            }
            ASN1Encodable value = a.getAttrValues().getObjectAt(0);
            if (type.equals(CMSAttributes.contentType) && !CMSObjectIdentifiers.data.equals(value)) {
                return "states a signed content type other than data";
            }
            if (type.equals(CMSAttributes.messageDigest) && ASN1OctetString.getInstance(value).getOctets().length != 32) {
                return "has a message digest that is not a SHA-256";
            }
            if (type.equals(CMSAttributes.cmsAlgorithmProtect)) {
                CMSAlgorithmProtection protection = CMSAlgorithmProtection.getInstance(value);
                if (protection.getMacAlgorithm() != null || !same(protection.getDigestAlgorithm(), si.getDigestAlgorithm())
                        || !same(protection.getSignatureAlgorithm(), si.getDigestEncryptionAlgorithm())) {
                    return "has an algorithm protection attribute that does not name its own algorithms";
                }
            }
        }
        if (!seen.containsAll(REQUIRED_ATTRIBUTES)) {
            return "lacks a signed attribute it must have (content type, message digest, algorithm protection)";
        }
        return null;
    }

    /**
     * Why {@code sig} (in the writer's form, see {@link #formProblem}) does not belong to {@code pinned}, or null: its one
     * certificate is the pinned one byte for byte, its signer identifier names the pinned certificate's issuer and serial,
     * and an ECDSA signature value is DER with 0 &lt; r, s &lt; n and s at most n/2 (so the other valid s is refused).
     */
    static String signerProblem(byte[] sig, X509CertificateHolder pinned) {
        try {
            SignedData sd = SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(sig)).getContent());
            if (!Arrays.equals(sd.getCertificates().getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encoding.DER), pinned.getEncoded())) {
                return "carries a certificate other than its source's pinned one";
            }
            SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
            IssuerAndSerialNumber expected = new IssuerAndSerialNumber(pinned.toASN1Structure());
            if (!same(si.getSID().getId(), expected)) {
                return "names a signer other than its source's pinned certificate";
            }
            if (isRsa(pinned)) {
                return null;
            }
            byte[] value = si.getEncryptedDigest().getOctets();
            ASN1Sequence rs = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(value));
            BigInteger n = curveOrder(pinned);
            BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
            boolean exact = rs.size() == 2 && Arrays.equals(rs.getEncoded(ASN1Encoding.DER), value);
            if (!exact || r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n.shiftRight(1)) > 0) {
                return "has an ECDSA signature value not in its one accepted form (DER, with the low s)";
            }
            return null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "is not a CMS signature";
        }
    }

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
    private static final List<AlgorithmIdentifier> SIGNATURE_ALGORITHMS = List.of(
            new DefaultSignatureAlgorithmIdentifierFinder().find(ECDSA), new DefaultSignatureAlgorithmIdentifierFinder().find(RSA_PSS));

    /** Whether two ASN.1 values have the same DER bytes (absent and NULL parameters differ). */
    private static boolean same(ASN1Encodable a, ASN1Encodable b) {
        try {
            return Arrays.equals(a.toASN1Primitive().getEncoded(ASN1Encoding.DER), b.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            return false;
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

    /**
     * AuthEnvelopedData, AES-256-GCM, to the key of {@code target}: RSA-OAEP (SHA-256, MGF1-SHA-256) or ECDH with the
     * SHA-256 X9.63 KDF and AES-256 key wrap. What it made is checked like a reader checks it, so no other algorithm is written.
     */
    static byte[] encrypt(byte[] plaintext, X509CertificateHolder target) {
        return encrypt(plaintext, target, JDK_GCM);
    }

    /** The JDK's provider of AES-GCM (SunJCE), which uses the processor's AES and carry-less multiply instructions. */
    static final java.security.Provider JDK_GCM = jdkGcm();

    private static java.security.Provider jdkGcm() {
        try {
            return javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * The target's certificate as JCA needs it for the recipient (its key, issuer and serial number): the last one made is
     * kept, public data, and handed out again for the same certificate bytes instead of parsing them anew for every bundle.
     */
    private static java.security.cert.X509Certificate recipient(X509CertificateHolder target) throws GeneralSecurityException, IOException {
        byte[] der = target.getEncoded();
        Target last = lastTarget;
        if (last != null && Arrays.equals(last.der(), der)) {
            return last.cert();
        }
        java.security.cert.X509Certificate cert = isRsa(target) ? new JcaX509CertificateConverter().getCertificate(target)
                : new JcaX509CertificateConverter().setProvider(BC).getCertificate(target);
        lastTarget = new Target(der, cert);
        return cert;
    }

    private record Target(byte[] der, java.security.cert.X509Certificate cert) {
    }

    private static volatile Target lastTarget;

    /** As {@link #encrypt(byte[], X509CertificateHolder)}, the content encrypted by {@code contentProvider} (tests compare providers). */
    static byte[] encrypt(byte[] plaintext, X509CertificateHolder target, java.security.Provider contentProvider) {
        try {
            // Only its key is used. An EC key from BouncyCastle names its curve, so the agreement runs on BouncyCastle's own P-256
            // arithmetic; the JDK's key would be turned, for every envelope, into a generic curve (its prime tested anew).
            java.security.cert.X509Certificate cert = recipient(target);
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
            // The content through the JDK's AES-GCM (CPU instructions), many times BouncyCastle's pure Java; the same
            // AuthEnvelopedData, checked below like any other, that openssl 3 and our reader decrypt.
            CMSAuthEnvelopedData envelope;
            try (OneShot encryptor = oneShot((OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(contentProvider).build(), contentProvider, plaintext.length)) {
                envelope = gen.generate(new CMSProcessableByteArray(plaintext), encryptor);
            }
            // The structure made, checked as a reader checks the one it reads (not encoded and parsed back first).
            String disallowed = disallowedEnvelope(envelope);
            if (disallowed != null) {
                throw new IllegalStateException("the secrets would be encrypted with a disallowed algorithm: " + disallowed);
            }
            return envelope.getEncoded();
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException("could not encrypt the bundle's secrets to the target certificate", e);
        }
    }

    /**
     * {@code base}'s algorithm, nonce and key, the content encrypted in one {@code doFinal} once all of it ({@code size}
     * bytes) is written: fed through {@code update}, as BouncyCastle's stream feeds it, the JDK 17 AES-GCM is about twenty
     * times slower. The plaintext is held in a buffer of its size (never grown, so never left behind in a copy) and wiped.
     */
    /** An encryptor whose plaintext buffer is wiped when it is closed, whether or not the envelope was made. */
    private interface OneShot extends OutputAEADEncryptor, AutoCloseable {
        @Override
        void close();
    }

    private static OneShot oneShot(OutputAEADEncryptor base, java.security.Provider provider, int size) throws GeneralSecurityException {
        GCMParameters gcm = GCMParameters.getInstance(base.getAlgorithmIdentifier().getParameters());
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", provider);
        Object key = base.getKey().getRepresentation();
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key instanceof java.security.Key k ? k : new javax.crypto.spec.SecretKeySpec((byte[]) key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(gcm.getIcvLen() * 8, gcm.getNonce()));
        java.io.ByteArrayOutputStream aad = new java.io.ByteArrayOutputStream();
        byte[][] mac = new byte[1][];
        byte[][] held = new byte[1][]; // the plaintext buffer, for close() to wipe if the generator fails before it is done
        return new OneShot() {
            @Override
            public void close() {
                if (held[0] != null) {
                    java.util.Arrays.fill(held[0], (byte) 0);
                }
            }

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return base.getAlgorithmIdentifier();
            }

            @Override
            public org.bouncycastle.operator.GenericKey getKey() {
                return base.getKey();
            }

            @Override
            public java.io.OutputStream getAADStream() {
                return aad;
            }

            @Override
            public byte[] getMAC() {
                return mac[0].clone();
            }

            @Override
            public java.io.OutputStream getOutputStream(java.io.OutputStream out) {
                return new java.io.ByteArrayOutputStream(size) {
                    {
                        held[0] = buf; // never grown (its size is the plaintext's), so this stays the one copy
                    }

                    @Override
                    public void close() throws IOException {
                        if (mac[0] != null) {
                            return;
                        }
                        try {
                            if (aad.size() > 0) {
                                cipher.updateAAD(aad.toByteArray());
                            }
                            byte[] sealed = cipher.doFinal(buf, 0, count);
                            int tag = gcm.getIcvLen();
                            out.write(sealed, 0, sealed.length - tag);
                            mac[0] = java.util.Arrays.copyOfRange(sealed, sealed.length - tag, sealed.length);
                            out.close();
                        } catch (GeneralSecurityException e) {
                            throw new IOException("could not encrypt the bundle's secrets", e);
                        } finally {
                            java.util.Arrays.fill(buf, (byte) 0);
                            count = 0;
                        }
                    }
                };
            }
        };
    }

    /**
     * Null when an envelope uses only the algorithms the console names, else what it uses: content AES-256-GCM with a
     * 16-byte tag; one recipient, either RSA-OAEP with SHA-256 and MGF1-SHA-256 and no label (so no PKCS#1 v1.5 and no
     * OAEP with SHA-1), or ECDH with the SHA-256 X9.63 KDF wrapping with AES-256. Reads only the structure: nothing is decrypted.
     */
    static String disallowedEnvelope(CMSAuthEnvelopedData data) {
        if (!CMSAlgorithm.AES256_GCM.getId().equals(data.getEncryptionAlgOID())) {
            return "content cipher " + named(data.getEncryptionAlgOID());
        }
        try {
            if (GCMParameters.getInstance(org.bouncycastle.asn1.cms.AuthEnvelopedData.getInstance(data.toASN1Structure().getContent())
                    .getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getParameters()).getIcvLen() != 16) {
                return "AES-256-GCM with a tag shorter than 16 bytes";
            }
        } catch (RuntimeException e) {
            return "AES-256-GCM with unreadable parameters";
        }
        for (RecipientInformation r : data.getRecipientInfos().getRecipients()) {
            AlgorithmIdentifier wrap = r.getKeyEncryptionAlgorithm();
            if (r instanceof KeyTransRecipientInformation) {
                if (wrap.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
                    return "RSA PKCS#1 v1.5 key transport";
                }
                if (!isOaepSha256(wrap)) {
                    return wrap.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSAES_OAEP)
                            ? "RSA-OAEP with parameters other than SHA-256 and MGF1-SHA-256" : "key transport " + named(wrap.getAlgorithm().getId());
                }
            } else if (r instanceof KeyAgreeRecipientInformation) {
                if (!wrap.getAlgorithm().equals(CMSAlgorithm.ECDH_SHA256KDF) || wrap.getParameters() == null
                        || !AlgorithmIdentifier.getInstance(wrap.getParameters()).getAlgorithm().equals(CMSAlgorithm.AES256_WRAP)) {
                    return "key agreement " + named(wrap.getAlgorithm().getId());
                }
            } else {
                return "a recipient that is neither RSA-OAEP key transport nor ECDH key agreement";
            }
        }
        return null;
    }

    /** Whether {@code wrap} is RSA-OAEP with SHA-256, MGF1 with SHA-256 and the empty label (hash parameters NULL or absent). */
    private static boolean isOaepSha256(AlgorithmIdentifier wrap) {
        try {
            if (!wrap.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSAES_OAEP)) {
                return false;
            }
            RSAESOAEPparams p = RSAESOAEPparams.getInstance(wrap.getParameters());
            AlgorithmIdentifier mgfHash = AlgorithmIdentifier.getInstance(p.getMaskGenAlgorithm().getParameters());
            return p.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
                    && p.getMaskGenAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
                    && mgfHash.getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
                    && same(p.getPSourceAlgorithm(), RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Decrypts AuthEnvelopedData with {@code key}; refuses any algorithm but those the console names before decrypting anything. */
    static byte[] decrypt(byte[] envelope, PrivateKey key) throws Undecryptable {
        try {
            CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(envelope);
            String disallowed = disallowedEnvelope(data);
            if (disallowed != null) {
                throw new Undecryptable(true, disallowed);
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

    /** Null when {@code envelope} is AuthEnvelopedData using only the algorithms the console names; see {@link #disallowedEnvelope(CMSAuthEnvelopedData)}. */
    static String disallowedEnvelope(byte[] envelope) throws Undecryptable {
        try {
            return disallowedEnvelope(new CMSAuthEnvelopedData(envelope));
        } catch (CMSException | RuntimeException e) {
            throw new Undecryptable(false, "is not CMS AuthEnvelopedData");
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
