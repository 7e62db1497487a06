package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 1: thousands of random mutations (byte flips, insertions, deletions, truncations, duplicated runs) of the
 * signed entry and of the signature of a genuine bundle and a genuine receipt, each put back into the canonical container
 * (so the ZIP checksums are right and only the signature checks can catch it). Nothing that changed a byte is accepted.
 * Seeded, so a failure can be replayed; the counts are printed.
 */
class MutationCampaignTest {
    private static final int PER_ENTRY = 1500;

    @Test
    void noMutationOfASignedBundleOrReceiptIsAccepted() {
        campaign("bundle", bundle(DEV_EC, PROD_EC), BundleFormat.MANIFEST, BundleFormat.SIGNATURE, prodTrusting(PROD_EC, DEV_EC),
                BundleVerifier::verify, 11);
        campaign("bundle (RSA)", write(content("Dev Space", "Prod Space", 1), DEV_RSA, PROD_EC), BundleFormat.MANIFEST, BundleFormat.SIGNATURE,
                prodTrusting(PROD_EC, DEV_RSA), BundleVerifier::verify, 12);
        campaign("receipt", receipt(PROD_EC, DEV_EC, NOW), ReceiptFormat.RECEIPT, ReceiptFormat.SIGNATURE, devTrustingReceipts(DEV_EC, PROD_EC),
                ReceiptVerifier::verify, 13);
    }

    /**
     * The random campaign once let through a signature whose signed attributes were tagged [1] instead of [0] (a one-bit
     * change BouncyCastle reads past). Every one-bit change at every position of a signature, for both kinds of file and both
     * key types, is refused.
     */
    @Test
    void everyOneBitChangeOfASignatureIsRefused() {
        bitFlips("bundle (RSA)", write(content("Dev Space", "Prod Space", 1), DEV_RSA, PROD_EC), BundleFormat.SIGNATURE,
                prodTrusting(PROD_EC, DEV_RSA), BundleVerifier::verify);
        bitFlips("receipt", receipt(PROD_EC, DEV_EC, NOW), ReceiptFormat.SIGNATURE, devTrustingReceipts(DEV_EC, PROD_EC), ReceiptVerifier::verify);
    }

    private static void bitFlips(String label, byte[] genuine, String signature, VerificationContext ctx,
                                 BiFunction<byte[], VerificationContext, VerificationOutcome> verifier) {
        Map<String, byte[]> entries = unzip(genuine);
        byte[] original = entries.get(signature);
        for (int at = 0; at < original.length; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] mutated = original.clone();
                mutated[at] ^= (byte) (1 << bit);
                Map<String, byte[]> copy = new LinkedHashMap<>(entries);
                copy.put(signature, mutated);
                int position = at;
                int flipped = bit;
                assertFalse(verifier.apply(zip(copy), ctx).genuine(), () -> label + ": bit " + flipped + " of byte " + position + " of " + signature
                        + " changed, and the file was accepted");
            }
        }
    }

    private static void campaign(String label, byte[] genuine, String signed, String signature, VerificationContext ctx,
                                 BiFunction<byte[], VerificationContext, VerificationOutcome> verifier, long seed) {
        assertTrue(verifier.apply(genuine, ctx).genuine(), label + " is genuine before it is mutated");
        Map<String, byte[]> entries = unzip(genuine);
        Random random = new Random(seed);
        for (String entry : new String[] {signed, signature}) {
            Map<String, Integer> refusedBy = new TreeMap<>();
            int tried = 0;
            int unchanged = 0;
            while (tried < PER_ENTRY) {
                byte[] original = entries.get(entry);
                byte[] mutated = mutate(original, random);
                if (Arrays.equals(mutated, original)) {
                    unchanged++;
                    continue;
                }
                tried++;
                Map<String, byte[]> copy = new LinkedHashMap<>(entries);
                copy.put(entry, mutated);
                VerificationOutcome o = verifier.apply(zip(copy), ctx);
                assertFalse(o.genuine(), () -> label + ": a mutation of " + entry + " was accepted: " + java.util.HexFormat.of().formatHex(mutated));
                String key = o.getClass().getSimpleName() + (o instanceof VerificationOutcome.InvalidPart p ? " (" + p.part() + ")" : "");
                refusedBy.merge(key, 1, Integer::sum);
            }
            assertEquals(PER_ENTRY, refusedBy.values().stream().mapToInt(Integer::intValue).sum());
            System.out.println("Mutation campaign, " + label + ", " + entry + ": " + tried + " mutations tried (" + unchanged
                    + " no-ops skipped), 0 accepted; refused by " + refusedBy);
        }
    }

    /** One to three edits: a bit flip, a random byte set, an insertion, a deletion of a run, a truncation, a duplicated run. */
    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        for (int edits = 1 + r.nextInt(3); edits > 0 && b.length > 0; edits--) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> {
                    byte[] inserted = new byte[1 + r.nextInt(4)];
                    r.nextBytes(inserted);
                    b = splice(b, at, 0, inserted);
                }
                case 3 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(8)), new byte[0]);
                case 4 -> b = Arrays.copyOf(b, at);
                default -> b = splice(b, at, 0, Arrays.copyOfRange(b, at, Math.min(b.length, at + 1 + r.nextInt(16))));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
