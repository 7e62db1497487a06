package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import odcm.app.TestBundles;
import odcm.model.Progress;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.CertificateFormat;
import odcm.model.release.PackageVersion;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.pkg.PackageArchive;
import odcm.packaging.pkg.PackageDelta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages between two stores (decision 0060): DevTest Space sends Prod Space the packages of two releases of Web, the second
 * as a delta on what Prod's signed inventory says it holds; every refusal leaves Prod's store folder and rows as they were.
 */
class PackageTransferTest {
    static final String OTHER = "Other Space";

    @TempDir
    Path tmp;
    AppContext dev;
    AppContext prod;
    Path app10;
    Path app11;
    Path lib;

    @BeforeEach
    void twoStores() throws IOException {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        byte[] b = new byte[300_000];
        new Random(7).nextBytes(b);
        app10 = Files.write(tmp.resolve("app-1.0.zip"), b);
        for (int i = 0; i < 5; i++) {
            b[200_000 + 7 * i] ^= 0x55; // the next version changes a few bytes
        }
        app11 = Files.write(tmp.resolve("app-1.1.zip"), b);
        byte[] l = new byte[20_000];
        new Random(8).nextBytes(l);
        lib = Files.write(tmp.resolve("lib-2.0.zip"), l);
        dev.projects().update(DEV, "Web", TestBundles.web(List.of(new odcm.model.project.DeploymentStep("Deploy lib", "Deploy a package",
                java.util.Map.of(), odcm.model.project.Scope.ALL, List.of(new odcm.model.project.PackageReference("Acme.Lib"))))));
        dev.packages().add(DEV, app10, "Acme.Web", "1.0");
        dev.packages().add(DEV, app11, "Acme.Web", "1.1");
        dev.packages().add(DEV, lib, "Acme.Lib", "2.0");
        dev.releases().create(DEV, "Web", "2.0.0", "", null, List.of(pv("Acme.Web", "1.0", app10), pv("Acme.Lib", "2.0", lib)));
        dev.releases().create(DEV, "Web", "2.1.0", "", null, List.of(pv("Acme.Web", "1.1", app11), pv("Acme.Lib", "2.0", lib)));
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "2.0.0", 1), null, TestBundles.values());
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "2.1.0", 2), null, TestBundles.values());
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS); // Prod's inventory is read as its receipts are
    }

    @AfterEach
    void close() {
        dev.close();
        prod.close();
    }

    static String sha(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PackageVersion pv(String id, String version, Path f) throws IOException {
        return new PackageVersion(id, version, sha(f));
    }

    Path export(String version, Optional<Path> have) {
        Path out = tmp.resolve("web-" + version + "-" + UUID.randomUUID() + PackageTransferService.EXTENSION);
        dev.packageTransfer().export(DEV, "Web", version, PROD, have, out, Progress.NONE);
        return out;
    }

    Path prodFolder() {
        return Path.of(prod.packages().overview(PROD).folder().toString());
    }

    /** Prod's package rows, the files and folders in its store folder (temporary ones too) and its audit log's length. */
    List<Object> prodState() throws IOException {
        List<Object> s = new ArrayList<>();
        s.add(prod.packages().overview(PROD).packages());
        Path folder = prodFolder();
        if (Files.exists(folder)) { // folders too: a refused import leaves none it made
            try (Stream<Path> all = Files.walk(folder)) {
                s.add(all.map(Path::toString).sorted().toList());
            }
        } else {
            s.add(List.of());
        }
        s.add(prod.audit().list(AuditFilter.ALL).size());
        return s;
    }

    String refused(Path archive) throws IOException {
        return refused(PROD, archive, Progress.NONE);
    }

    String refused(String space, Path archive, Progress progress) throws IOException {
        List<Object> before = prodState();
        Refusal r = assertThrows(Refusal.class, () -> prod.packageTransfer().importArchive(space, archive, progress));
        assertEquals(before, prodState(), "nothing changed: " + r.getMessage());
        return r.getMessage();
    }

    /** An archive signed by DevTest Space's key for Prod Space, made by hand: what a faulty or hostile source could send. */
    Path signedByDev(String version, Instant expires, List<PackageArchive.Item> items) throws IOException {
        Space d = dev.spaces().find(DEV);
        Path out = tmp.resolve("hand-made-" + UUID.randomUUID() + PackageTransferService.EXTENSION);
        try (Secret key = dev.store().read(tx -> BundleChecks.privateKey(dev.store(), tx, d)); OutputStream o = Files.newOutputStream(out)) {
            Instant now = dev.spaces().now();
            PackageArchive.write(UUID.randomUUID().toString(), DEV, PROD, dev.spaces().certificate(PROD, CertificateFormat.DER), now.minusSeconds(60),
                    expires, new PackageArchive.Release(null, "Web", version), items,
                    new SourceKey(dev.spaces().certificate(DEV, CertificateFormat.DER), key), o, Progress.NONE);
        }
        return out;
    }

    @Test
    void twoReleasesCrossTheSecondAsADeltaOnWhatTheInventorySaysIsHeld() throws IOException {
        // A delta on a package Prod does not hold yet is refused (made by hand: an export never sends one without its base).
        Path delta = tmp.resolve("app.delta");
        try (OutputStream o = Files.newOutputStream(delta)) {
            PackageDelta.encode(app10, app11, o, Progress.NONE);
        }
        Path early = signedByDev("2.1.0", dev.spaces().now().plus(Duration.ofDays(1)),
                List.of(new PackageArchive.Item("Acme.Web", "1.1", sha(app11), Files.size(app11), sha(app10), delta)));
        assertTrue(refused(early).startsWith("Package Acme.Web 1.1 comes as a delta on package " + sha(app10) + ", which the store of 'Prod Space'"
                + " does not hold intact"));

        // 2.0.0: nothing sent before, so both packages go whole.
        Path first = export("2.0.0", Optional.empty());
        PackageTransferService.Result in = prod.packageTransfer().importArchive(PROD, first, Progress.NONE);
        assertEquals("Imported 2 packages of release 2.0.0 of '" + REMOTE_WEB + "' into the store of 'Prod Space'; 2 rows recorded.", in.sentence());
        assertEquals(List.of("Acme.Web 1.0\treceived whole, 300000 bytes, stored", "Acme.Lib 2.0\treceived whole, 20000 bytes, stored"), in.lines());
        assertTrue(prod.packages().verify(PROD, REMOTE_WEB, "2.0.0").stream().allMatch(c -> c.status() == PackageService.Status.PRESENT));

        // Prod's inventory back to DevTest; 2.1.0 then carries only App 1.1, as a delta on App 1.0.
        Path inventory = tmp.resolve("prod" + PackageTransferService.INVENTORY_EXTENSION);
        prod.packageTransfer().inventory(PROD, DEV, inventory);
        Path out = tmp.resolve("web-2.1.0" + PackageTransferService.EXTENSION);
        PackageTransferService.Result sent = dev.packageTransfer().export(DEV, "Web", "2.1.0", PROD, Optional.of(inventory), out, Progress.NONE);
        assertEquals(2, sent.lines().size(), sent.lines().toString());
        assertTrue(sent.lines().contains("Acme.Lib 2.0\theld by 'Prod Space' already, not sent"), sent.lines().toString());
        assertTrue(sent.lines().stream().anyMatch(l -> l.startsWith("Acme.Web 1.1\tsent as a delta on Acme.Web 1.0: ")), sent.lines().toString());
        assertTrue(Files.size(out) < Files.size(app11) / 4, "the archive of a few changed bytes is much smaller than the package: " + Files.size(out));
        String statement = new String(unzipFirst(out), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(statement.contains("\"encoding\":\"delta\"") && statement.contains("\"baseSha256\":\"" + sha(app10) + "\""), statement);

        PackageTransferService.Result second = prod.packageTransfer().importArchive(PROD, out, Progress.NONE);
        assertEquals(List.of("Acme.Web 1.1\trebuilt from a delta of " + entrySize(statement) + " bytes, 300000 bytes, stored"), second.lines());
        Path stored = prodFolder().resolve(sha(app11).substring(0, 2)).resolve(sha(app11));
        assertArrayEquals(Files.readAllBytes(app11), Files.readAllBytes(stored), "the target's store holds the right bytes");
        assertTrue(prod.packages().verify(PROD, REMOTE_WEB, "2.1.0").stream().allMatch(c -> c.status() == PackageService.Status.PRESENT));

        // The same archive again (a replay) adds nothing and says so.
        List<Object> before = prodState();
        PackageTransferService.Result again = prod.packageTransfer().importArchive(PROD, out, Progress.NONE);
        assertEquals(List.of("Acme.Web 1.1\theld already, skipped"), again.lines());
        assertEquals(((List<?>) before.get(0)), prod.packages().overview(PROD).packages(), "no row added");
        String audit = prod.audit().list(AuditFilter.ALL).get(1).action() + " " + dev.audit().list(AuditFilter.ALL).get(0).action();
        assertEquals("package.import package.export", audit);
    }

    private static byte[] unzipFirst(Path archive) throws IOException {
        try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(Files.newInputStream(archive))) {
            z.getNextEntry();
            return z.readAllBytes();
        }
    }

    private static String entrySize(String statement) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"entrySize\":(\\d+)").matcher(statement);
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void eachRefusalLeavesTheStoreAsItWas() throws IOException {
        Path archive = export("2.0.0", Optional.empty());

        byte[] b = Files.readAllBytes(archive);
        b[b.length / 2] ^= 1; // inside App 1.0's entry
        Path tampered = Files.write(tmp.resolve("tampered" + PackageTransferService.EXTENSION), b);
        assertTrue(refused(tampered).matches("The archive's part [0-9a-f]{64}\\.full does not match the hash in its signed manifest: it was changed"
                + " after signing\\. Nothing was changed\\."), refused(tampered));

        Path appended = Files.write(tmp.resolve("appended" + PackageTransferService.EXTENSION),
                java.util.Arrays.copyOf(Files.readAllBytes(archive), (int) Files.size(archive) + 3));
        assertTrue(refused(appended).contains("canonical container never holds"), refused(appended));

        // Signed by the source, but not the package the release's signed manifest names: the manifest check catches it.
        Path wrong = signedByDev("2.0.0", dev.spaces().now().plus(Duration.ofDays(1)),
                List.of(new PackageArchive.Item("Acme.Web", "1.0", sha(app11), Files.size(app11), null, app11)));
        assertEquals("Package Acme.Web 1.0 in the archive (SHA-256 " + sha(app11) + ") is not in the signed manifest of release 2.0.0 of '"
                + REMOTE_WEB + "' as 'Prod Space' holds it. Nothing was changed.", refused(wrong));

        Path expired = signedByDev("2.0.0", dev.spaces().now().minusSeconds(1),
                List.of(new PackageArchive.Item("Acme.Lib", "2.0", sha(lib), Files.size(lib), null, lib)));
        assertTrue(refused(expired).startsWith("This archive expired at "), refused(expired));

        dev.releases().create(DEV, "Web", "2.2.0", "", null, List.of(pv("Acme.Web", "1.1", app11), pv("Acme.Lib", "2.0", lib)));
        assertEquals("'Prod Space' holds no release 2.2.0 of 'Web' from 'DevTest Space': import its release bundle first. Nothing was changed.",
                refused(export("2.2.0", Optional.empty())));

        // Another space of Prod's store: not trusted, then trusted but not the addressee.
        prod.spaces().create(OTHER, "", odcm.packaging.cert.KeyAlgorithm.EC_P256);
        assertTrue(refused(OTHER, archive, Progress.NONE).startsWith("The archive claims to come from 'DevTest Space'"), "untrusted signer");
        prod.trusts().add(OTHER, DEV, TrustKind.RELEASE_BUNDLES);
        assertTrue(refused(OTHER, archive, Progress.NONE).startsWith("This archive is addressed to 'Prod Space'"), "another space's archive");

        // A stop asked for half way leaves no file, not even a temporary one, and no row.
        long[] seen = {0};
        Progress cancelling = (done, total, sentence) -> {
            if (done > 150_000 && seen[0]++ == 0) {
                throw new Progress.Cancelled();
            }
        };
        assertEquals("Cancelled; nothing was changed.", refused(PROD, archive, cancelling));

        // And the genuine archive then goes in.
        assertEquals(2, prod.packageTransfer().importArchive(PROD, archive, Progress.NONE).lines().size());

        // Review 19, L8: the source's trust revoked while an archive is read: refused when it would be recorded, nothing stored.
        Path next = export("2.1.0", Optional.empty());
        boolean[] revoked = {false};
        Progress revoking = (done, total, sentence) -> {
            if (!revoked[0]) {
                revoked[0] = true;
                prod.trusts().revoke(PROD, DEV, TrustKind.RELEASE_BUNDLES, "test");
            }
        };
        List<Object> before = prodState();
        Refusal r = assertThrows(Refusal.class, () -> prod.packageTransfer().importArchive(PROD, next, revoking));
        assertEquals("'Prod Space' no longer trusts 'DevTest Space' for release bundles (changed while the archive was read); nothing was changed.",
                r.getMessage());
        assertEquals(before.subList(0, 2), prodState().subList(0, 2), "no row, no file");
    }

    @Test
    void anExportIsRefusedWithOneSentenceAndWritesNothing() throws IOException {
        Path out = tmp.resolve("x" + PackageTransferService.EXTENSION);
        Files.delete(dev.packages().overview(DEV).folder().resolve(sha(lib).substring(0, 2)).resolve(sha(lib)));
        Refusal r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.0.0", PROD, Optional.empty(), out, Progress.NONE));
        assertEquals("Package Acme.Lib 2.0 is in neither the store nor a feed. Nothing was written.", r.getMessage());
        Path notInventory = Files.write(tmp.resolve("not.odcminventory"), TestBundles.bundle(dev, "2.0.0", 3));
        r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.1.0", PROD, Optional.of(notInventory), out, Progress.NONE));
        assertEquals("This file is a release bundle, not a package inventory; choose a package inventory file. Nothing was written.", r.getMessage());
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".odcm-") || p.equals(out)), "no file, no temporary file");
        }
    }

    /** The bytes of {@code f}'s store file, swapped by {@code change} at the first step an export reports with {@code sentence}. */
    Progress swapping(Path stored, String sentence, IoAction change, boolean[] swapped) {
        return (done, total, said) -> {
            assertTrue(said.equals("Saving") || !Thread.holdsLock(dev.store()), "no file is read with the store held (review 19, H2): " + said);
            if (!swapped[0] && said.startsWith(sentence)) {
                swapped[0] = true;
                try {
                    Files.delete(stored);
                    change.run();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    interface IoAction {
        void run() throws IOException;
    }

    Path storedAtDev(Path f) throws IOException {
        return dev.packages().overview(DEV).folder().resolve(sha(f).substring(0, 2)).resolve(sha(f));
    }

    /**
     * Review 19, H1: a package's file swapped after the export looked at it (for a link to another file, or for other bytes) is
     * refused, never encoded into a signed delta; a whole package changed between the writer's two passes is refused too. Each
     * time no archive and no temporary file is left, and no audit entry.
     */
    @Test
    void anExportSignsOnlyTheBytesItChecked() throws IOException {
        byte[] l = Files.readAllBytes(lib);
        l[10_000] ^= 0x55;
        Path lib21 = Files.write(tmp.resolve("lib-2.1.zip"), l);
        dev.packages().add(DEV, lib21, "Acme.Lib", "2.1");
        dev.releases().create(DEV, "Web", "2.2.0", "", null, List.of(pv("Acme.Web", "1.1", app11), pv("Acme.Lib", "2.1", lib21)));
        prod.packageTransfer().importArchive(PROD, export("2.0.0", Optional.empty()), Progress.NONE);
        Path inventory = tmp.resolve("prod" + PackageTransferService.INVENTORY_EXTENSION);
        prod.packageTransfer().inventory(PROD, DEV, inventory);
        byte[] secret = new byte[l.length];
        byte[] marker = "PGPASS:localhost:5432:*:odcm:s3cr3t-password".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, secret, 100, marker.length);
        Path secretFile = Files.write(tmp.resolve("secret-not-a-package"), secret);
        Path stored = storedAtDev(lib21);
        Path out = tmp.resolve("web-2.2.0" + PackageTransferService.EXTENSION);
        int audited = dev.audit().list(AuditFilter.ALL).size();

        boolean[] swapped = {false};
        Refusal r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.2.0", PROD, Optional.of(inventory), out,
                swapping(stored, "Checking", () -> Files.createSymbolicLink(stored, secretFile), swapped)));
        assertTrue(swapped[0]);
        assertTrue(r.getMessage().startsWith("Package Acme.Lib 2.1 could not be read in the store: ") && r.getMessage().endsWith(" Nothing was written."),
                r.getMessage());

        Files.delete(stored);
        Files.copy(lib21, stored);
        swapped[0] = false;
        r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.2.0", PROD, Optional.of(inventory), out,
                swapping(stored, "Checking", () -> Files.write(stored, secret), swapped)));
        assertEquals("Package Acme.Lib 2.1 in the store has SHA-256 " + sha(secretFile) + ", the release names " + sha(lib21) + ". Nothing was written.",
                r.getMessage());

        // Sent whole: the writer hashes what it writes, and compares it with what it hashed (and signed) first.
        Path lib20 = storedAtDev(lib);
        swapped[0] = false;
        r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.0.0", PROD, Optional.empty(), out,
                swapping(lib20, "Writing", () -> Files.write(lib20, secret), swapped)));
        assertEquals("The package archive could not be written to " + out + ": package Acme.Lib 2.0 changed while it was being written;"
                + " nothing was written.", r.getMessage());

        assertEquals(audited, dev.audit().list(AuditFilter.ALL).size(), "no export audited");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".odcm-") || p.equals(out)).toList(), "no file left");
        }
    }

    /**
     * Review 19, M1, L9: a file that appears at the archive's name while the export runs is not replaced; and an export with
     * nothing to send says so and writes nothing.
     */
    @Test
    void anExportNeverReplacesAFileThatAppearedAndSaysWhenNothingIsToBeSent() throws IOException {
        Path out = tmp.resolve("precious" + PackageTransferService.EXTENSION);
        boolean[] made = {false};
        Progress creating = (done, total, sentence) -> {
            if (!made[0]) {
                made[0] = true;
                try {
                    Files.writeString(out, "someone else's file");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        int audited = dev.audit().list(AuditFilter.ALL).size();
        Refusal r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.0.0", PROD, Optional.empty(), out, creating));
        assertEquals(out + " already exists; choose another file name. Nothing was written.", r.getMessage());
        assertEquals("someone else's file", Files.readString(out));
        assertEquals(audited, dev.audit().list(AuditFilter.ALL).size(), "not audited");

        prod.packageTransfer().importArchive(PROD, export("2.0.0", Optional.empty()), Progress.NONE);
        Path inventory = tmp.resolve("prod" + PackageTransferService.INVENTORY_EXTENSION);
        prod.packageTransfer().inventory(PROD, DEV, inventory);
        Path none = tmp.resolve("none" + PackageTransferService.EXTENSION);
        r = assertThrows(Refusal.class, () -> dev.packageTransfer().export(DEV, "Web", "2.0.0", PROD, Optional.of(inventory), none, Progress.NONE));
        assertEquals("'Prod Space' holds every package of release 2.0.0 of 'Web' already; nothing was written.", r.getMessage());
        assertFalse(Files.exists(none));
    }

    /**
     * Review 19, M3, L6 (R6), L11: Prod loses one package's file and has another damaged: its inventory no longer lists the lost
     * one, and importing the archive again (named through a link) restores both files. A package that cannot be placed leaves
     * nothing, not even a folder.
     */
    @Test
    void aLostOrDamagedFileIsNotHeldAndTheArchiveRestoresIt() throws IOException {
        Path archive = export("2.0.0", Optional.empty());
        Path blocker = prodFolder().resolve(sha(lib).substring(0, 2));
        Files.createDirectories(prodFolder());
        Files.writeString(blocker, "x"); // the second package's folder is a file: it cannot be placed
        List<Object> before = prodState();
        Refusal r = assertThrows(Refusal.class, () -> prod.packageTransfer().importArchive(PROD, archive, Progress.NONE));
        assertTrue(r.getMessage().startsWith("A package could not be placed in the store folder "), r.getMessage());
        assertEquals(before, prodState(), "the first package placed is removed, and the folder made for it");
        Files.delete(blocker);

        prod.packageTransfer().importArchive(PROD, archive, Progress.NONE);
        Path app = prodFolder().resolve(sha(app10).substring(0, 2)).resolve(sha(app10));
        Path l = prodFolder().resolve(sha(lib).substring(0, 2)).resolve(sha(lib));
        Files.delete(app);
        byte[] damaged = Files.readAllBytes(l);
        damaged[5] ^= 1;
        Files.write(l, damaged);
        Path inventory = tmp.resolve("prod" + PackageTransferService.INVENTORY_EXTENSION);
        PackageTransferService.Result listed = prod.packageTransfer().inventory(PROD, DEV, inventory);
        assertEquals(List.of("Acme.Lib 2.0\t" + sha(lib) + "\t20000"), listed.lines(), "the lost file is not listed (the damaged one is its size)");

        Path link = Files.createSymbolicLink(tmp.resolve("link" + PackageTransferService.EXTENSION), archive);
        PackageTransferService.Result again = prod.packageTransfer().importArchive(PROD, link, Progress.NONE);
        assertEquals("Imported 2 packages of release 2.0.0 of '" + REMOTE_WEB + "' into the store of 'Prod Space'; 0 rows recorded.", again.sentence());
        assertArrayEquals(Files.readAllBytes(app10), Files.readAllBytes(app));
        assertArrayEquals(Files.readAllBytes(lib), Files.readAllBytes(l));
        assertTrue(prod.packages().verify(PROD, REMOTE_WEB, "2.0.0").stream().allMatch(c -> c.status() == PackageService.Status.PRESENT));
    }

    /**
     * The console's path (the Releases screen's Packages…): the view model exports for the release's target and imports there
     * through the task runner's progress; a Cancel asked for before the first piece leaves Prod's store as it was.
     */
    @Test
    void theConsolesPackagesActionExportsAndImportsAndACancelChangesNothing() throws IOException {
        odcm.app.ui.task.TaskRunner runner = new odcm.app.ui.task.SameThreadTaskRunner();
        odcm.app.ui.release.PackagesViewModel out = new odcm.app.ui.release.PackagesViewModel(dev.packageTransfer(), runner, DEV, "Web", "2.0.0",
                List.of(PROD));
        assertEquals(PROD, out.forSpaceProperty().get(), "the only target is chosen");
        assertEquals("Web-2.0.0-for-Prod-Space.odcmpackages", out.suggestedFileName());
        out.fileProperty().set(tmp.resolve(out.suggestedFileName()));
        out.export();
        assertEquals("", out.state().error());
        assertEquals(2, out.resultProperty().get().lines().size());

        odcm.app.ui.task.TaskRunner cancelled = new odcm.app.ui.task.TaskRunner() {
            @Override
            public <T> void run(String what, java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                                java.util.function.Consumer<String> onFailure) {
                runner.run(what, work, onSuccess, onFailure);
            }

            @Override
            public odcm.app.ui.task.TaskProgress progress() {
                odcm.app.ui.task.TaskProgress p = runner.progress();
                p.cancel(); // Cancel pressed as the work starts
                return p;
            }

            @Override
            public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
                return runner.busyProperty();
            }

            @Override
            public javafx.beans.property.ReadOnlyStringProperty activityProperty() {
                return runner.activityProperty();
            }
        };
        List<Object> before = prodState();
        odcm.app.ui.release.PackagesViewModel stopped = new odcm.app.ui.release.PackagesViewModel(prod.packageTransfer(), cancelled, PROD, null, null,
                List.of());
        stopped.importFile(out.fileProperty().get());
        assertEquals("Cancelled; nothing was changed.", stopped.state().error());
        assertEquals(before, prodState());

        odcm.app.ui.release.PackagesViewModel in = new odcm.app.ui.release.PackagesViewModel(prod.packageTransfer(), runner, PROD, null, null, List.of());
        in.importFile(out.fileProperty().get());
        assertEquals("", in.state().error());
        assertTrue(in.resultProperty().get().sentence().startsWith("Imported 2 packages of release 2.0.0"), in.resultProperty().get().sentence());
    }
}
