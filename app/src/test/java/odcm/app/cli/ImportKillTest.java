package odcm.app.cli;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    static Path pristine;
    static Path bundle;
    static Path values;

    @TempDir
    Path tmp;

    @BeforeAll
    static void networks() throws IOException {
        AppContext[] both = TestBundles.twoNetworks(shared);
        bundle = Files.write(shared.resolve("web.odcmbundle"), TestBundles.bundle(both[0], "1.0.0", 1));
        values = Files.writeString(shared.resolve("values.json"), "{\"Staging\": {\"AdminEmail\": \"a@example.org\", \"DbPassword\": \"pw-1\"},"
                + " \"Production\": {\"AdminEmail\": \"b@example.org\"}}");
        both[0].close();
        both[1].close();
        pristine = shared.resolve("network-b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"project", "release", "accepted", "audit", "committed"})
    void killedAtAnyPointLeavesTheImportWholeOrAbsent(String point) throws Exception {
        Path dir = copy(pristine, tmp.resolve("network-b"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dodcm.test.pauseAt=" + point, "-cp", System.getProperty("java.class.path"), "odcm.app.Main",
                "bundle", "import", bundle.toString(), "--space", PROD, "--values", values.toString(), "--store", dir.resolve("store").toString())
                .redirectErrorStream(true);
        pb.environment().put("ODCM_KEY_DIR", dir.resolve("keys").toString());
        Process p = pb.start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); ; line = out.readLine()) {
                if (line == null) {
                    fail("the importer ended before pausing at '" + point + "': " + seen);
                }
                seen.add(line);
                if (line.equals("ODCM-PAUSED " + point)) {
                    break;
                }
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed");
        } finally {
            p.destroyForcibly();
        }

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
                assertTrue(ctx.imports().importBundle(PROD, Files.readAllBytes(bundle), null, TestBundles.values()).imported(),
                        "the same bundle imports afterwards");
                assertEquals(1, ctx.releases().list(PROD, REMOTE_WEB).size());
            }
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().endsWith(".lock")) {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
