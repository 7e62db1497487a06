package odcm.app.cli;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditVerification;
import odcm.model.project.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a separate JVM running {@code odcm bundle import} at named points of the import (the test-only hook
 * {@code odcm.test.pauseAt}), then opens the store: it opens, its audit log verifies, and the import is either all
 * there (project, release, values, accepted bundle, audit entry) or not there at all; a new import then succeeds.
 */
class ImportKillTest {
    @TempDir
    static Path shared;
    static PausedChild.ImportFiles files;

    @TempDir
    Path tmp;

    @BeforeAll
    static void networks() throws IOException {
        files = PausedChild.ImportFiles.in(shared);
    }

    @ParameterizedTest
    @ValueSource(strings = {"project", "release", "accepted", "audit", "committed"})
    void killedAtAnyPointLeavesTheImportWholeOrAbsent(String point) throws Exception {
        Path dir = PausedChild.copy(files.pristine(), tmp.resolve("network-b"));
        PausedChild.killAt(point, dir, List.of("bundle", "import", files.bundle().toString(), "--space", PROD, "--values",
                files.values().toString()));

        try (AppContext ctx = AppContext.open(TestBundles.location(dir))) {
            AuditVerification audit = ctx.audit().verify();
            assertTrue(audit.isIntact(), audit.sentence());
            boolean imported = !point.equals("committed") ? false : true;
            List<String> projects = ctx.projects().list(PROD).stream().map(Project::name).toList();
            int accepted = ctx.store().read(tx -> tx.bundles().acceptedBundleIds(ctx.spaces().find(PROD).id())).size();
            boolean auditEntry = ctx.audit().list(odcm.model.audit.AuditFilter.ALL).get(0).action().equals("release.import");
            if (imported) {
                assertEquals(List.of(REMOTE_WEB), projects);
                assertEquals(1, ctx.releases().list(PROD, REMOTE_WEB).size());
                assertEquals(1, accepted);
                assertTrue(auditEntry);
                assertTrue(ctx.projects().find(PROD, REMOTE_WEB).variables().stream().anyMatch(v -> v.value().equals("pw-1")), "values there");
            } else {
                assertEquals(List.of(), projects, "no project");
                assertEquals(0, accepted, "no accepted bundle");
                assertTrue(!auditEntry, "no audit entry");
                assertTrue(ctx.imports().importBundle(PROD, Files.readAllBytes(files.bundle()), null, TestBundles.values()).imported(),
                        "the same bundle imports afterwards");
                assertEquals(1, ctx.releases().list(PROD, REMOTE_WEB).size());
            }
        }
    }
}
