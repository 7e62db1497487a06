package odcm.app.ui.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New space, rename and the spaces list, on a real store, without an FX toolkit. */
class SpaceViewModelsTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();

    @BeforeEach
    void open() {
        ctx = TestStores.open(tmp, "a");
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void newSpaceIsInvalidUntilItHasAGoodNameAndSaysWhyOnlyAfterTyping() {
        NewSpaceViewModel vm = new NewSpaceViewModel(ctx.spaces(), runner);
        assertFalse(vm.validProperty().get(), "an empty name cannot be created");
        assertEquals("", vm.problemProperty().get(), "a fresh dialog does not scold");
        assertEquals(KeyAlgorithm.EC_P256, vm.algorithmProperty().get());

        vm.nameProperty().set("Prod: Space");
        assertFalse(vm.validProperty().get());
        assertTrue(vm.problemProperty().get().contains("cannot contain ':'"), vm.problemProperty().get());

        vm.nameProperty().set("   ");
        assertEquals("A space needs a name.", vm.problemProperty().get());

        vm.nameProperty().set("Prod Space");
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void aTakenNameIsRefusedInlineAndNothingIsCreated() {
        AtomicReference<Space> created = new AtomicReference<>();
        NewSpaceViewModel first = new NewSpaceViewModel(ctx.spaces(), runner);
        first.nameProperty().set("Prod Space");
        first.submit(created::set);
        assertEquals("Prod Space", created.get().name());

        AtomicReference<Space> second = new AtomicReference<>();
        NewSpaceViewModel again = new NewSpaceViewModel(ctx.spaces(), runner);
        again.nameProperty().set("prod space");
        again.submit(second::set);
        assertNull(second.get(), "the dialog stays open: nothing was created");
        assertTrue(again.form().error().contains("already taken"), again.form().error());
        assertEquals(1, ctx.spaces().locals().size());

        again.nameProperty().set("Prod Space 2");
        assertEquals("", again.form().error(), "editing the name clears the refusal about the old one");
    }

    @Test
    void renameNeedsANewNameAndTheListFollowsIt() {
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        ctx.spaces().create("DevTest Space", "tests", KeyAlgorithm.EC_P256);
        list.refresh("DevTest Space");
        assertEquals("DevTest Space", list.selectedProperty().get().name());

        RenameSpaceViewModel rename = list.rename(list.selectedProperty().get());
        assertFalse(rename.validProperty().get(), "the current name is not a new name");
        rename.newNameProperty().set("Dev Space");
        assertTrue(rename.validProperty().get());
        AtomicReference<Space> renamed = new AtomicReference<>();
        rename.submit(renamed::set);
        list.refresh(renamed.get().name());
        assertEquals("Dev Space", list.selectedProperty().get().name());

        list.filterProperty().set("nothing like it");
        assertEquals(0, list.shown().size());
        list.filterProperty().set("dev");
        assertEquals(1, list.shown().size());
    }

    @Test
    void theFirstSpaceIsSelectedAndTheSelectionIsKeptByNameAcrossRefreshes() {
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        list.refresh();
        assertNull(list.selectedProperty().get(), "nothing to select in an empty store");
        ctx.spaces().create("Alpha Space", "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("Beta Space", "", KeyAlgorithm.EC_P256);
        list.refresh();
        assertEquals(list.all().get(0), list.selectedProperty().get(), "the detail is not left empty");

        Space beta = list.all().stream().filter(s -> s.name().equals("Beta Space")).findFirst().orElseThrow();
        list.selectedProperty().set(beta);
        ctx.spaces().describe("Beta Space", "changed elsewhere");
        list.refresh();
        assertEquals("Beta Space", list.selectedProperty().get().name(), "kept by name");
        assertEquals("changed elsewhere", list.selectedProperty().get().description(), "as the store holds it now");
    }

    @Test
    void editDescriptionSavesOnlyAChangedAllowedDescriptionAndIsAudited() {
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        ctx.spaces().create("Prod Space", "Production", KeyAlgorithm.EC_P256);
        list.refresh();
        DescribeSpaceViewModel vm = list.describe(list.selectedProperty().get());
        assertEquals("Production", vm.descriptionProperty().get(), "starts from the current description");
        assertFalse(vm.validProperty().get(), "nothing changed yet");
        vm.descriptionProperty().set("Production ");
        assertFalse(vm.validProperty().get(), "surrounding blanks are not a change");

        vm.descriptionProperty().set("x".repeat(Space.MAX_DESCRIPTION + 1));
        assertFalse(vm.validProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("A description can be at most"), vm.problemProperty().get());

        vm.descriptionProperty().set("Production, network B");
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.problemProperty().get());
        AtomicReference<Space> described = new AtomicReference<>();
        vm.submit(described::set);
        assertEquals("Production, network B", described.get().description());
        list.changed("Changed the description of " + described.get().describe() + ".", described.get());
        assertEquals("Production, network B", list.selectedProperty().get().description());
        assertEquals("Changed the description of local space 'Prod Space'.", list.message().text());
        assertTrue(ctx.audit().list(new odcm.model.audit.AuditFilter("", null, null)).stream()
                .anyMatch(e -> e.action().equals("space.describe") && e.detail().contains("Production, network B")));

        vm.descriptionProperty().set("");
        assertTrue(vm.validProperty().get(), "a description may be removed");
    }

    @Test
    void savesTheCertificateAsPemOrDerByTheFileName() throws Exception {
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        ctx.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
        list.refresh("Prod Space");
        assertEquals("Prod-Space.pem", SpacesViewModel.certificateFileName(list.selectedProperty().get()));

        Path pem = tmp.resolve("prod.pem");
        Path der = tmp.resolve("prod.der");
        list.saveCertificate(pem);
        list.saveCertificate(der);
        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(0x30, Files.readAllBytes(der)[0], "DER starts with a SEQUENCE");
        assertFalse(list.message().isError(), list.message().text());
        assertTrue(list.message().text().startsWith("Saved the certificate of local space 'Prod Space' as DER"), list.message().text());
        assertEquals(java.util.List.of("DER to prod.der", "PEM to prod.pem"), ctx.audit().list(odcm.model.audit.AuditFilter.ALL).stream()
                .filter(e -> e.action().equals("space.certificate-export")).map(e -> e.detail().replaceAll(";.*", "")).toList(),
                "each export audited, naming the file, newest first");
    }

    @Test
    void aFolderChosenAsTheCertificateFileIsRefusedInOneSentence() {
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        ctx.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
        list.refresh("Prod Space");
        Path folder = tmp.resolve("a");
        String stderr = TestStores.stderrOf(() -> list.saveCertificate(folder));
        assertTrue(list.message().isError());
        assertEquals(folder.toAbsolutePath() + " is a folder; give a file name to write to.", list.message().text());
        assertEquals("", stderr, "no stack trace");
        list.saveCertificate(tmp.resolve("gone").resolve("prod.pem"));
        assertEquals("The folder " + tmp.resolve("gone").toAbsolutePath() + " does not exist.", list.message().text());
        assertTrue(ctx.audit().list(odcm.model.audit.AuditFilter.ALL).stream().noneMatch(e -> e.action().equals("space.certificate-export")),
                "nothing written, nothing audited");
    }

    @Test
    void aRenameProblemIsAnErrorOnlyWhenTheNameIsBad() {
        Space prod = ctx.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
        RenameSpaceViewModel vm = new RenameSpaceViewModel(ctx.spaces(), runner, prod);
        assertFalse(vm.problemProperty().get().isEmpty(), "the unchanged name is a hint");
        assertFalse(vm.problemIsErrorProperty().get());
        vm.newNameProperty().set("Prod: EU");
        assertTrue(vm.problemProperty().get().contains("cannot contain ':'"), vm.problemProperty().get());
        assertTrue(vm.problemIsErrorProperty().get());
        vm.newNameProperty().set("Prod EU");
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void anExpiredCertificateOfALocalSpaceIsMarked() {
        ctx.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
        ctx.close();
        ctx = TestStores.openAhead(tmp, "a", java.time.Duration.ofDays(11 * 366));
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        list.refresh();
        Space prod = list.selectedProperty().get();
        assertEquals("Expired " + odcm.app.ui.common.Formats.date(prod.certificate().notAfter()), list.validityProblem(prod));
    }

    @Test
    void aDeleteRefusedByATrustShowsTheSentence() {
        ctx.spaces().create("A", "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("B", "", KeyAlgorithm.EC_P256);
        ctx.trusts().add("A", "B", odcm.model.trust.TrustKind.RELEASE_BUNDLES);
        SpacesViewModel list = new SpacesViewModel(ctx.spaces(), ctx.keys(), runner);
        list.refresh("B");
        AtomicReference<String> refusal = new AtomicReference<>();
        runner.run("delete", () -> {
            list.delete(list.selectedProperty().get());
            return null;
        }, r -> { }, refusal::set);
        assertTrue(refusal.get().startsWith("Cannot delete local space 'B' while the trust"), refusal.get());
    }
}
