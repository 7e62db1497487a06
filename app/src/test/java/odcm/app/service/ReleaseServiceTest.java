package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import odcm.model.Refusal;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;

class ReleaseServiceTest extends ServiceFixture {

    void webReady() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
    }

    @Test
    void aReleaseFreezesTheProjectAsItWasThen() {
        webReady();
        Project before = ctx.projects().find(DEV, "Web");
        Release r = ctx.releases().create(DEV, "web", "1.0.0", "first", null, webPackages("1.0.0"));
        assertEquals("Default", r.channel());
        assertEquals(before.process(), r.snapshot().process());
        assertEquals(before.variables(), r.snapshot().variables());
        assertEquals(before.templates(), r.snapshot().templates());
        assertEquals(webPackages("1.0.0"), r.snapshot().packages());
        assertEquals("release.create", lastAudit().action());
        assertEquals("release 1.0.0 of project 'Web' of local space 'DevTest Space'", lastAudit().subject());
        assertFalse(lastAudit().detail().contains(SECRET));

        ctx.projects().update(DEV, "Web", new ProjectDraft("Web", "", "Main", List.of(new DeploymentStep("Deploy web", "Deploy a package",
                Map.of(), Scope.ALL, List.of(new PackageReference("Acme.Web"), new PackageReference("Acme.Db")))),
                List.of(new Variable("DbPassword", "changed", true, Scope.ALL)), List.of(), List.of(new Channel("Default", true))));
        Release again = ctx.releases().find(DEV, "Web", "1.0.0");
        assertEquals(r, again, "the release did not follow the project");
        assertEquals(SECRET, again.snapshot().variables().get(0).value());

        ctx.releases().create(DEV, "Web", "1.1.0", "", "default", List.of(new PackageVersion("Acme.Db", "7", SHA),
                new PackageVersion("Acme.Web", "1.1.0", SHA)));
        assertEquals(List.of("1.1.0", "1.0.0"), ctx.releases().list(DEV, "Web").stream().map(Release::version).toList());
        assertEquals(List.of("Acme.Web", "Acme.Db"), ctx.releases().find(DEV, "Web", "1.1.0").snapshot().packages().stream()
                .map(PackageVersion::packageId).toList(), "manifest in the order of the process");
    }

    @Test
    void refusals() {
        webReady();
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        refused("A release needs a version, such as 1.0.0.", () -> ctx.releases().create(DEV, "Web", " ", "", null, webPackages("1")));
        refused("A release version uses letters, digits, '.', '-', '+' and '_' (at most 50, starting with a letter or digit); '1.0 beta' does not.",
                () -> ctx.releases().create(DEV, "Web", "1.0 beta", "", null, webPackages("1")));
        refused("Project 'Web' already has release 1.0.0; a version is used once.",
                () -> ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0")));
        refused("Project 'Web' has no channel 'Hotfix'; its channels are Default.",
                () -> ctx.releases().create(DEV, "Web", "1.0.1", "", "Hotfix", webPackages("1.0.1")));
        refused("Step 'Deploy web' deploys package 'Acme.Web', but no version of it was given.",
                () -> ctx.releases().create(DEV, "Web", "1.0.1", "", null, List.of()));
        refused("Package 'Acme.Api' was given, but no step of project 'Web' deploys it.",
                () -> ctx.releases().create(DEV, "Web", "1.0.1", "", null, List.of(new PackageVersion("Acme.Web", "1", SHA),
                        new PackageVersion("Acme.Api", "1", SHA))));
        refused("Package 'acme.web' is given more than once; give one version per package.",
                () -> ctx.releases().create(DEV, "Web", "1.0.1", "", null, List.of(new PackageVersion("Acme.Web", "1", SHA),
                        new PackageVersion("acme.web", "2", SHA))));
        refused("'DevTest Space' has no project named 'Api'.", () -> ctx.releases().create(DEV, "Api", "1.0.1", "", null, List.of()));
        refused("Project 'Web' has no release 2.0.0.", () -> ctx.releases().find(DEV, "Web", "2.0.0"));
    }

    @Test
    void theServiceOffersNoWayToChangeARelease() {
        List<String> methods = Arrays.stream(ReleaseService.class.getDeclaredMethods()).filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).sorted().toList();
        assertEquals(List.of("builtElsewhere", "compare", "create", "find", "heads", "list", "named", "recordReveal", "revision", "revisions",
                        "updateVariables", "variablesUpdate"), methods,
                "reads, creation, the audit entry of a reveal, the sentence refusing a remote project's release, and a new revision of"
                        + " a release's variables (a new frozen row beside the old one, decision 0048; UpdateVariablesTest)");
    }

    @Test
    void theStoreRefusesDirectUpdatesAndDeletesOfARelease() throws SQLException {
        assumeEmbedded(); // the H2 file itself; the team store's twin is TeamStoreTest
        webReady();
        Release r = ctx.releases().create(DEV, "Web", "1.0.0", "notes", null, webPackages("1.0.0"));
        StoreLocation loc = ctx.store().location();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + loc.storeDir().resolve("odcm"), "sa", "");
             Statement st = c.createStatement()) {
            SQLException u = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE release SET snapshot_json = '{}'"));
            assertTrue(u.getMessage().contains("a release and its snapshot cannot be changed or deleted once created"), u.getMessage());
            assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE release SET notes = 'rewritten' WHERE id = " + r.id()));
            assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM release WHERE id = " + r.id()));
        }
        assertEquals(r, ctx.releases().find(DEV, "Web", "1.0.0"));
        refused("Cannot delete project 'Web' of 'DevTest Space': it has 1 release, which is frozen.", () -> ctx.projects().delete(DEV, "Web"));
    }

    @Test
    void sensitiveValuesAreNotInClearInTheStoreFile() throws Exception {
        assumeEmbedded(); // the H2 file itself; the team store's twin is TeamStoreTest
        webReady();
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        assertEquals(SECRET, ctx.releases().find(DEV, "Web", "1.0.0").snapshot().variables().get(0).value());
        Path file = ctx.store().location().databaseFile();
        ctx.close();
        ctx = null;
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(indexOf(bytes, SECRET.getBytes(StandardCharsets.UTF_8)) >= 0, "sensitive value in clear in " + file);
        assertTrue(indexOf(bytes, "http://test.example".getBytes(StandardCharsets.UTF_8)) >= 0, "a plain value is found, so the search works");
    }

    @Test
    void withoutTheMasterKeyReadingWorksAndSavingSensitiveValuesIsRefused() throws Exception {
        webReady();
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        Path key = ctx.store().masterKeyFile();
        ctx.close();
        Files.move(key, tmp.resolve("backup.key"));
        open();
        assertFalse(ctx.projects().sensitiveValuesAvailable());
        Project p = ctx.projects().find(DEV, "Web");
        assertEquals(new Variable("DbPassword", "", true, Scope.of(List.of("Prod Space: Production"))), p.variables().get(0));
        assertEquals("http://test.example", p.variables().get(1).value());
        assertEquals("", ctx.releases().find(DEV, "Web", "1.0.0").snapshot().variables().get(0).value());

        String sentence = "The master key of this store is missing (expected at " + ctx.store().masterKeyFile() + ")." + odcm.persistence.Store.KEY_CONSEQUENCE;
        refused(sentence, () -> ctx.projects().create(DEV, new ProjectDraft("Api", "", "Main", List.of(),
                List.of(new Variable("Token", "t", true, Scope.ALL)), List.of(), List.of())));
        refused(sentence, () -> ctx.releases().create(DEV, "Web", "1.0.1", "", null, webPackages("1.0.1")));
        // every change is audited, and audit entries are sealed with the master key: nothing changes without it
        refused(sentence, () -> ctx.projects().create(DEV, new ProjectDraft("Api", "", "Main", List.of(),
                List.of(new Variable("Url", "u", false, Scope.ALL)), List.of(), List.of())));
        assertEquals(1, ctx.projects().list(DEV).size());

        ctx.close();
        Files.move(tmp.resolve("backup.key"), key);
        open();
        assertEquals(SECRET, ctx.projects().find(DEV, "Web").variables().get(0).value(), "the key restored, the value is back");
    }

    @Test
    void aReleaseAlteredInTheFileIsRefusedOnRead() throws Exception {
        assumeEmbedded(); // the H2 file itself; the team store's twin is TeamStoreTest
        webReady();
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        StoreLocation loc = ctx.store().location();
        ctx.close();
        ctx = null;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + loc.storeDir().resolve("odcm"), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER trg_release_frozen");
            st.executeUpdate("UPDATE release SET notes = 'approved by nobody'");
            st.execute("CREATE TRIGGER trg_release_frozen BEFORE UPDATE, DELETE ON release FOR EACH ROW CALL 'odcm.persistence.release.FrozenRelease'");
        }
        open();
        Refusal r = assertThrows(Refusal.class, () -> ctx.releases().find(DEV, "Web", "1.0.0"));
        assertEquals("Release 1.0.0 of project 'Web' does not match the hash it was frozen with: the store file was altered outside"
                + " ODCM Console, so this release cannot be used.", r.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
