package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19's first slice on the command line (docs/decisions/0059): the package store, feeds, verify, and the check before a deployment. */
class CliPackagesTest {
    static final String S = "DevTest Space";
    /**
     * The SHA-256 of the two 96 MiB files below, as {@code sha256sum} gives it ({@code head -c 96M /dev/zero | sha256sum}; the
     * second with its run of text at 50 MiB): computed here they took a second of the test JVM's CPU each (SHA-256 without
     * C2's intrinsic, decision 0025). The console's own hash is what the tests check against them.
     */
    static final String ZEROS_96_MIB = "425382d5857f04fc49585cabbdef6fc647472ee26f52c54caaaeaad17320b3f8";
    static final String ONE_RUN_96_MIB = "8130c659066987489128734dc3c652341f9ffcc7ffbab9b4e2c93247eeb0212a";

    @TempDir
    Path tmp;
    CliHarness cli;

    String refused(String... args) {
        String before = cli.listings() + cli.run("package", "list", "--space", S).out() + cli.run("audit", "list").out()
                + cli.run("deployment", "list", "--space", S, "--project", "Web").out();
        Result r = cli.run(args);
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertFalse(r.err().strip().contains("\n"), "one line: " + r.err());
        assertEquals(before, cli.listings() + cli.run("package", "list", "--space", S).out() + cli.run("audit", "list").out()
                + cli.run("deployment", "list", "--space", S, "--project", "Web").out(), "nothing changed");
        return r.err().strip();
    }

    @Test
    void aPackageIsStoredByItsHashFoundInFeedsCheckedAndAWrongOneStopsADeploymentWhereTheSpaceRequiresIt() throws Exception {
        byte[] content = "the web package's bytes\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Path file = Files.write(tmp.resolve("Acme.Web.1.0.0.zip"), content);
        cli = new CliHarness(tmp.resolve("store"));
        CliTest.ok(cli.run("space", "create", S));
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("doc.json"), CliProjectsTest.DOC.replace("ab".repeat(32), sha)).toString()));

        Result missing = cli.run("package", "verify", "--space", S, "--project", "Web", "--release", "1.0.0");
        assertEquals(1, missing.exit());
        assertEquals("missing\tPackage Acme.Web 1.0.0 is in neither the store nor a feed.\n", missing.out());
        String deployed = CliTest.ok(cli.run("deploy", "--space", S, "--project", "Web", "1.0.0", "--to", "Development")).out();
        assertFalse(deployed.contains("ackage"), "a space using no package store is told nothing: " + deployed);

        // hostile input: one sentence each, nothing changed
        Path link = Files.createSymbolicLink(tmp.resolve("link.zip"), file);
        assertEquals(link + " is a symbolic link; give the package file itself.",
                refused("package", "add", "--space", S, link.toString(), "--id", "Acme.Web", "--version", "1.0.0"));
        assertEquals(tmp.resolve("nowhere") + " is not a readable file.",
                refused("package", "add", "--space", S, tmp.resolve("nowhere").toString(), "--id", "Acme.Web", "--version", "1.0.0"));
        assertEquals("Feed folder " + tmp.resolve("no-share") + " does not exist or is not a folder; nothing was changed.",
                refused("package", "feed", "add", "--space", S, tmp.resolve("no-share").toString()));

        // a feed holding a wrong file of that name; the space then requires the check
        Path feed = Files.createDirectories(tmp.resolve("share"));
        Files.writeString(feed.resolve("acme.web.1.0.0.zip"), "not it");
        CliTest.ok(cli.run("package", "feed", "add", "--space", S, feed.toString()));
        assertEquals(feed + "\n", CliTest.ok(cli.run("package", "feed", "list", "--space", S)).out());
        Result wrong = cli.run("package", "verify", "--space", S, "--project", "Web", "--release", "1.0.0");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.out().startsWith("wrong\tPackage Acme.Web 1.0.0 in feed " + feed + " has SHA-256 "), wrong.out());
        CliTest.ok(cli.run("space", "set", S, "--require-package-check", "on"));
        String refusal = refused("deploy", "--space", S, "--project", "Web", "1.0.0", "--to", "Test");
        assertTrue(refusal.startsWith("Package Acme.Web 1.0.0 in feed " + feed + " has SHA-256 ")
                && refusal.endsWith(", the release names " + sha + ". 'DevTest Space' requires every package checked before a deployment;"
                + " nothing was recorded."), refusal);

        // the right file added to the store: stored under its hash, no temporary file left; checked, deployed
        assertEquals("Added package Acme.Web 1.0.0 to the store of 'DevTest Space': SHA-256 " + sha + ", " + content.length + " bytes.\n",
                CliTest.ok(cli.run("package", "add", "--space", S, file.toString(), "--id", "Acme.Web", "--version", "1.0.0")).out());
        assertEquals("The store of 'DevTest Space' already holds package Acme.Web 1.0.0.",
                refused("package", "add", "--space", S, file.toString(), "--id", "acme.web", "--version", "1.0.0"));
        String list = CliTest.ok(cli.run("package", "list", "--space", S)).out();
        assertTrue(list.contains("Acme.Web\t1.0.0\t" + sha + "\t" + content.length + "\n") && list.contains("package check required"), list);
        Path folder = Path.of(list.substring("Store folder: ".length(), list.indexOf(';')));
        assertTrue(folder.startsWith(tmp.resolve("store")) && folder.endsWith(Path.of("packages", "space-1")), "under the store's folder: " + folder);
        Path stored = folder.resolve(sha.substring(0, 2)).resolve(sha);
        try (Stream<Path> all = Files.walk(folder)) {
            assertEquals(java.util.List.of(stored), all.filter(Files::isRegularFile).toList(), "one file, named by its hash");
        }
        assertEquals("present\tPackage Acme.Web 1.0.0 is present in the store (" + content.length + " bytes).\n",
                CliTest.ok(cli.run("package", "verify", "--space", S, "--project", "Web", "--release", "1.0.0")).out());
        CliTest.ok(cli.run("deploy", "--space", S, "--project", "Web", "1.0.0", "--to", "Test"));
        String audit = CliTest.ok(cli.run("audit", "list")).out();
        assertTrue(audit.contains("package.add") && audit.contains("package.feed-add") && audit.contains("package.policy")
                && audit.contains("all 1 packages present"), audit);

        // a stored file cut short is wrong by its size
        Files.write(stored, java.util.Arrays.copyOf(content, 10));
        assertEquals("wrong\tPackage Acme.Web 1.0.0 in the store is 10 bytes, it was " + content.length + " when added.\n",
                cli.run("package", "verify", "--space", S, "--project", "Web", "--release", "1.0.0").out());
        // the stored file gone, and the feed's folder too: missing, the feed named
        Files.delete(stored);
        Files.move(feed, tmp.resolve("share-moved"));
        assertEquals("missing\tPackage Acme.Web 1.0.0 is in neither the store nor a feed (feed folder " + feed + " does not exist).\n",
                cli.run("package", "verify", "--space", S, "--project", "Web", "--release", "1.0.0").out());
        assertTrue(refused("deploy", "--space", S, "--project", "Web", "1.0.0", "--to", "Test").startsWith("Package Acme.Web 1.0.0 is in neither"));
        CliTest.ok(cli.run("package", "feed", "remove", "--space", S, feed.toString()));
        assertEquals("", CliTest.ok(cli.run("package", "feed", "list", "--space", S)).out());
    }

    /**
     * {@code package remove} (decision 0059, 2026-12-05): refused while a release not yet deployed to its lifecycle's last phase
     * names the package; the file goes with the last row naming its hash. {@code package clean}: the files no row names, but
     * not one written in the last hour nor one of another name.
     */
    @Test
    void aPackageIsRemovedOnceNoReleaseUnderWayNamesItAndCleanRemovesWhatNoRowNames() throws Exception {
        byte[] content = "web".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Path file = Files.write(tmp.resolve("web.zip"), content);
        cli = new CliHarness(tmp.resolve("store"));
        CliTest.ok(cli.run("space", "create", S));
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("doc.json"), CliProjectsTest.DOC.replace("ab".repeat(32), sha)).toString()));
        CliTest.ok(cli.run("package", "add", "--space", S, file.toString(), "--id", "Acme.Web", "--version", "1.0.0"));
        CliTest.ok(cli.run("package", "add", "--space", S, file.toString(), "--id", "Same.Bytes", "--version", "2"));
        String list = CliTest.ok(cli.run("package", "list", "--space", S)).out();
        Path folder = Path.of(list.substring("Store folder: ".length(), list.indexOf(';')));
        Path stored = folder.resolve(sha.substring(0, 2)).resolve(sha);

        assertEquals("Package Acme.Web 1.0.0 is named by release 1.0.0 of 'Web', not yet deployed to the last phase of its lifecycle;"
                + " it stays in the store of 'DevTest Space'.", refused("package", "remove", "--space", S, "--id", "acme.web", "--version", "1.0.0"));
        CliTest.ok(cli.run("deploy", "--space", S, "--project", "Web", "1.0.0", "--to", "Development"));
        assertTrue(refused("package", "remove", "--space", S, "--id", "Acme.Web", "--version", "1.0.0").startsWith("Package Acme.Web 1.0.0 is named"),
                "Development is not the last phase");
        CliTest.ok(cli.run("deploy", "--space", S, "--project", "Web", "1.0.0", "--to", "Test"));
        assertEquals("Removed package Acme.Web 1.0.0 from the store of 'DevTest Space'; its file is kept: another package names the same SHA-256.\n",
                CliTest.ok(cli.run("package", "remove", "--space", S, "--id", "acme.web", "--version", "1.0.0")).out());
        assertTrue(Files.exists(stored));
        assertEquals("Removed package Same.Bytes 2 from the store of 'DevTest Space'; its file " + stored + " was deleted.\n",
                CliTest.ok(cli.run("package", "remove", "--space", S, "--id", "Same.Bytes", "--version", "2")).out());
        assertFalse(Files.exists(stored));
        assertEquals("The store of 'DevTest Space' holds no package Same.Bytes 2; nothing was changed.",
                refused("package", "remove", "--space", S, "--id", "Same.Bytes", "--version", "2"));
        assertEquals("missing\tPackage Acme.Web 1.0.0 is in neither the store nor a feed.\n",
                cli.run("package", "verify", "--space", S, "--project", "Web", "--release", "1.0.0").out());

        // what a stopped copy and a refused record leave, an hour old; one just written; a file that is not the console's
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
        Path part = Files.setLastModifiedTime(Files.writeString(folder.resolve(".incoming-123.part"), "half"), old);
        String orphan = "0f".repeat(32);
        Path unnamed = Files.setLastModifiedTime(Files.writeString(Files.createDirectories(folder.resolve("0f")).resolve(orphan), "refused"), old);
        Path fresh = Files.writeString(folder.resolve(".incoming-456.part"), "under way");
        Path foreign = Files.setLastModifiedTime(Files.writeString(folder.resolve("notes.txt"), "mine"), old);
        String cleaned = CliTest.ok(cli.run("package", "clean", "--space", S)).out();
        assertEquals(java.util.Set.of("removed\t" + part, "removed\t" + unnamed,
                "left\t" + fresh + "\t(written in the last hour: a copy may be under way)",
                "Removed 2 files no package names (11 bytes) from " + folder + "."), java.util.Set.copyOf(cleaned.lines().toList()), cleaned);
        assertFalse(Files.exists(part) || Files.exists(unnamed));
        assertTrue(Files.exists(fresh) && Files.exists(foreign));
        assertEquals("Nothing to remove in " + folder + ".", CliTest.ok(cli.run("package", "clean", "--space", S)).out().lines()
                .reduce((a, b) -> b).orElseThrow());
        String audit = CliTest.ok(cli.run("audit", "list")).out();
        assertTrue(audit.contains("package.remove") && audit.contains("its file deleted") && audit.contains("package.clean"), audit);
    }

    /**
     * {@code package add} streams: a 96 MiB file (sparse: quick to make) copied into the store by a console in a separate JVM
     * whose heap is 64 MiB, so a copy that read the file whole could not be made.
     */
    @Test
    void aPackageLargerThanTheHeapIsAddedStreaming() throws Exception {
        Path dir = tmp.resolve("big");
        cli = new CliHarness(dir);
        CliTest.ok(cli.run("space", "create", S));
        Path big = tmp.resolve("big.zip");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(96L << 20);
        }
        java.util.List<String> cmd = odcm.app.ChildJvm.command(java.util.List.of("-Xmx64m"), "odcm.app.Main");
        cmd.addAll(java.util.List.of("package", "add", "--space", S, big.toString(), "--id", "Big", "--version", "1", "--store", cli.store().toString()));
        Path out = tmp.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectErrorStream(true);
        pb.environment().put("ODCM_KEY_DIR", dir.resolve("keys").toString());
        pb.environment().put("ODCM_LOG_DIR", dir.resolve("logs").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "ended");
        String said = Files.readString(out);
        assertEquals(0, p.exitValue(), said);
        assertEquals("Added package Big 1 to the store of 'DevTest Space': SHA-256 " + ZEROS_96_MIB + ", " + (96L << 20) + " bytes.", said.strip());
    }

    /**
     * Issue 19's transfer on the command line, over two stores that share only files (decision 0060): DevTest Space exports the
     * 96 MiB package of release 1.0.0 for Prod Space, which imports it in a separate JVM of a 64 MiB heap, so an import that
     * held a package in memory could not be made; one line per package, and bad input refused in one sentence.
     */
    @Test
    void aPackageArchiveCrossesToAnotherStoreAndIsImportedStreamingInASmallHeap() throws Exception {
        Path big = tmp.resolve("Acme.Web.1.0.0.zip");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(96L << 20);
            f.seek(50L << 20);
            f.write("one non-zero run in the middle".getBytes(StandardCharsets.UTF_8));
        }
        String sha = ONE_RUN_96_MIB; // a wrong one fails the export: "… in the store has SHA-256 …, the release names …"
        CliHarness a = new CliHarness(tmp.resolve("network-a"));
        CliHarness b = new CliHarness(tmp.resolve("network-b"));
        String dev = RoundTripCliTest.DEV;
        String prod = RoundTripCliTest.PROD;
        CliTest.ok(a.run("space", "create", dev));
        CliTest.ok(b.run("space", "create", prod));
        CliTest.ok(a.run("space", "cert", dev, "--out", tmp.resolve("dev.pem").toString()));
        CliTest.ok(b.run("space", "cert", prod, "--out", tmp.resolve("prod.pem").toString()));
        CliTest.ok(a.run("remote", "add", prod, "--cert", tmp.resolve("prod.pem").toString(), "--fingerprint", RoundTripCliTest.fingerprint(b, prod)));
        CliTest.ok(b.run("remote", "add", dev, "--cert", tmp.resolve("dev.pem").toString(), "--fingerprint", RoundTripCliTest.fingerprint(a, dev)));
        CliTest.ok(b.run("trust", "add", "--space", prod, "--accepts", "bundles", "--from", dev));
        CliTest.ok(a.run("apply", Files.writeString(tmp.resolve("dev.json"), odcm.app.RoundTripDocuments.DEV_DOCUMENT.replace("ab".repeat(32), sha)).toString()));
        CliTest.ok(b.run("apply", Files.writeString(tmp.resolve("prod.json"), odcm.app.RoundTripDocuments.PROD_DOCUMENT).toString()));
        CliTest.ok(a.run("deploy", "--space", dev, "--project", "Web", "1.0.0", "--to", "Development"));
        CliTest.ok(a.run("deploy", "--space", dev, "--project", "Web", "1.0.0", "--to", "Test"));
        Path bundle = tmp.resolve("web.odcmbundle");
        CliTest.ok(a.run("bundle", "create", "--space", dev, "--project", "Web", "--release", "1.0.0", "--to", prod, "--out", bundle.toString()));
        CliTest.ok(b.run("bundle", "import", bundle.toString(), "--space", prod, "--values",
                Files.writeString(tmp.resolve("values.json"), "{\"Production\": {\"AdminEmail\": \"ops@example.org\"}}").toString()));
        CliTest.ok(a.run("package", "add", "--space", dev, big.toString(), "--id", "Acme.Web", "--version", "1.0.0"));

        Path archive = tmp.resolve("web-1.0.0.odcmpackages");
        String exported = CliTest.ok(a.run("package", "export", "--space", dev, "--project", "Web", "--release", "1.0.0", "--for", prod,
                "--out", archive.toString())).out();
        assertTrue(exported.startsWith("Wrote " + archive + ": 1 package of release 1.0.0 of 'Web' for 'Prod Space' (")
                && exported.endsWith("0 held there already.\nAcme.Web 1.0.0\tsent whole: " + (96L << 20) + " bytes\n"), exported);

        cli = b;
        assertEquals("This file is a release bundle, not a package archive; choose a package archive file. Nothing was changed.",
                refused("package", "import", bundle.toString(), "--space", prod),
                "a bundle given as an archive");
        assertEquals("There is no file " + tmp.resolve("none") + ".", refused("package", "import", tmp.resolve("none").toString()));

        java.util.List<String> cmd = odcm.app.ChildJvm.command(java.util.List.of("-Xmx64m"), "odcm.app.Main");
        cmd.addAll(java.util.List.of("package", "import", archive.toString(), "--store", b.store().toString()));
        Path out = tmp.resolve("import.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectErrorStream(true);
        pb.environment().put("ODCM_KEY_DIR", tmp.resolve("network-b").resolve("keys").toString());
        pb.environment().put("ODCM_LOG_DIR", tmp.resolve("network-b").resolve("logs").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "ended");
        String said = Files.readString(out);
        assertEquals(0, p.exitValue(), said);
        assertEquals("Imported 1 package of release 1.0.0 of 'DevTest Space: Web' into the store of 'Prod Space'; 1 row recorded.\n"
                + "Acme.Web 1.0.0\treceived whole, " + (96L << 20) + " bytes, stored\n", said);
        assertEquals("present\tPackage Acme.Web 1.0.0 is present in the store (" + (96L << 20) + " bytes).\n",
                CliTest.ok(b.run("package", "verify", "--space", prod, "--project", dev + ": Web", "--release", "1.0.0")).out());
    }
}
