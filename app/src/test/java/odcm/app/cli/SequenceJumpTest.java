package odcm.app.cli;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.ReceiptContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 4: a genuine bundle or receipt whose sequence number jumps more than the window (1000) past the last
 * accepted from its source (or past 0, for the first) would freeze that channel; it is refused by verify and import (exit
 * 1, nothing changed) until the importer confirms it with --accept-sequence-jump, which the audit log records with the
 * source, the last and the new number.
 */
class SequenceJumpTest {
    @TempDir
    Path tmp;
    Path values;
    CliHarness prod;
    CliHarness dev;
    AppContext[] both;

    @BeforeEach
    void networks() throws Exception {
        both = TestBundles.twoNetworks(tmp);
        both[0].trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        values = Files.writeString(tmp.resolve("values.json"), "{\"Staging\": {\"AdminEmail\": \"a@example.org\", \"DbPassword\": \"pw-1\"},"
                + " \"Production\": {\"AdminEmail\": \"b@example.org\"}}");
        prod = new CliHarness(tmp.resolve("network-b"));
        dev = new CliHarness(tmp.resolve("network-a"));
    }

    private Path bundle(long sequence) throws Exception {
        return Files.write(tmp.resolve("web-" + sequence + ".odcmbundle"), TestBundles.bundle(both[0], "1.0.0", sequence));
    }

    private Path receipt(long sequence) throws Exception {
        Instant now = both[1].spaces().now();
        return Files.write(tmp.resolve("receipt-" + sequence + ".odcmreceipt"), TestBundles.receipt(both[1], PROD, DEV,
                new ReceiptContent(UUID.randomUUID(), PROD, DEV, sequence, now.minusSeconds(60), now.plus(Duration.ofDays(7)), List.of())));
    }

    private void closeStores() {
        both[0].close();
        both[1].close();
    }

    private static String jumpSentence(String noun, String source, String from, long claimed) {
        return "This " + noun + " from '" + source + "' has sequence number " + claimed + ", more than 1000 past " + from
                + ": a signer never skips that far, so it may be fabricated, and accepting it would refuse every later " + noun
                + " of that source as a rollback. Import it only if the source confirms the number: with --accept-sequence-jump on the"
                + " command line, or by ticking 'Accept the sequence jump' in the console; the jump is recorded in the audit log."
                + System.lineSeparator();
    }

    private Result importBundle(Path file, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("bundle", "import", file.toString(), "--space", PROD, "--values", values.toString()));
        args.addAll(List.of(extra));
        return prod.run(args.toArray(String[]::new));
    }

    @Test
    void verifyRefusesAJumpBeyondTheWindowAndSaysHowToConfirm() throws Exception {
        Path max = bundle(Long.MAX_VALUE);
        Path first = bundle(1001);
        Path edge = bundle(1000);
        Path one = bundle(1);
        closeStores();
        Result r = prod.run("bundle", "verify", max.toString(), "--space", PROD);
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertEquals(jumpSentence("bundle", DEV, "the start (it is the first from that source)", Long.MAX_VALUE), r.err());
        assertEquals(Cli.REFUSED, prod.run("bundle", "verify", first.toString(), "--space", PROD).exit(), "1001 as the first: beyond the window");
        assertEquals(0, prod.run("bundle", "verify", edge.toString(), "--space", PROD).exit(), "1000 as the first: within the window");
        assertEquals(0, importBundle(one).exit());
        r = prod.run("bundle", "verify", first.toString(), "--space", PROD);
        assertEquals(0, r.exit(), "1001 after 1: exactly the window: " + r.err());
        r = prod.run("bundle", "verify", max.toString(), "--space", PROD, "--json");
        assertEquals(Cli.REFUSED, r.exit());
        assertTrue(r.out().contains("\"outcome\":\"SequenceJump\"") || r.out().contains("\"outcome\" : \"SequenceJump\""), r.out());
    }

    @Test
    void importRefusesAJumpAndChangesNothing() throws Exception {
        Path max = bundle(Long.MAX_VALUE);
        Path two = bundle(2);
        closeStores();
        String before = prod.listings();
        Result r = importBundle(max);
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals(jumpSentence("bundle", DEV, "the start (it is the first from that source)", Long.MAX_VALUE), r.err());
        assertEquals("", r.out());
        assertEquals(before, prod.listings(), "nothing changed");
        assertEquals(0, importBundle(two).exit(), "the channel is not frozen: the next genuine bundle imports");
    }

    @Test
    void importAcceptsAConfirmedJumpAndAuditsIt() throws Exception {
        Path one = bundle(1);
        Path far = bundle(5000);
        closeStores();
        assertEquals(0, importBundle(one).exit());
        Result r = importBundle(far, "--accept-sequence-jump");
        assertEquals(0, r.exit(), r.err());
        try (AppContext b = AppContext.open(TestBundles.location(tmp.resolve("network-b")))) {
            List<AuditEntry> log = b.audit().list(AuditFilter.ALL);
            AuditEntry jump = log.stream().filter(e -> e.action().equals("bundle.sequence-jump")).findFirst().orElseThrow();
            assertTrue(jump.subject().contains("'" + DEV + "'") && jump.subject().contains(PROD), jump.subject());
            assertEquals("sequence jumped from 1 (the last accepted) to 5000, beyond the window of 1000; accepted as the importer confirmed",
                    jump.detail());
            assertEquals(1, log.stream().filter(e -> e.action().equals("bundle.sequence-jump")).count(), "the first import was no jump");
            assertTrue(b.audit().verify().isIntact());
        }
    }

    @Test
    void receiptJumpRefusedByVerifyAndImportThenAcceptedWhenConfirmedAndAudited() throws Exception {
        Path far = receipt(1_000_000);
        closeStores();
        Result r = dev.run("receipt", "verify", far.toString(), "--space", DEV);
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals(jumpSentence("receipt", PROD, "the start (it is the first from that source)", 1_000_000), r.err());
        String before = dev.listings();
        r = dev.run("receipt", "import", far.toString(), "--space", DEV);
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals(jumpSentence("receipt", PROD, "the start (it is the first from that source)", 1_000_000), r.err());
        assertEquals(before, dev.listings(), "nothing changed");
        r = dev.run("receipt", "import", far.toString(), "--space", DEV, "--accept-sequence-jump");
        assertEquals(0, r.exit(), r.err());
        try (AppContext a = AppContext.open(TestBundles.location(tmp.resolve("network-a")))) {
            AuditEntry jump = a.audit().list(AuditFilter.ALL).stream().filter(e -> e.action().equals("receipt.sequence-jump")).findFirst()
                    .orElseThrow();
            assertTrue(jump.subject().contains("'" + PROD + "'"), jump.subject());
            assertEquals("sequence jumped from none accepted yet to 1000000, beyond the window of 1000; accepted as the importer confirmed",
                    jump.detail());
        }
    }
}
