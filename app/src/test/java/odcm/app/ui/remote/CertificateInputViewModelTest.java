package odcm.app.ui.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.space.Space;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Add remote space: preview first, fingerprint compared live, a mismatch saves nothing. */
class CertificateInputViewModelTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();

    @BeforeEach
    void open() {
        ctx = TestStores.open(tmp, "b");
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void saveStaysDisabledUntilACertificatePreviewedAndANameIsGiven() {
        CertificateInputViewModel vm = new CertificateInputViewModel(ctx.remotes(), runner, null);
        assertFalse(vm.canSaveProperty().get());
        vm.pastedTextProperty().set("not a certificate at all");
        assertNull(vm.previewProperty().get());
        assertFalse(vm.previewErrorProperty().get().isEmpty(), "the refusal's sentence is shown");
        assertFalse(vm.canSaveProperty().get());

        vm.pastedTextProperty().set(new String(TestStores.foreignCertificatePem("DevTest Space"), StandardCharsets.UTF_8));
        assertNotNull(vm.previewProperty().get());
        assertEquals("", vm.previewErrorProperty().get());
        assertFalse(vm.canSaveProperty().get(), "still no name");
        vm.nameProperty().set("DevTest Space");
        assertTrue(vm.canSaveProperty().get());
    }

    @Test
    void anInvalidNameIsExplainedOnceTyped() {
        CertificateInputViewModel vm = new CertificateInputViewModel(ctx.remotes(), runner, null);
        assertEquals("", vm.shownNameProblemProperty().get(), "a fresh dialog does not scold");
        vm.nameProperty().set("Prod: EU");
        assertTrue(vm.shownNameProblemProperty().get().contains("cannot contain ':'"), vm.shownNameProblemProperty().get());
        vm.pastedTextProperty().set(new String(TestStores.foreignCertificatePem("Prod EU"), StandardCharsets.UTF_8));
        assertFalse(vm.canSaveProperty().get());
        vm.nameProperty().set("Prod EU");
        assertEquals("", vm.shownNameProblemProperty().get());
        assertTrue(vm.canSaveProperty().get());
        vm.nameProperty().set("");
        assertEquals("A space needs a name.", vm.shownNameProblemProperty().get(), "erasing the name says it is needed");
    }

    @Test
    void aFileThatCannotBeReadIsOneSentenceWithoutAStackTrace() throws Exception {
        CertificateInputViewModel vm = new CertificateInputViewModel(ctx.remotes(), runner, null);
        String stderr = TestStores.stderrOf(() -> vm.loadFile(tmp));
        assertEquals(tmp.toAbsolutePath() + " is a folder; choose a file.", vm.previewErrorProperty().get());
        assertNull(vm.previewProperty().get());

        Path unreadable = TestStores.unreadableFile(tmp);
        stderr += TestStores.stderrOf(() -> vm.loadFile(unreadable));
        String sentence = vm.previewErrorProperty().get();
        assertTrue(sentence.startsWith("Cannot read " + unreadable.toAbsolutePath() + ": ") && sentence.endsWith("."), sentence);
        assertFalse(sentence.contains("Exception"), sentence);

        Path huge = tmp.resolve("huge.pem");
        try (var out = Files.newOutputStream(huge)) {
            out.write(new byte[(1 << 20) + 1]);
        }
        stderr += TestStores.stderrOf(() -> vm.loadFile(huge));
        assertEquals("The file " + huge.toAbsolutePath() + " is larger than 1 MiB; it is not a certificate.", vm.previewErrorProperty().get());
        assertEquals("", stderr, "no stack trace for a file a user chose");
    }

    @Test
    void anExpiredRemoteCertificateIsMarked() {
        java.time.Instant until = java.time.Instant.now().plus(java.time.Duration.ofDays(30));
        ctx.remotes().add("DevTest Space", "", TestStores.foreignCertificatePemUntil("DevTest Space", until), null);
        RemoteSpacesViewModel today = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        today.refresh();
        assertEquals("", today.validityProblem(today.selectedProperty().get()));
        ctx.close();
        ctx = TestStores.openAhead(tmp, "b", java.time.Duration.ofDays(730));
        RemoteSpacesViewModel later = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        later.refresh();
        Space s = later.selectedProperty().get();
        assertEquals("Expired " + odcm.app.ui.common.Formats.date(s.certificate().notAfter()), later.validityProblem(s));
    }

    @Test
    void theTypedFingerprintIsComparedLive() {
        CertificateInputViewModel vm = new CertificateInputViewModel(ctx.remotes(), runner, null);
        vm.pastedTextProperty().set(new String(TestStores.foreignCertificatePem("DevTest Space"), StandardCharsets.UTF_8));
        String right = vm.previewProperty().get().info().fingerprint().grouped();
        assertEquals(FingerprintMatch.NONE, vm.matchProperty().get());
        vm.expectedFingerprintProperty().set(right.substring(0, 20));
        assertEquals(FingerprintMatch.INCOMPLETE, vm.matchProperty().get());
        vm.expectedFingerprintProperty().set(right.toLowerCase());
        assertEquals(FingerprintMatch.MATCHES, vm.matchProperty().get());
        vm.expectedFingerprintProperty().set("0000" + right.substring(4));
        assertEquals(FingerprintMatch.DIFFERS, vm.matchProperty().get());
        assertTrue(vm.matchSentenceProperty().get().startsWith("Does not match"));
    }

    @Test
    void aMismatchIsRefusedAndNothingIsSavedThenTheRightOneSaves() throws Exception {
        Path file = tmp.resolve("devtest.pem");
        Files.write(file, TestStores.foreignCertificatePem("DevTest Space"));
        CertificateInputViewModel vm = new CertificateInputViewModel(ctx.remotes(), runner, null);
        vm.nameProperty().set("DevTest Space");
        vm.loadFile(file);
        assertEquals("File " + file, vm.sourceProperty().get());
        String right = vm.previewProperty().get().info().fingerprint().grouped();

        AtomicReference<Space> saved = new AtomicReference<>();
        vm.expectedFingerprintProperty().set("FFFF" + right.substring(4));
        assertFalse(vm.canSaveProperty().get(), "Save stays disabled on a mismatch");
        vm.submit(saved::set);
        assertNull(saved.get());
        assertTrue(ctx.spaces().remotes().isEmpty(), "nothing was saved");
        vm.expectedFingerprintProperty().set(right.substring(0, 30));
        assertFalse(vm.canSaveProperty().get(), "nor while the fingerprint is incomplete");
        assertThrows(odcm.model.Refusal.class, () -> ctx.remotes().add("DevTest Space", "", TestStores.foreignCertificatePem("DevTest Space"),
                "FFFF" + right.substring(4)), "the service refuses a mismatch on its own too");

        vm.expectedFingerprintProperty().set(right);
        vm.submit(saved::set);
        assertEquals("DevTest Space", saved.get().name());
        assertEquals(1, ctx.spaces().remotes().size());

        RemoteSpacesViewModel list = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        list.refresh("DevTest Space");
        assertEquals("DevTest Space", list.selectedProperty().get().name());
        assertTrue(list.history().isEmpty(), "a first certificate has no history");
    }

    @Test
    void aCertificateKnownHereIsNamedAndCannotBeSaved() {
        ctx.spaces().create("Prod Space", "", odcm.packaging.cert.KeyAlgorithm.EC_P256);
        byte[] devTest = TestStores.foreignCertificatePem("DevTest Space");
        Space added = ctx.remotes().add("DevTest Space", "", devTest, null);
        ctx.remotes().replaceCertificate("DevTest Space", TestStores.foreignCertificatePem("DevTest Space"), null);

        CertificateInputViewModel vm = new CertificateInputViewModel(ctx.remotes(), runner, null);
        vm.nameProperty().set("Another Space");
        vm.pastedTextProperty().set(new String(ctx.spaces().certificate("Prod Space", odcm.model.cert.CertificateFormat.PEM),
                StandardCharsets.UTF_8));
        assertNotNull(vm.previewProperty().get(), "the certificate still previews, so it can be compared");
        assertEquals("This certificate is already known as local space 'Prod Space'; it cannot be added again.", vm.knownAsProperty().get());
        assertFalse(vm.canSaveProperty().get());

        vm.pastedTextProperty().set(new String(devTest, StandardCharsets.UTF_8));
        assertEquals(added.certificate().fingerprint(), vm.previewProperty().get().info().fingerprint());
        assertEquals("This certificate is already known as remote space 'DevTest Space'; it cannot be added again.",
                vm.knownAsProperty().get(), "an earlier certificate counts too");
        assertFalse(vm.canSaveProperty().get());

        vm.pastedTextProperty().set(new String(TestStores.foreignCertificatePem("QA Space"), StandardCharsets.UTF_8));
        assertEquals("", vm.knownAsProperty().get(), "a new certificate clears the warning");
        assertTrue(vm.canSaveProperty().get());
    }

    @Test
    void theRemoteListSelectsItsFirstSpaceAndKeepsTheSelectionByName() {
        ctx.remotes().add("QA Space", "", TestStores.foreignCertificatePem("QA Space"), null);
        ctx.remotes().add("DevTest Space", "", TestStores.foreignCertificatePem("DevTest Space"), null);
        RemoteSpacesViewModel list = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        list.refresh();
        assertEquals(list.all().get(0), list.selectedProperty().get());
        Space qa = list.all().stream().filter(s -> s.name().equals("QA Space")).findFirst().orElseThrow();
        list.selectedProperty().set(qa);
        ctx.remotes().replaceCertificate("QA Space", TestStores.foreignCertificatePem("QA Space"), null);
        list.refresh();
        assertEquals("QA Space", list.selectedProperty().get().name());
        assertEquals(1, list.history().size(), "the history is reloaded for the same space");
    }

    @Test
    void replacingKeepsTheEarlierCertificateInTheHistory() {
        Space added = ctx.remotes().add("DevTest Space", "", TestStores.foreignCertificatePem("DevTest Space"), null);
        RemoteSpacesViewModel list = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        CertificateInputViewModel vm = list.replace(added);
        assertTrue(vm.isReplacing());
        vm.pastedTextProperty().set(new String(TestStores.foreignCertificatePem("DevTest Space"), StandardCharsets.UTF_8));
        assertTrue(vm.canSaveProperty().get(), "replacing needs no name");
        AtomicReference<Space> replaced = new AtomicReference<>();
        vm.submit(replaced::set);
        assertNotNull(replaced.get(), vm.form().error());
        list.refresh("DevTest Space");
        assertEquals(1, list.history().size());
        assertEquals(added.certificate().fingerprint(), list.history().get(0).info().fingerprint());
    }
}
