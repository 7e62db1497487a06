package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import odcm.app.TestBundles;
import odcm.app.apply.ApplyService;
import odcm.model.Refusal;
import odcm.model.audit.AuditFilter;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 point 10: a release of a remote project comes only from its source space, through an imported bundle —
 * refused by the service, by apply (all or nothing) and by the store through the repository; the imported release
 * keeps the time the source created it, in the preview and after the import.
 */
class RemoteProjectBuildsNothingTest {
    @TempDir
    Path tmp;

    @Test
    void releaseCreateIsRefusedForARemoteProjectEverywhereAndChangesNothing() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
            List<Release> before = prod.releases().list(PROD, REMOTE_WEB);
            int audit = prod.audit().list(AuditFilter.ALL).size();
            List<PackageVersion> invented = List.of(new PackageVersion("Acme.Web", "2.0.1", "cd".repeat(32)));

            Refusal service = assertThrows(Refusal.class, () -> prod.releases().create(PROD, REMOTE_WEB, "2.0.1", "", null, invented));
            assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so its releases come only from there, through an"
                    + " imported bundle; a release cannot be created for it here.", service.getMessage());
            assertEquals(ReleaseService.builtElsewhere(REMOTE_WEB, DEV), service.getMessage());

            Refusal apply = assertThrows(Refusal.class, () -> new ApplyService(prod).apply(ApplyService.parse(("{\"space\": \"Prod Space\","
                    + " \"environments\": [{\"name\": \"QA\"}], \"releases\": [{\"project\": \"DevTest Space: Web\", \"version\": \"2.0.1\","
                    + " \"packages\": [{\"id\": \"Acme.Web\", \"version\": \"2.0.1\", \"sha256\": \"" + "cd".repeat(32) + "\"}]}]}")
                    .getBytes(StandardCharsets.UTF_8))));
            assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so an apply document cannot create or change it: its"
                    + " releases come only from there, through an imported bundle. Nothing was applied.", apply.getMessage());
            Refusal applyProject = assertThrows(Refusal.class, () -> new ApplyService(prod).apply(ApplyService.parse(("{\"space\": \"Prod Space\","
                    + " \"environments\": [{\"name\": \"QA\"}], \"projects\": [{\"name\": \"DevTest Space: Web\", \"lifecycle\": \"Prod\","
                    + " \"process\": [{\"name\": \"Build\", \"actionType\": \"Run a script\"}]}]}").getBytes(StandardCharsets.UTF_8))));
            // Only its values for environments here may change (issue 15 point 6, decision 0049); its process may not.
            assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so an apply document can change only its values for"
                    + " environments of 'Prod Space', not its deployment process. Nothing was applied.", applyProject.getMessage());
            assertEquals(List.of("Staging", "Production"), prod.environments().list(PROD).stream().map(e -> e.name()).toList(),
                    "all or nothing: QA was not created");

            Project remote = prod.projects().find(PROD, REMOTE_WEB);
            Refusal store = assertThrows(Refusal.class, () -> prod.store().write(tx -> tx.releases().insert(remote.id(), "2.0.1", "", "Default",
                    before.get(0).snapshot(), Instant.parse("2026-01-01T00:00:00Z"))));
            assertEquals("A remote project builds nothing: its releases come only from its source space, through an imported bundle,"
                    + " and the space it was imported from never changes.", store.getMessage());

            assertEquals(before, prod.releases().list(PROD, REMOTE_WEB));
            assertEquals(audit, prod.audit().list(AuditFilter.ALL).size());
        }
    }

    @Test
    void theRestOfARemoteProjectsBuildStaysReadOnlyAndItCannotBeDeleted() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
            Project p = prod.projects().find(PROD, REMOTE_WEB);
            List<DeploymentStep> more = new java.util.ArrayList<>(p.process());
            more.add(new DeploymentStep("Extra", "Run a script", java.util.Map.of("Script", "true"), Scope.ALL, List.of()));
            for (ProjectDraft draft : List.of(
                    new ProjectDraft("Renamed", p.description(), "Prod", p.process(), p.variables(), p.templates(), p.channels()),
                    new ProjectDraft(p.name(), p.description(), "Prod", more, p.variables(), p.templates(), p.channels()),
                    new ProjectDraft(p.name(), p.description(), "Prod", p.process(), p.variables(), List.of(), p.channels()))) {
                Refusal r = assertThrows(Refusal.class, () -> prod.projects().update(PROD, REMOTE_WEB, draft));
                assertEquals(true, r.getMessage().startsWith("Project 'DevTest Space: Web' was imported from 'DevTest Space', so its "),
                        r.getMessage());
            }
            Refusal delete = assertThrows(Refusal.class, () -> prod.projects().delete(PROD, REMOTE_WEB));
            assertEquals("Cannot delete project 'DevTest Space: Web' of 'Prod Space': it has 1 release, which is frozen.", delete.getMessage());
            assertEquals(p, prod.projects().find(PROD, REMOTE_WEB));
        }
    }

    @Test
    void anImportedReleaseKeepsTheTimeItsSourceCreatedItInPreviewAndInTheStore() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext dev = both[0]; AppContext prod = both[1]) {
            Instant atSource = dev.releases().find(DEV, "Web", "1.0.0").createdAt();
            byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
            assertEquals(atSource, prod.imports().preview(PROD, bundle).content().releaseCreated());
            prod.imports().importBundle(PROD, bundle, null, TestBundles.values());
            assertEquals(atSource, prod.releases().find(PROD, REMOTE_WEB, "1.0.0").createdAt());
            assertEquals(atSource, prod.releases().list(PROD, REMOTE_WEB).get(0).createdAt());
        }
    }
}
