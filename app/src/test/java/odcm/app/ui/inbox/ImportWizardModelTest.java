package odcm.app.ui.inbox;

import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's and the Inbox's view models, on the caller's thread: no FX toolkit needed. */
public class ImportWizardModelTest {
    @TempDir
    Path tmp;

    @Test
    void stepsGateOnTheOutcomeTheLifecycleAndTheMissingValues() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
            // Issue 18: a template in the lifecycle has rows of its own (every instance's values), which may stay blank.
            prod.templates().create(PROD, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", List.of(), List.of(), List.of(),
                    "#{Template.Name}-#{Release.Number}", null, true, 0));
            prod.lifecycles().update(PROD, "Prod", new odcm.model.lifecycle.LifecycleDraft("Prod", "", true, List.of(
                    new odcm.model.lifecycle.LifecycleDraft.PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), odcm.model.lifecycle.ProgressionRule.ALL),
                    new odcm.model.lifecycle.LifecycleDraft.PhaseDraft("Production", List.of("Production"), List.of(), List.of(),
                            odcm.model.lifecycle.ProgressionRule.ALL, List.of("Feature")))));
            ImportWizardModel refused = new ImportWizardModel(prod.imports(), new SameThreadTaskRunner(), PROD, TestBundles.tampered(bundle), "bad");
            refused.load();
            assertFalse(refused.canNext().get(), "a refused bundle stops at step 1");

            ImportWizardModel m = new ImportWizardModel(prod.imports(), new SameThreadTaskRunner(), PROD, bundle, "web.odcmbundle");
            m.load();
            assertEquals("Prod", m.lifecycleProperty().get().name(), "the only lifecycle that fits");
            m.next();
            m.next();
            m.next();
            assertEquals(ImportWizardModel.VALUES, m.stepProperty().get());
            assertEquals(List.of("Staging: Admin e-mail", "Staging: Database password", "Production: Admin e-mail"), m.missing());
            assertEquals(List.of("Staging", "Production", "Feature (template)"), List.copyOf(m.values().keySet()));
            assertFalse(m.canFinish().get());
            m.finish();
            assertTrue(prod.projects().list(PROD).isEmpty(), "Finish does nothing while values are missing");
            TestBundles.values().forEach((env, values) -> values.forEach((name, value) -> m.values().get(env).entrySet().stream()
                    .filter(e -> e.getKey().name().equals(name)).findFirst().orElseThrow().getValue().set(value)));
            assertTrue(m.missing().isEmpty());
            assertTrue(m.canFinish().get());
            m.finish();
            assertEquals(ImportWizardModel.SUMMARY, m.stepProperty().get());
            assertTrue(m.doneProperty().get());
            assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.", m.message().text());
            assertFalse(m.canFinish().get(), "not twice");
        }
    }

    /** Also issue 16 point 5: the watcher is the view model's, runs only while the screen is shown, and a change refreshes the list. */
    @Test
    void theInboxListsTheWatchedFolderAndAddedFilesWithTheirOutcomesAndWatchesOnlyWhileShown() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            Path root = tmp.resolve("inbox");
            CurrentSpace space = new CurrentSpace();
            InboxViewModel vm = new InboxViewModel(prod.imports(), new SameThreadTaskRunner(), space, root, Runnable::run);
            space.choose(PROD);
            assertEquals(root.resolve("Prod Space"), vm.folderProperty().get());
            assertTrue(vm.items().isEmpty());
            Files.write(root.resolve("Prod Space").resolve("a.odcmbundle"), TestBundles.bundle(dev, "1.0.0", 1));
            Path elsewhere = Files.write(tmp.resolve("b.odcmbundle"), new byte[] {1, 2, 3});
            vm.refresh();
            vm.add(List.of(elsewhere));
            assertEquals(List.of("a.odcmbundle", "b.odcmbundle"), vm.items().stream().map(InboxViewModel.Item::name).toList());
            assertEquals(List.of("Genuine", "Refused"), vm.items().stream().map(InboxViewModel.Item::verdict).toList());
            assertEquals("b.odcmbundle", vm.selectedProperty().get().name(), "an added file is selected");
            assertEquals("Prod Space_ x", InboxViewModel.defaultFolder(root, "Prod Space/ x").getFileName().toString());

            java.util.Set<Thread> before = watchers();
            vm.startWatching();
            Thread watcher = watcherSince(before);
            assertTrue(vm.watching() && watcher.isAlive());
            vm.look(); // the first listing: what the screen already shows
            Files.write(root.resolve("Prod Space").resolve("c.odcmbundle"), new byte[] {4, 5, 6});
            assertEquals(2, vm.items().size());
            vm.look();
            assertEquals(List.of("a.odcmbundle", "c.odcmbundle", "b.odcmbundle"), vm.items().stream().map(InboxViewModel.Item::name).toList(),
                    "a new file in the folder is listed");
            vm.stopWatching();
            watcher.join(10_000);
            assertFalse(vm.watching() || watcher.isAlive(), "the watcher thread ended");
            Files.write(root.resolve("Prod Space").resolve("d.odcmbundle"), new byte[] {1});
            vm.look(); // a tick already under way when the screen went: lists, but refreshes nothing
            assertEquals(3, vm.items().size());
        }
    }

    /** The Inbox watcher threads alive now (other tests' screens in this JVM may have left theirs running). */
    public static java.util.Set<Thread> watchers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("inbox-watcher") && t.isAlive())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The one Inbox watcher thread started since {@code before} was taken. */
    public static Thread watcherSince(java.util.Set<Thread> before) {
        java.util.Set<Thread> started = watchers();
        started.removeAll(before);
        assertEquals(1, started.size(), "one watcher started: " + started);
        return started.iterator().next();
    }
}
