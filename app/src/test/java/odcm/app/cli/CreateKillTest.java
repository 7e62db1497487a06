package odcm.app.cli;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditVerification;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.VerificationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, point 9: kills a separate JVM running {@code odcm bundle create} (with and without {@code --force}) and
 * {@code odcm receipt create} at the named points of writing a signed file (the test-only hook {@code odcm.test.pauseAt}:
 * file-reserved, file-written, file-recorded, file-moved), then: the store opens and its audit log verifies; a file at
 * the final name is one its Outbox row vouches for (under --force, the previously recorded file until the move); and
 * after the target accepted the newest genuine file the kill left anywhere in the folder (even a hidden temporary one),
 * the next file created gets a fresh sequence number the target accepts, not a rollback.
 */
class CreateKillTest {
    @TempDir
    static Path shared;
    static Path bundles;
    static Path receipts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void networks() throws IOException {
        AppContext[] both = TestBundles.twoNetworks(shared.resolve("bundles"));
        TestBundles.throughTest(both[0], "1.0.0");
        both[0].close();
        both[1].close();
        bundles = shared.resolve("bundles");
        // For receipts: Prod Space imported a bundle DevTest Space created, and DevTest trusts Prod for receipts.
        both = TestBundles.twoNetworks(shared.resolve("receipts"));
        Path first = shared.resolve("first.odcmbundle");
        TestBundles.throughTest(both[0], "1.0.0");
        both[0].bundles().create(DEV, "Web", "1.0.0", PROD, first, 30, false);
        both[1].imports().importBundle(PROD, Files.readAllBytes(first), null, TestBundles.values());
        both[0].trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        both[0].close();
        both[1].close();
        receipts = shared.resolve("receipts");
    }

    @ParameterizedTest
    @CsvSource({"file-reserved,false", "file-written,false", "file-recorded,false", "file-moved,false",
            "file-written,true", "file-recorded,true", "file-moved,true"})
    void bundleCreateKilledAtAnyPoint(String point, boolean force) throws Exception {
        Path a = PausedChild.copy(bundles.resolve("network-a"), tmp.resolve("network-a"));
        Path b = PausedChild.copy(bundles.resolve("network-b"), tmp.resolve("network-b"));
        Path folder = Files.createDirectories(tmp.resolve("out"));
        Path out = folder.resolve("web.odcmbundle");
        String previous = null;
        if (force) {
            try (AppContext ca = AppContext.open(TestBundles.location(a))) {
                previous = ca.bundles().create(DEV, "Web", "1.0.0", PROD, out, 30, false).entry().fileSha256();
            }
        }
        List<String> args = new ArrayList<>(List.of("bundle", "create", "--space", DEV, "--project", "Web", "--release", "1.0.0", "--to", PROD,
                "--out", out.toString()));
        if (force) {
            args.add("--force");
        }
        PausedChild.killAt(point, a, args);

        try (AppContext ca = AppContext.open(TestBundles.location(a)); AppContext cb = AppContext.open(TestBundles.location(b))) {
            AuditVerification audit = ca.audit().verify();
            assertTrue(audit.isIntact(), audit.sentence());
            boolean moved = point.equals("file-moved");
            assertEquals(moved || force, Files.exists(out), "a file at the final name only after the move (or the previous one)");
            if (Files.exists(out)) {
                String sha = sha256(out);
                assertTrue(ca.bundles().outbox(DEV).stream().anyMatch(e -> e.fileName().equals(out.toString()) && e.fileSha256().equals(sha)),
                        "the file at the final name has its Outbox row");
                if (force) {
                    if (moved) {
                        assertNotEquals(previous, sha, "replaced after the move");
                    } else {
                        assertEquals(previous, sha, "the previously recorded file intact");
                    }
                }
            }
            long highest = acceptNewest(folder, f -> cb.bundles().verify(PROD, f), bytes -> cb.imports().importBundle(PROD, bytes, null,
                    TestBundles.values()).imported());
            Path next = tmp.resolve("next.odcmbundle");
            long sequence = ca.bundles().create(DEV, "Web", "1.0.0", PROD, next, 30, false).entry().sequence();
            assertTrue(sequence > highest, "fresh sequence " + sequence + " above " + highest);
            VerificationOutcome o = cb.bundles().verify(PROD, next);
            assertTrue(o.genuine(), o.sentence());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file-written", "file-recorded"})
    void receiptCreateKilledAtAnyPoint(String point) throws Exception {
        Path a = PausedChild.copy(receipts.resolve("network-a"), tmp.resolve("network-a"));
        Path b = PausedChild.copy(receipts.resolve("network-b"), tmp.resolve("network-b"));
        Path folder = Files.createDirectories(tmp.resolve("out"));
        Path out = folder.resolve("prod.odcmreceipt");
        PausedChild.killAt(point, b, List.of("receipt", "create", "--space", PROD, "--for", DEV, "--out", out.toString()));

        try (AppContext ca = AppContext.open(TestBundles.location(a)); AppContext cb = AppContext.open(TestBundles.location(b))) {
            AuditVerification audit = cb.audit().verify();
            assertTrue(audit.isIntact(), audit.sentence());
            assertTrue(!Files.exists(out), "no file at the final name before the move");
            assertEquals(point.equals("file-recorded") ? 1 : 0, cb.receipts().outbox(PROD).size(), "the row only once committed");
            long highest = acceptNewest(folder, f -> ca.receipts().verify(DEV, f), bytes -> ca.receipts().importReceipt(DEV, bytes).accepted());
            assertTrue(highest >= 1, "the kill left the signed temporary file, and the addressee accepted it");
            Path next = tmp.resolve("next.odcmreceipt");
            long sequence = cb.receipts().create(PROD, DEV, next, 30, false).entry().sequence();
            assertTrue(sequence > highest, "fresh sequence " + sequence + " above " + highest);
            VerificationOutcome o = ca.receipts().verify(DEV, next);
            assertTrue(o.genuine(), o.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT));
        }
    }

    /** The target accepts the genuine file with the highest sequence in {@code folder} (as if it had been carried); 0 if none. */
    private static long acceptNewest(Path folder, Function<Path, VerificationOutcome> verify, Function<byte[], Boolean> accept) throws IOException {
        long highest = 0;
        Path newest = null;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                VerificationOutcome o = verify.apply(f);
                long seq = o instanceof VerificationOutcome.Genuine g ? g.content().sequence()
                        : o instanceof VerificationOutcome.GenuineReceipt r ? r.content().sequence() : 0;
                if (seq > highest) {
                    highest = seq;
                    newest = f;
                }
            }
        }
        if (newest != null) {
            assertTrue(accept.apply(Files.readAllBytes(newest)), "accepted " + newest.getFileName());
        }
        return highest;
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
