package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.release.Release;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The releases screen's model and the Create release dialog's, on a real store with the demo organisation. */
class ReleaseViewModelsTest {
    static final String HASH = "ab".repeat(32);
    @TempDir
    Path tmp;
    AppContext ctx;
    CurrentSpace space = new CurrentSpace();
    ReleasesViewModel vm;

    @BeforeEach
    void open() {
        ctx = AppContext.open(TestStores.demo(tmp, "store"));
        vm = new ReleasesViewModel(ctx.projects(), ctx.releases(), ctx.bundles(), ctx.deployments(), ctx.approvals(), ctx.acceptances(), new SameThreadTaskRunner(), space);
        space.choose(Demo.DEVTEST);
        vm.projectProperty().set("Web Shop");
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private CreateReleaseViewModel startCreate() {
        AtomicReference<CreateReleaseViewModel> m = new AtomicReference<>();
        vm.startCreate(m::set);
        assertNotNull(m.get(), vm.message().text());
        return m.get();
    }

    @Test
    void suggestsTheNextPatchVersion() {
        assertEquals("1.0.0", CreateReleaseViewModel.nextVersion(null));
        assertEquals("2.0.1", CreateReleaseViewModel.nextVersion("2.0.0"));
        assertEquals("1.4.10", CreateReleaseViewModel.nextVersion("1.4.9-rc.1"));
        assertEquals("2024.6", CreateReleaseViewModel.nextVersion("2024.5"));
        assertEquals("", CreateReleaseViewModel.nextVersion("beta"));
    }

    @Test
    void listsTheReleasesOfTheChosenProjectNewestFirstWithSearch() {
        assertEquals(4, vm.projectNames().size());
        assertEquals(List.of("2.0.0", "1.1.0", "1.0.0"), vm.all().stream().map(Release::version).toList());
        assertEquals("2.0.0", vm.selectedProperty().get().version(), "the newest is selected");
        vm.filterProperty().set("migrations");
        assertEquals(List.of("1.1.0"), vm.shown().stream().map(Release::version).toList());
        space.choose(Demo.QA);
        assertEquals(List.of(Demo.DEVTEST + ": Reports"), vm.projectNames());
        assertTrue(vm.all().isEmpty());
    }

    @Test
    void createIsBlockedUntilEveryPackageHasAVersionAndAValidHash() {
        CreateReleaseViewModel m = startCreate();
        assertEquals("2.0.1", m.versionProperty().get());
        assertEquals("Default", m.channelProperty().get());
        assertEquals(List.of("Default", "Hotfix"), m.channels());
        assertEquals(List.of("Acme.Web.Migrations", "Acme.Web"), m.packages().stream().map(PackageRow::packageId).toList());
        assertEquals("Give the version of package Acme.Web.Migrations.", m.problemProperty().get());

        PackageRow migrations = m.packages().get(0);
        PackageRow web = m.packages().get(1);
        migrations.versionProperty().set("2.0.1");
        migrations.sha256Property().set("abc");
        assertEquals("The SHA-256 of package Acme.Web.Migrations must be 64 hexadecimal digits (0-9, a-f); it has 3 characters.",
                m.problemProperty().get());
        migrations.sha256Property().set("zz".repeat(32));
        assertTrue(m.problemProperty().get().endsWith("some of them not hexadecimal."), m.problemProperty().get());
        migrations.sha256Property().set(HASH);
        assertEquals("Give the version of package Acme.Web.", m.problemProperty().get());
        web.versionProperty().set("2.0.1");
        web.sha256Property().set(HASH.toUpperCase());
        assertEquals("", m.problemProperty().get());
        m.versionProperty().set("2.0.1 beta");
        assertTrue(m.problemProperty().get().startsWith("A release version uses letters"), m.problemProperty().get());
        m.versionProperty().set("");
        assertEquals("A release needs a version, such as 1.0.0.", m.problemProperty().get());
        int before = ctx.releases().list(Demo.DEVTEST, "Web Shop").size();
        m.create(r -> { });
        assertEquals(before, ctx.releases().list(Demo.DEVTEST, "Web Shop").size(), "nothing is created while the dialog has a problem");
    }

    @Test
    void aVersionAlreadyUsedIsRefusedByTheServiceAndShownInTheDialog() {
        CreateReleaseViewModel m = startCreate();
        fill(m);
        m.versionProperty().set("2.0.0");
        AtomicReference<Release> created = new AtomicReference<>();
        m.create(created::set);
        assertEquals("Project 'Web Shop' already has release 2.0.0; a version is used once.", m.state().error());
        assertEquals(null, created.get());
        assertEquals(3, ctx.releases().list(Demo.DEVTEST, "Web Shop").size());

        m.versionProperty().set("2.0.1");
        m.channelProperty().set("Hotfix");
        m.notesProperty().set("Hotfix for the basket.");
        m.create(created::set);
        assertEquals("", m.state().error());
        vm.created(created.get());
        assertEquals("2.0.1", vm.selectedProperty().get().version(), "the new release is selected");
        Release r = ctx.releases().find(Demo.DEVTEST, "Web Shop", "2.0.1");
        assertEquals("Hotfix", r.channel());
        assertEquals(List.of("Acme.Web.Migrations", "Acme.Web"), r.snapshot().packages().stream().map(p -> p.packageId()).toList());
        assertEquals(HASH, r.snapshot().packages().get(1).sha256(), "stored in lower case");
        assertTrue(vm.message().text().startsWith("Created release 2.0.1 of 'Web Shop'"), vm.message().text());
    }

    private static void fill(CreateReleaseViewModel m) {
        for (PackageRow p : m.packages()) {
            p.versionProperty().set("2.0.1");
            p.sha256Property().set(HASH.toUpperCase());
        }
    }
}
