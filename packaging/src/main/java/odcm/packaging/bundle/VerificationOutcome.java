package odcm.packaging.bundle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import odcm.model.cert.Fingerprint;

/**
 * What checking a release bundle found: exactly one of these, each with the sentence a person reads.
 * Only {@link Genuine} means the content may be shown as coming from its source.
 */
public sealed interface VerificationOutcome {
    /** The sentence a person reads about a file of this kind. */
    String sentence(Kind kind);

    /** The sentence about a release bundle. */
    default String sentence() {
        return sentence(Kind.RELEASE_BUNDLE);
    }

    /** What was checked: the refusals read the same for both, in their own words. */
    enum Kind {
        RELEASE_BUNDLE("bundle", "release bundle", "release bundles"),
        DEPLOYMENT_RECEIPT("receipt", "deployment receipt", "deployment receipts"),
        KEY_STATEMENT("statement", "key statement", "key statements"),
        /** A package archive (decision 0060) is accepted from a space trusted for release bundles. */
        PACKAGE_ARCHIVE("archive", "package archive", "release bundles"),
        /** A package inventory (decision 0060) flows back as a receipt does, read with a trust for receipts. */
        PACKAGE_INVENTORY("inventory", "package inventory", "deployment receipts");

        private final String noun;
        private final String fullNoun;
        private final String trustWords;

        Kind(String noun, String fullNoun, String trustWords) {
            this.noun = noun;
            this.fullNoun = fullNoun;
            this.trustWords = trustWords;
        }

        /** "bundle" or "receipt". */
        public String noun() {
            return noun;
        }

        /** "a bundle" or "an archive". */
        public String withArticle() {
            return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
        }

        /** "release bundle" or "deployment receipt". */
        public String fullNoun() {
            return fullNoun;
        }

        /** What a trust of this kind accepts: "release bundles" or "deployment receipts". */
        public String trustWords() {
            return trustWords;
        }
    }

    /**
     * Text read from a file not yet trusted (a name, an entry's name) as it may appear in a sentence: each control character
     * and each character drawn as nothing or turning the text's direction (U+202E…) shown as '?'.
     */
    static String shown(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c) || odcm.model.Names.isInvisible(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            b.appendCodePoint(hidden ? '?' : c);
        });
        return b.toString();
    }

    default boolean genuine() {
        return false;
    }

    /**
     * Signed by a space this space trusts, addressed here, intact, fresh and new. {@code secretsOpened} says whether the
     * sensitive values in {@code content} were decrypted (else they are empty).
     */
    record Genuine(BundleContent content, Fingerprint source, Fingerprint target, boolean secretsOpened) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "Genuine: release " + content.version() + " of " + content.project() + ", signed by " + content.sourceSpace()
                    + " and addressed to " + content.targetSpace() + " (bundle " + content.bundleId() + ", sequence " + content.sequence()
                    + ")" + (secretsOpened ? "; its secrets were decrypted." : "; its secrets stay sealed.");
        }

        @Override
        public boolean genuine() {
            return true;
        }
    }

    /** A deployment receipt signed by a space this space trusts for receipts, addressed here, fresh and new. */
    record GenuineReceipt(ReceiptContent content, Fingerprint source, Fingerprint target) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "Genuine: deployment receipt from " + content.sourceSpace() + " to " + content.targetSpace() + " (receipt "
                    + content.receiptId() + ", sequence " + content.sequence() + ") reporting " + content.deployments().size()
                    + (content.deployments().size() == 1 ? " deployment." : " deployments.");
        }

        @Override
        public boolean genuine() {
            return true;
        }
    }

    record Malformed(String detail) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This file is not a " + k.fullNoun() + ", or it is truncated or damaged (" + detail + ").";
        }
    }

    record UnsafeContainer(String detail) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " was refused unread because it " + detail + "; a genuine " + k.noun() + " never does.";
        }
    }

    record InvalidPart(String part, String detail) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + "'s " + part + " " + detail + ", so the " + k.noun() + " was refused.";
        }
    }

    record UnsupportedSchema(String found, List<Integer> supported) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " uses schema version " + found + "; this console reads schema version"
                    + (supported.size() > 1 ? "s " : " ") + supported.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ". Create it again with a matching console.";
        }
    }

    record DisallowedAlgorithm(String what) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + " uses a disallowed algorithm (" + what + "); only SHA-256 with ECDSA or RSASSA-PSS signatures and "
                    + "AES-256-GCM encryption to an RSA-OAEP (SHA-256) or ECDH key are accepted.";
        }
    }

    record SignerNotTrusted(String sourceSpace, Fingerprint claimed) implements VerificationOutcome {
        public SignerNotTrusted {
            sourceSpace = shown(sourceSpace); // read from a file not yet verified
        }

        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + " claims to come from '" + sourceSpace + "' (certificate " + claimed.grouped()
                    + "), which is not a space this space trusts for " + k.trustWords() + "; a certificate inside " + k.withArticle() + " proves nothing.";
        }
    }

    record TrustRevoked(String sourceSpace, Fingerprint source) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This space's trust in '" + sourceSpace + "' (certificate " + source.grouped()
                    + ") for " + k.trustWords() + " was revoked; its " + k.noun() + "s are no longer accepted.";
        }
    }

    /** Signed with a key its space declared compromised from {@code from} on (decision 0056). */
    record KeyCompromised(String sourceSpace, Fingerprint source, Instant from) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + " is signed with the key of '" + sourceSpace + "' (certificate " + source.grouped()
                    + ") that its space declared compromised from " + from + " on; nothing signed with it is accepted since.";
        }
    }

    /** Signed with an earlier key of its space, replaced by a rotation and no longer accepted since {@code since} (decision 0056). */
    record KeyRetired(String sourceSpace, Fingerprint source, Instant since) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + " is signed with an earlier key of '" + sourceSpace + "' (certificate " + source.grouped()
                    + "), replaced by a key rotation and no longer accepted here since " + since + "; ask for it again, signed with the"
                    + " space's current key.";
        }
    }

    /** A key statement whose signatures, certificates and fields all hold (decision 0056). */
    record GenuineStatement(KeyStatement statement) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "Genuine: " + statement.describe() + ".";
        }

        @Override
        public boolean genuine() {
            return true;
        }
    }

    /** A key statement about a certificate not pinned for the space it is imported for. */
    record StatementAboutAnotherSpace(String statedSpace, Fingerprint stated, String here) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This key statement is about '" + statedSpace + "' (certificate " + stated.grouped() + "), a certificate that is not"
                    + " pinned for the remote space '" + here + "'; nothing was changed.";
        }
    }

    /** A rotation statement of this space from a certificate not pinned here: a rotation before it was not imported. */
    record RotationMissed(String here, Fingerprint stated) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This rotation statement of '" + here + "' replaces certificate " + stated.grouped() + ", which this console never"
                    + " had: an earlier rotation was not imported here; import the earlier rotation statement first. Nothing was changed.";
        }
    }

    /** A rotation statement whose old certificate is pinned for the space, but no longer its current one. */
    record StatementOutdated(String here, Fingerprint stated) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This rotation statement replaces certificate " + stated.grouped() + " of '" + here + "', which is no longer its"
                    + " current certificate here (it was rotated or replaced already); nothing was changed.";
        }
    }

    /** A key statement whose first signature is made with the new key it introduces ({@code newKey}) or some other key. */
    record SignedByAnotherKey(boolean newKey, String here, Fingerprint pinned) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return newKey
                    ? "This rotation statement is signed with the new key only, not with the pinned key of '" + here + "' (certificate "
                    + pinned.grouped() + "): only the key pinned here can vouch for its successor; nothing was changed."
                    : "This key statement is signed with another key than the pinned key of '" + here + "' (certificate " + pinned.grouped()
                    + "): that space did not make it; nothing was changed.";
        }
    }

    /** A rotation statement without the new key's signature. */
    record HalfSigned(String missing) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This rotation statement is signed by the old key only: the new key's signature (" + missing + ") is missing, so"
                    + " nothing shows the new key's holder made it; nothing was changed.";
        }
    }

    /** A rotation statement whose second signature is not the new certificate's. */
    record NewKeySignatureInvalid() implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The rotation statement's second signature does not verify with the new certificate it introduces: it was made"
                    + " with another key or the statement was altered; nothing was changed.";
        }
    }

    /** A rotation statement whose new certificate fails the rules for space certificates (decision 0003). */
    record NewCertificateRefused(String why) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The new certificate in this rotation statement is refused: " + why + " Nothing was changed.";
        }
    }

    record SignatureInvalid() implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + "'s signature does not verify with the pinned certificate of its source: it was altered or not signed by that space.";
        }
    }

    record AddressedToAnotherSpace(String targetSpace, Fingerprint target) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " is addressed to '" + targetSpace + "' (certificate " + target.grouped() + "), not to this space.";
        }
    }

    /** A file addressed to an earlier certificate of this space, no longer accepted after a key rotation (decision 0056). */
    record AddressedToRetiredCertificate(String space, Fingerprint target, Instant since) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " is addressed to an earlier certificate of '" + space + "' (" + target.grouped() + "), replaced by a"
                    + " key rotation and no longer accepted here since " + since + "; ask for it again, addressed to the current certificate.";
        }
    }

    /** A file of another kind handed in (a bundle to the receipt import, a receipt to the key statements'), by its first part. */
    record OtherKind(Kind found) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This file is a " + found.fullNoun() + ", not a " + k.fullNoun() + "; choose a " + k.fullNoun() + " file.";
        }
    }

    record PartMissing(String part) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + " lacks its part " + part + ".";
        }
    }

    record PartExtra(String part) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + " holds a part its signed manifest does not list: " + part + ".";
        }
    }

    record PartHashMismatch(String part) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + "'s part " + part + " does not match the hash in its signed manifest: it was changed after signing.";
        }
    }

    record MixedBundles(String part, String otherBundleId) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The " + k.noun() + "'s part " + part + " belongs to another " + k.noun() + " (" + otherBundleId + "): parts of two " + k.noun() + "s were mixed.";
        }
    }

    record Expired(Instant expires) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " expired at " + expires + "; ask the source space for a new one.";
        }
    }

    record AlreadyAccepted(UUID bundleId) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " (" + bundleId + ") was already accepted here; there is nothing more to do.";
        }
    }

    record Rollback(long sequence, long lastAccepted) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " has sequence number " + sequence + ", but number " + lastAccepted
                    + " from the same source was already accepted: an older " + k.noun() + " cannot replace a newer one.";
        }
    }

    /** The source's pinned certificate is not valid at the time of verification (expired, or not yet valid). */
    record CertificateNotValid(String sourceSpace, Fingerprint source, Instant notBefore, Instant notAfter, Instant now)
            implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "The certificate pinned for '" + sourceSpace + "' (" + source.grouped() + ") is valid from " + notBefore + " to "
                    + notAfter + ", " + (now.isBefore(notBefore) ? "not yet" : "no longer") + " at " + now + ": a signature is checked only with a certificate valid now, so its "
                    + k.noun() + "s are refused until a valid certificate is pinned for that space.";
        }
    }

    /** Signed with a creation time later than this clock allows, beyond the tolerated skew. */
    record CreatedInFuture(Instant created, Instant now) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " says it was created at " + created + ", later than this computer's time (" + now
                    + ") even allowing a few minutes' difference between clocks; check the clocks of both computers.";
        }
    }

    /**
     * Genuine, but its sequence number jumps more than {@code window} past {@code last}, the last accepted from its source
     * (0: none accepted yet). A signer never skips numbers it did not reserve, so such a jump is a fabricated or a very lost
     * channel; accepting it would refuse every later file of that source as a rollback. Imported only when confirmed.
     */
    record SequenceJump(String sourceSpace, long last, long claimed, long window) implements VerificationOutcome {
        @Override
        public String sentence(Kind k) {
            return "This " + k.noun() + " from '" + sourceSpace + "' has sequence number " + claimed + ", more than " + window + " past "
                    + (last == 0 ? "the start (it is the first from that source)" : "number " + last + ", the last accepted from that source")
                    + ": a signer never skips that far, so it may be fabricated, and accepting it would refuse every later " + k.noun()
                    + " of that source as a rollback. Import it only if the source confirms the number: with --accept-sequence-jump on the"
                    + " command line, or by ticking 'Accept the sequence jump' in the console; the jump is recorded in the audit log.";
        }
    }
}
