package odcm.packaging.bundle;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.Set;
import odcm.model.Secret;
import odcm.model.cert.Fingerprint;
import odcm.packaging.cert.Certificates;

/**
 * Run in a separate JVM by {@link BoundedMemoryTest}: verifies (with the target's key), inspects and verifies as a receipt
 * each file named, and prints per file "name TAB genuine|refused TAB peak heap MiB TAB sentence". Catches nothing: an
 * OutOfMemoryError or any exception ends it with a trace, which the test looks for.
 */
public final class BoundedMemoryCheck {
    private BoundedMemoryCheck() {
    }

    /** args: a folder holding source.der, target.der, target.key; then the files. */
    public static void main(String[] args) throws Exception {
        Path keys = Path.of(args[0]);
        byte[] source = Files.readAllBytes(keys.resolve("source.der"));
        byte[] target = Files.readAllBytes(keys.resolve("target.der"));
        Fingerprint sourceFp = Certificates.fingerprint(source);
        VerificationContext ctx = new VerificationContext("Prod Space", Certificates.fingerprint(target),
                f -> f.equals(sourceFp) ? new SourceTrust.Trusted(source) : new SourceTrust.Unknown(), f -> OptionalLong.empty(),
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC), Set.of(),
                new Secret(Files.readAllBytes(keys.resolve("target.key"))), null);
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            // As the app reads a file: never more than the limit into memory.
            long max = Limits.DEFAULT.maxTotalBytes();
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = Files.size(file) > max ? new byte[0] : in.readNBytes((int) max + 1);
            }
            VerificationOutcome bundle = BundleVerifier.verify(bytes, ctx);
            BundleInspector.Inspection inspection = BundleInspector.inspect(bytes, Limits.DEFAULT);
            VerificationOutcome receipt = ReceiptVerifier.verify(bytes, ctx);
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.println(file.getFileName() + "\t" + (bundle.genuine() ? "genuine" : "refused") + "\t" + (peak >> 20) + "\t"
                    + bundle.sentence() + " | " + (inspection instanceof BundleInspector.Unreadable u ? u.outcome().sentence() : "readable")
                    + " | " + receipt.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT));
        }
    }
}
