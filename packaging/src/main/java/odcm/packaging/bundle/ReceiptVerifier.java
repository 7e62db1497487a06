package odcm.packaging.bundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.BundleReader.Refused;
import odcm.packaging.bundle.Json.BadJson;
import odcm.packaging.bundle.VerificationOutcome.*;

/**
 * The one verifier of deployment receipts: the same container limits, strict JSON, algorithms, trust, signature,
 * addressee and replay checks as {@link BundleVerifier}, in the same order; the context's trust is trust for receipts.
 * Read {@link VerificationOutcome#sentence(VerificationOutcome.Kind)} with {@code DEPLOYMENT_RECEIPT}. Changes nothing.
 */
public final class ReceiptVerifier {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private ReceiptVerifier() {
    }

    public static VerificationOutcome verify(byte[] bytes, VerificationContext context) {
        return BundleVerifier.guarded(bytes, context, ReceiptVerifier::check);
    }

    private static VerificationOutcome check(byte[] bytes, VerificationContext ctx) throws Refused {
        Map<String, byte[]> entries = BundleVerifier.container(bytes, ctx.limits());
        byte[] receiptBytes = BundleVerifier.require(entries, ReceiptFormat.RECEIPT);
        byte[] signature = BundleVerifier.require(entries, ReceiptFormat.SIGNATURE);
        for (String name : entries.keySet()) {
            if (!name.equals(ReceiptFormat.RECEIPT) && !name.equals(ReceiptFormat.SIGNATURE)) {
                return new PartExtra(name);
            }
        }
        Dto.Receipt receipt = receipt(receiptBytes);
        Fingerprint source = BundleVerifier.fingerprint(receipt.source().certificateSha256(), "source", ReceiptFormat.RECEIPT);
        VerificationOutcome signed = BundleVerifier.signedByTrustedSource(receiptBytes, signature, ReceiptFormat.SIGNATURE,
                receipt.source().space(), source, ctx);
        if (signed != null) {
            return signed;
        }
        // From here the receipt is its signer's own word.
        Fingerprint target = BundleVerifier.fingerprint(receipt.target().certificateSha256(), "target", ReceiptFormat.RECEIPT);
        VerificationOutcome elsewhere = ctx.notAddressedHere(receipt.target().space(), target);
        if (elsewhere != null) {
            return elsewhere;
        }
        UUID receiptId = UUID.fromString(receipt.receiptId());
        if (ctx.acceptedBundles().contains(receiptId)) {
            return new AlreadyAccepted(receiptId);
        }
        Instant created = BundleVerifier.instant(receipt.created(), "created", ReceiptFormat.RECEIPT);
        Instant expires = BundleVerifier.instant(receipt.expires(), "expires", ReceiptFormat.RECEIPT);
        if (!ctx.clock().instant().isBefore(expires)) {
            return new Expired(expires);
        }
        BundleVerifier.notInFuture(created, ctx);
        OptionalLong last = ctx.lastAcceptedSequence().apply(source);
        if (last.isPresent() && receipt.sequence() <= last.getAsLong()) {
            return new Rollback(receipt.sequence(), last.getAsLong());
        }
        try {
            List<ReceiptContent.Deployment> deployments = new ArrayList<>();
            for (Dto.ReceiptDeployment d : receipt.deployments()) {
                if (d.bundleId() == null || !d.bundleId().matches(UUID_PATTERN)) {
                    throw new Refused(new InvalidPart(ReceiptFormat.RECEIPT, "names a bundle id that is not a UUID"));
                }
                deployments.add(new ReceiptContent.Deployment(UUID.fromString(d.bundleId()), d.project(), d.version(), d.environment(),
                        d.outcome(), BundleVerifier.instant(d.deployedAt(), "deployedAt", ReceiptFormat.RECEIPT), d.deployedBy()));
            }
            ReceiptContent content = new ReceiptContent(receiptId, receipt.source().space(), receipt.target().space(), receipt.sequence(),
                    created, expires, deployments, receipt.instances() == null ? List.of() : receipt.instances().stream()
                    .map(i -> new ReceiptContent.Instance(i.environment(), i.template(), i.live())).toList());
            return new GenuineReceipt(content, source, target);
        } catch (IllegalArgumentException | NullPointerException | odcm.model.Refusal e) {
            throw new Refused(new InvalidPart(ReceiptFormat.RECEIPT, "does not describe valid deployments (" + e.getMessage() + ")"));
        }
    }

    /** receipt.json, strictly: with {@code instances} (decision 0058), or without the field as earlier receipts; null or none is refused. */
    private static Dto.Receipt receipt(byte[] bytes) throws Refused {
        boolean instances;
        try {
            instances = Json.field(bytes, "instances") != null;
        } catch (BadJson e) {
            throw new Refused(new InvalidPart(ReceiptFormat.RECEIPT, e.getMessage()));
        }
        if (!instances) {
            Dto.EarlierReceipt r = BundleVerifier.signedJson(bytes, Dto.EarlierReceipt.class, ReceiptFormat.SUPPORTED_SCHEMAS, ReceiptFormat.RECEIPT, x -> {
            });
            return checked(new Dto.Receipt(r.schemaVersion(), r.receiptId(), r.source(), r.target(), r.sequence(), r.created(), r.expires(),
                    r.deployments(), null));
        }
        Dto.Receipt r = BundleVerifier.signedJson(bytes, Dto.Receipt.class, ReceiptFormat.SUPPORTED_SCHEMAS, ReceiptFormat.RECEIPT, x -> {
        });
        if (r.instances() == null || r.instances().isEmpty()) {
            throw new Refused(new InvalidPart(ReceiptFormat.RECEIPT, "gives its instances as null or none"));
        }
        return checked(r);
    }

    private static Dto.Receipt checked(Dto.Receipt r) throws Refused {
        if (r.source() == null || r.target() == null || r.deployments() == null || r.receiptId() == null
                || r.source().space() == null || r.target().space() == null) {
            throw new Refused(new InvalidPart(ReceiptFormat.RECEIPT, "lacks a required field"));
        }
        if (!r.receiptId().matches(UUID_PATTERN)) {
            throw new Refused(new InvalidPart(ReceiptFormat.RECEIPT, "has a receipt id that is not a UUID"));
        }
        return r;
    }
}
