package odcm.packaging.bundle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import odcm.model.Refusal;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.BundleReader.Refused;
import odcm.packaging.bundle.Json.BadJson;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.Certificates;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;

/**
 * The one verifier of key statements (decision 0056), for the remote space {@code here} a statement is imported for: the
 * container limits, strict JSON, signature algorithms and form of {@link BundleVerifier}; the statement must be about a
 * certificate pinned for that space (a rotation: its current one) and signed with it, valid now; a rotation must also carry
 * the new key's signature, by the new certificate it introduces, which must pass the rules of decision 0003. Read
 * {@link VerificationOutcome#sentence(VerificationOutcome.Kind)} with {@code KEY_STATEMENT}. Changes nothing.
 */
public final class KeyStatementVerifier {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** The longest overlap a rotation may ask for: the old key is kept no longer. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(365);
    /** How far ahead of this clock a statement's times may be: {@link BundleVerifier#CLOCK_SKEW}. */
    public static final Duration CLOCK_SKEW = BundleVerifier.CLOCK_SKEW;
    private static final List<String> ORDER = List.of(KeyStatementFormat.STATEMENT, KeyStatementFormat.SIGNATURE,
            KeyStatementFormat.NEW_KEY_SIGNATURE);
    private static final Set<String> ENTRIES = Set.copyOf(ORDER);

    private KeyStatementVerifier() {
    }

    /**
     * {@code here}: the remote space's name in this console; {@code pinned}: the DER of every certificate pinned for it,
     * current first; {@code seen}: the statements already imported here.
     */
    public static VerificationOutcome verify(byte[] bytes, String here, List<byte[]> pinned, Set<UUID> seen, Clock clock, Limits limits) {
        return BundleVerifier.guarded(() -> check(bytes, here, pinned, seen, clock.instant(), limits == null ? Limits.DEFAULT : limits));
    }

    private static VerificationOutcome check(byte[] bytes, String here, List<byte[]> pinned, Set<UUID> seen, Instant now, Limits limits)
            throws Refused {
        Map<String, byte[]> entries = BundleVerifier.container(bytes, limits);
        byte[] json = BundleVerifier.require(entries, KeyStatementFormat.STATEMENT);
        byte[] signature = BundleVerifier.require(entries, KeyStatementFormat.SIGNATURE);
        for (String name : entries.keySet()) {
            if (!ENTRIES.contains(name)) {
                return new PartExtra(name);
            }
        }
        // One encoding of one statement: the entries in the order the writer puts them.
        if (!List.copyOf(entries.keySet()).equals(ORDER.stream().filter(entries::containsKey).toList())) {
            return new Malformed("its entries are not in the order " + String.join(", ", ORDER));
        }
        Dto.KeyStatement s = statement(json);
        KeyStatement.Kind kind = KeyStatement.Kind.valueOf(s.kind());
        Fingerprint subject = BundleVerifier.fingerprint(s.subject().certificateSha256(), "subject", KeyStatementFormat.STATEMENT);
        int index = -1;
        for (int i = 0; i < pinned.size() && index < 0; i++) {
            index = Certificates.fingerprint(pinned.get(i)).equals(subject) ? i : -1;
        }
        if (index < 0) {
            return kind == KeyStatement.Kind.ROTATION && s.subject().space().equals(here) ? new RotationMissed(here, subject)
                    : new StatementAboutAnotherSpace(s.subject().space(), subject, here);
        }
        if (kind == KeyStatement.Kind.ROTATION && index > 0) {
            return new StatementOutdated(here, subject);
        }
        if (!s.subject().space().equals(here)) {
            return new InvalidPart(KeyStatementFormat.STATEMENT, "names the space '" + s.subject().space() + "', not '" + here + "'");
        }
        SignerInformation signer = BundleVerifier.onlySigner(json, signature, KeyStatementFormat.SIGNATURE);
        VerificationOutcome signed = BundleVerifier.signedWith(signer, signature, KeyStatementFormat.SIGNATURE, here, subject,
                pinned.get(index), now);
        if (signed instanceof SignatureInvalid) {
            byte[] other = entries.get(KeyStatementFormat.NEW_KEY_SIGNATURE);
            return notByThePinnedKey(signer, signature, other == null ? null : Cms.onlySigner(json, other), pinned.get(index), s, here, subject);
        }
        if (signed != null) {
            return signed;
        }
        // From here the statement is the word of the key it is about.
        byte[] second = entries.get(KeyStatementFormat.NEW_KEY_SIGNATURE);
        byte[] newDer = null;
        if (kind == KeyStatement.Kind.COMPROMISE && second != null) {
            return new PartExtra(KeyStatementFormat.NEW_KEY_SIGNATURE);
        }
        if (kind == KeyStatement.Kind.ROTATION) {
            if (second == null) {
                return new HalfSigned(KeyStatementFormat.NEW_KEY_SIGNATURE);
            }
            byte[] encoded = Base64.getDecoder().decode(s.newCertificate());
            // The new certificate is backdated a minute only; an importer whose clock is a little behind judges it at the issue time.
            Instant issued = BundleVerifier.instant(s.issued(), "issued", KeyStatementFormat.STATEMENT);
            Instant at = issued.isAfter(now) && !issued.isAfter(now.plus(CLOCK_SKEW)) ? issued : now; // a later one is refused below
            try {
                newDer = Certificates.read(encoded, at).der();
            } catch (Refusal r) {
                return new NewCertificateRefused(r.getMessage());
            }
            Fingerprint newFp = Certificates.fingerprint(newDer);
            if (pinned.stream().anyMatch(d -> Certificates.fingerprint(d).equals(newFp))) {
                return new InvalidPart(KeyStatementFormat.STATEMENT, "names as the new certificate one this space already had");
            }
            SignerInformation newSigner = BundleVerifier.onlySigner(json, second, KeyStatementFormat.NEW_KEY_SIGNATURE);
            VerificationOutcome newSigned = BundleVerifier.signedWith(newSigner, second, KeyStatementFormat.NEW_KEY_SIGNATURE, here, newFp,
                    newDer, at);
            if (newSigned instanceof SignatureInvalid) {
                return new NewKeySignatureInvalid();
            }
            if (newSigned != null) {
                return newSigned;
            }
        }
        UUID id = UUID.fromString(s.statementId());
        if (seen.contains(id)) {
            return new AlreadyAccepted(id);
        }
        Instant issued = BundleVerifier.instant(s.issued(), "issued", KeyStatementFormat.STATEMENT);
        if (issued.isAfter(now.plus(BundleVerifier.CLOCK_SKEW))) {
            return new CreatedInFuture(issued, now);
        }
        Instant overlap = s.overlapUntil() == null ? null : BundleVerifier.instant(s.overlapUntil(), "overlapUntil", KeyStatementFormat.STATEMENT);
        Instant from = s.notTrustedAfter() == null ? null : BundleVerifier.instant(s.notTrustedAfter(), "notTrustedAfter", KeyStatementFormat.STATEMENT);
        if (overlap != null && (overlap.isBefore(issued) || overlap.isAfter(issued.plus(MAX_OVERLAP)))) {
            return new InvalidPart(KeyStatementFormat.STATEMENT, "has an overlap that ends before it is issued or more than a year after");
        }
        if (from != null && from.isAfter(issued.plus(CLOCK_SKEW))) {
            return new InvalidPart(KeyStatementFormat.STATEMENT, "declares the key compromised from a time after the statement was issued");
        }
        return new GenuineStatement(new KeyStatement(id, kind, s.subject().space(), subject, issued, newDer, overlap, from));
    }

    /**
     * Why the first signature does not verify with the pinned certificate, as far as the file can tell: the two signatures
     * swapped ({@code second}: the signer of the new key's signature, or null), made with the new key the statement introduces, made with another key (its signer names another certificate), or the statement was altered.
     */
    private static VerificationOutcome notByThePinnedKey(SignerInformation signer, byte[] signature, SignerInformation second, byte[] pinnedDer,
                                                         Dto.KeyStatement s, String here, Fingerprint pinned) {
        try {
            if (s.newCertificate() != null
                    && Cms.verifies(signer, new X509CertificateHolder(Base64.getDecoder().decode(s.newCertificate())))) {
                if (second != null && Cms.verifies(second, new X509CertificateHolder(pinnedDer))) {
                    return new InvalidPart(KeyStatementFormat.SIGNATURE, "and " + KeyStatementFormat.NEW_KEY_SIGNATURE + " are swapped (the"
                            + " first is the new key's, the second the pinned key's)");
                }
                return new SignedByAnotherKey(true, here, pinned);
            }
            if (Cms.signerProblem(signature, new X509CertificateHolder(pinnedDer)) != null) {
                return new SignedByAnotherKey(false, here, pinned);
            }
        } catch (java.io.IOException | RuntimeException notACertificate) {
            // the new certificate is judged later; here only the signature counts
        }
        return new SignatureInvalid();
    }

    private static Dto.KeyStatement statement(byte[] bytes) throws Refused {
        return BundleVerifier.signedJson(bytes, Dto.KeyStatement.class, KeyStatementFormat.SUPPORTED_SCHEMAS, KeyStatementFormat.STATEMENT, s -> {
            if (s.subject() == null || s.subject().space() == null || s.statementId() == null || s.issued() == null || s.kind() == null) {
                throw new BadJson("lacks a required field");
            }
            if (!s.statementId().matches(UUID_PATTERN)) {
                throw new BadJson("has a statement id that is not a UUID");
            }
            boolean rotation = s.kind().equals(KeyStatement.Kind.ROTATION.name());
            if (!rotation && !s.kind().equals(KeyStatement.Kind.COMPROMISE.name())) {
                throw new BadJson("is neither a rotation nor a compromise statement");
            }
            if (rotation ? s.newCertificate() == null || s.overlapUntil() == null || s.notTrustedAfter() != null
                    : s.notTrustedAfter() == null || s.newCertificate() != null || s.overlapUntil() != null) {
                throw new BadJson("does not hold exactly the fields of a " + s.kind().toLowerCase(java.util.Locale.ROOT) + " statement");
            }
            if (rotation && !s.newCertificate().matches("[A-Za-z0-9+/]+={0,2}")) {
                throw new BadJson("holds a new certificate that is not base64");
            }
        });
    }
}
