package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environments, lifecycles, projects and releases from the command line: apply, the demo, render, show, and their refusals. */
class CliProjectsTest {
    @TempDir
    Path tmp;
    CliHarness cli;

    static final String DOC = """
            {
              "space": "DevTest Space",
              "environments": [{"name": "Development"}, {"name": "Test", "description": "Integration"}],
              "lifecycles": [{"name": "Main", "default": true, "phases": [
                {"name": "Dev", "environments": ["Development"]},
                {"name": "Test", "environments": ["Test"], "progression": "at least 1"}]}],
              "projects": [{"name": "Web", "lifecycle": "Main",
                "process": [{"name": "Deploy", "actionType": "Octopus.Package", "properties": {"Role": "web"}, "packages": ["Acme.Web"]}],
                "variables": [{"name": "DbPassword", "value": "hunter2-secret", "sensitive": true, "environments": ["Test"]}, {"name": "Host", "value": "web.example.org", "environments": ["Development", "Test"]}],
                "templates": [{"name": "Host", "type": "single-line", "mandatory": true}]}],
              "releases": [{"project": "Web", "version": "1.0.0", "notes": "First",
                "packages": [{"id": "Acme.Web", "version": "1.0.0", "sha256": "%s"}]}]
            }
            """.formatted("ab".repeat(32));

    @BeforeEach
    void space() {
        cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
    }

    Path doc(String text) throws Exception {
        return Files.writeString(tmp.resolve("doc-" + System.nanoTime() + ".json"), text);
    }

    String refused(String... args) {
        String before = cli.listings() + cli.run("project", "list", "--space", "DevTest Space", "--json").out();
        Result r = cli.run(args);
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertTrue(!r.err().strip().contains("\n"), "one line: " + r.err());
        assertEquals(before, cli.listings() + cli.run("project", "list", "--space", "DevTest Space", "--json").out(), "nothing changed");
        return r.err().strip();
    }

    @Test
    void applyCreatesAndASecondApplyChangesNothingButSaysSo() throws Exception {
        Path file = doc(DOC);
        String first = CliTest.ok(cli.run("apply", file.toString())).out();
        assertTrue(first.contains("created lifecycle 'Main'") && first.contains("created release 1.0.0 of 'Web'"), first);
        String second = CliTest.ok(cli.run("apply", file.toString())).out();
        assertTrue(second.contains("release 1.0.0 of 'Web' already exists"), second);

        String shown = CliTest.ok(cli.run("release", "show", "--space", "DevTest Space", "--project", "Web", "1.0.0")).out();
        assertTrue(shown.contains("DbPassword = ********"), shown);
        assertTrue(!shown.contains("hunter2-secret"), "a sensitive value never shows");
        JsonNode json = new ObjectMapper().readTree(CliTest.ok(cli.run("release", "show", "--space", "DevTest Space", "--project", "Web", "1.0.0",
                "--json")).out());
        assertEquals("Deploy", json.get("process").get(0).get("name").asText());
        assertEquals("********", json.get("variables").get(0).get("value").asText());
    }

    @Test
    void applyThatFailsHalfwayChangesNothing() throws Exception {
        String broken = DOC.replace("\"lifecycle\": \"Main\"", "\"lifecycle\": \"Nope\"");
        assertTrue(refused("apply", doc(broken).toString()).contains("Nope"));
        assertTrue(CliTest.ok(cli.run("env", "list", "--space", "DevTest Space")).out().startsWith("'DevTest Space' has no environments yet"),
                "the environments the file would have created first are not there either");
    }

    @Test
    void optionalFlagsMayBeLeftOut() throws Exception {
        String doc = "{\"space\": \"DevTest Space\", \"environments\": [{\"name\": \"Dev\"}], \"lifecycles\": [{\"name\": \"Main\", "
                + "\"phases\": [{\"name\": \"Dev\", \"environments\": [\"Dev\"]}]}], \"projects\": [{\"name\": \"P\", \"lifecycle\": \"Main\", "
                + "\"channels\": [{\"name\": \"Default\", \"default\": true}, {\"name\": \"Hotfix\"}], "
                + "\"variables\": [{\"name\": \"Url\", \"value\": \"http://x\"}], "
                + "\"templates\": [{\"name\": \"Region\", \"type\": \"single-line\"}]}]}";
        String out = CliTest.ok(cli.run("apply", doc(doc).toString())).out();
        assertTrue(out.contains("created project 'P'"), out);
    }

    @Test
    void applyWithUnknownFieldIsRefusedWithWhere() throws Exception {
        Path file = doc(DOC.replace("\"notes\": \"First\"", "\"note\": \"First\""));
        String err = refused("apply", file.toString());
        assertTrue(err.startsWith(file + " line 12, column "), err);
        assertTrue(err.contains(": releases[0] has no field 'note'; its fields are "), err);
    }

    @Test
    void applyWithDuplicateKeyIsRefused() throws Exception {
        assertTrue(refused("apply", doc(DOC.replace("\"space\": \"DevTest Space\",", "\"space\": \"DevTest Space\", \"space\": \"X\",")).toString())
                .contains(": space is given twice; each field is given once."));
    }

    @Test
    void releaseWithAVersionAlreadyUsed() throws Exception {
        CliTest.ok(cli.run("apply", doc(DOC).toString()));
        assertTrue(refused("release", "create", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--package",
                "Acme.Web:1.0.0:" + "cd".repeat(32)).contains("already has release 1.0.0"));
    }

    @Test
    void releaseWithABadPackageHash() throws Exception {
        CliTest.ok(cli.run("apply", doc(DOC).toString()));
        assertTrue(refused("release", "create", "--space", "DevTest Space", "--project", "Web", "1.0.1", "--package", "Acme.Web:1.0.1:abc")
                .contains("64 hexadecimal digits"));
    }

    @Test
    void releaseWithoutAPackageTheProcessNeeds() throws Exception {
        CliTest.ok(cli.run("apply", doc(DOC).toString()));
        assertTrue(refused("release", "create", "--space", "DevTest Space", "--project", "Web", "1.0.1").contains("Acme.Web"));
    }

    @Test
    void demoBuildsTheFourShapesAndRendersThem() throws Exception {
        CliHarness fresh = new CliHarness(tmp.resolve("demo"));
        String out = CliTest.ok(fresh.run("demo")).out();
        assertTrue(out.contains("4 projects with 3 releases each"), out);
        for (String project : new String[] {"Web Shop", "Public API", "Payments", "Reports"}) {
            CliTest.ok(fresh.run("lifecycle", "check", "--space", "DevTest Space", "--project", project));
            Path png = tmp.resolve(project.replace(' ', '-') + ".png");
            CliTest.ok(fresh.run("lifecycle", "render", "--space", "DevTest Space", "--project", project, "--out", png.toString()));
            assertTrue(ImageIO.read(png.toFile()).getWidth() > 400, project);
        }
        Path svg = tmp.resolve("payments.svg");
        CliTest.ok(fresh.run("lifecycle", "render", "--space", "DevTest Space", "--project", "Payments", "--out", svg.toString()));
        assertTrue(Files.readString(svg).contains("QA Space"));
        assertEquals(3, fresh.run("release", "list", "--space", "DevTest Space", "--project", "Reports").out().strip().split("\n").length);
        assertEquals(Cli.REFUSED, fresh.run("demo").exit(), "the demo needs an empty store");
    }

    @Test
    void renderToAnUnknownFormat() {
        assertTrue(refused("lifecycle", "render", "--space", "DevTest Space", "--project", "Web", "--out", tmp.resolve("x.gif").toString())
                .contains(".svg or .png"));
    }

    @Test
    void renamingASpaceCarriesScopesThatNameItsEnvironments() {
        CliHarness fresh = new CliHarness(tmp.resolve("rename"));
        CliTest.ok(fresh.run("demo"));
        CliTest.ok(fresh.run("space", "rename", "Prod Space", "Production Space"));
        String shown = CliTest.ok(fresh.run("release", "create", "--space", "DevTest Space", "--project", "Web Shop", "2.0.1",
                "--package", "Acme.Web:2.0.1:" + "ab".repeat(32), "--package", "Acme.Web.Migrations:2.0.1:" + "cd".repeat(32))).out();
        assertTrue(shown.contains("Created release 2.0.1"), shown);
        String snapshot = CliTest.ok(fresh.run("release", "show", "--space", "DevTest Space", "--project", "Web Shop", "2.0.1")).out();
        assertTrue(snapshot.contains("Production Space: Production"), snapshot);
        String frozen = CliTest.ok(fresh.run("release", "show", "--space", "DevTest Space", "--project", "Web Shop", "2.0.0")).out();
        assertTrue(frozen.contains("(Prod Space: Production)"), "an earlier release keeps what it froze: " + frozen);
    }

    /** Remote templates (decision 0058): made with --owner once that space is trusted for receipts, named in a phase, listed, kept while used. */
    @Test
    void aRemoteTemplateIsMadeForATrustedOwnerNamedInAPhaseAndKeptWhileThere() throws Exception {
        String space = "DevTest Space";
        String feature = "Prod Space: Feature (template)";
        CliTest.ok(cli.run("space", "create", "Prod Space"));
        String[] create = {"template", "create", "--space", space, "--owner", "Prod Space", "Feature", "--name-expression", "feature-#{Release.Number}"};
        assertEquals("'DevTest Space' does not trust 'Prod Space' for deployment receipts, so '" + feature + "' cannot stand here: its instances come"
                + " back only in receipts from 'Prod Space'. Trust it first.", refused(create));
        CliTest.ok(cli.run("trust", "add", "--space", space, "--accepts", "receipts", "--from", "Prod Space"));
        assertEquals("Created remote template '" + feature + "' in 'DevTest Space'; put it in a lifecycle phase as a remote environment, and bundles"
                + " to 'Prod Space' carry it.\n", CliTest.ok(cli.run(create)).out());
        assertEquals(feature + "\tfeature-#{Release.Number}\tremote template of 'Prod Space'\n", CliTest.ok(cli.run("template", "list", "--space", space)).out());
        assertEquals("'DevTest Space' already has an environment template named 'Feature'; a space's templates, its own and remote ones, have"
                + " different names.", refused("template", "create", "--space", space, "feature", "--name-expression", "f-#{Release.Number}"));
        CliTest.ok(cli.run("apply", doc("""
                {"space": "DevTest Space", "environments": [{"name": "Development"}], "lifecycles": [{"name": "Branches", "phases": [
                  {"name": "Dev", "environments": ["Development"]}, {"name": "Prod", "remoteEnvironments": ["prod space: Feature (TEMPLATE)"]}]}],
                 "projects": [{"name": "Web", "lifecycle": "Branches", "variables": [{"name": "Size", "value": "large",
                   "environments": ["Prod Space: Feature (template)"]}], "templates": [{"name": "Size", "type": "single-line"}],
                   "process": [{"name": "Up", "actionType": "Run a script", "environments": ["Prod Space: Feature (template)"]}]}]}
                """).toString()));
        Path svg = tmp.resolve("branches.svg");
        CliTest.ok(cli.run("lifecycle", "render", "--space", space, "--project", "Web", "--out", svg.toString()));
        assertTrue(Files.readString(svg).contains(feature), "lifecycle render draws the remote template");
        assertEquals("Remote template '" + feature + "' is still in lifecycle Branches and a scope of project Web; take it out first.",
                refused("template", "delete", "--space", space, feature));
        CliTest.ok(cli.run("space", "rename", "Prod Space", "Production Space"));
        CliTest.ok(cli.run("release", "create", "--space", space, "--project", "Web", "1.0.0"));
        String shown = CliTest.ok(cli.run("release", "show", "--space", space, "--project", "Web", "1.0.0")).out();
        assertTrue(shown.contains("Production Space: Feature (template)") && !shown.contains("Prod Space: Feature"), "the scope follows: " + shown);
        // Review 18b M4: the space a remote template names is not deleted behind it, once no trust holds it either.
        CliTest.ok(cli.run("trust", "revoke", "--space", space, "--accepts", "receipts", "--from", "Production Space", "--reason", "gone"));
        assertEquals("Cannot delete local space 'Production Space' while DevTest Space's remote template 'Production Space: Feature (template)'"
                + " names it; delete that template first.", refused("space", "delete", "Production Space"));
    }

    /** Environment templates (decision 0057): create, list, instantiate, de-provision; bad input is one line and changes nothing. */
    @Test
    void templatesCreateListInstantiateDeprovision() {
        String space = "DevTest Space";
        assertEquals("Created environment template 'Desk' in 'DevTest Space'; instances are named 'desk-#{Tester}'.\n", CliTest.ok(cli.run("template",
                "create", "--space", space, "Desk", "--name-expression", "desk-#{Tester}", "--parameter", "Tester", "--parameter", "Region:select(eu|us)=eu",
                "--provision-step", "Stack up:Run a script", "--deprovision-after-days", "14")).out());
        assertEquals("The name expression 'x-#{Testr}' uses #{Testr}, which is not a name it knows; it knows Release.Number, Release.Channel,"
                + " Project.Name, Template.Name, Space.Name (the template has no parameters).",
                refused("template", "create", "--space", space, "Bad", "--name-expression", "x-#{Testr}"));
        assertEquals("Parameter 'Tester' of template 'Desk' needs a value.", refused("template", "instantiate", "--space", space, "Desk"));
        assertEquals("Provisioned 'desk-ann' from template 'Desk' in 'DevTest Space' (recorded; the console does not run the process).\n",
                CliTest.ok(cli.run("template", "instantiate", "--space", space, "Desk", "--parameter", "Tester=ann")).out());
        assertEquals("desk-ann\t(instance of Desk)\n", CliTest.ok(cli.run("env", "list", "--space", space)).out());
        assertEquals("Desk\tdesk-#{Tester}\tdesk-ann\n", CliTest.ok(cli.run("template", "list", "--space", space)).out());
        assertEquals("Template 'Desk' has instances (desk-ann), so it can never be deleted: their records and deployments name it. Take it out of"
                + " its lifecycles' phases and de-provision its instances instead.", refused("template", "delete", "--space", space, "Desk"));
        Result neither = cli.run("template", "deprovision", "--space", space);
        assertEquals(Cli.USAGE, neither.exit(), "neither an environment nor --idle");
        assertEquals("Name the ENVIRONMENT to de-provision, or give --idle for every instance idle past its template's days."
                + " (see 'odcm template deprovision --help')", neither.err().strip(), "the subcommand's help, not the parent's");
        assertEquals(Cli.USAGE, cli.run("template", "instantiate", "--space", space, "Desk", "--parameter", "Tester").exit());
        assertEquals("De-provisioned 'desk-ann' of template 'Desk' without its process.\n",
                CliTest.ok(cli.run("template", "deprovision", "--space", space, "desk-ann", "--skip-process")).out());
        assertEquals("Instance 'desk-ann' of template 'Desk' is already de-provisioned.", refused("template", "deprovision", "--space", space, "desk-ann"));
        assertTrue(CliTest.ok(cli.run("template", "--help")).out().contains("instantiate"));
        assertEquals(Cli.USAGE, cli.run("template", "create", "--space", space, "Bad", "--name-expression", "x", "--parameter", "Bad:weird").exit(),
                "a parameter written wrong is a usage error (0057)");
        assertEquals("Template 'Desk' had instances (desk-ann), whose records and deployments are kept with it, so it can never be deleted;"
                + " take it out of its lifecycles' phases instead, and no release will make an instance of it.",
                refused("template", "delete", "--space", space, "Desk"));
        assertEquals("Environment 'desk-ann' is a de-provisioned instance of template 'Desk'; its name is its record's, so it is not renamed.",
                refused("env", "rename", "--space", space, "desk-ann", "other"));
        assertEquals("Environment 'desk-ann' is a de-provisioned instance of template 'Desk'; it is kept for its record and deployments, not deleted.",
                refused("env", "delete", "--space", space, "desk-ann"));
        assertEquals("Provisioned 'desk-bob' from template 'Desk' in 'DevTest Space' (recorded; the console does not run the process, and it was"
                + " recorded as skipped).\n", CliTest.ok(cli.run("template", "instantiate", "--space", space, "Desk", "--parameter", "Tester=bob",
                "--skip-process")).out());
        assertTrue(CliTest.ok(cli.run("audit", "list")).out().contains("provisioned (by hand; process skipped)"));

        assertEquals("Changed environment template 'Tester desk' of 'DevTest Space'.\n", CliTest.ok(cli.run("template", "edit", "--space", space, "desk",
                "--rename", "Tester desk", "--parameter", "Tester=nobody", "--no-provision-steps", "--keep-when-progressed")).out());
        assertEquals("Tester desk\tdesk-#{Tester}\tdesk-bob\n", CliTest.ok(cli.run("template", "list", "--space", space)).out(), "instances keep their names");
        assertEquals("Give --parameter or --no-parameters, not both. (see 'odcm template edit --help')", cli.run("template", "edit", "--space", space,
                "Tester desk", "--parameter", "A", "--no-parameters").err().strip());
        assertEquals("The name expression 'x-#{Region}' uses #{Region}, which is not a name it knows; it knows Release.Number, Release.Channel,"
                + " Project.Name, Template.Name, Space.Name and the parameters Tester.", refused("template", "edit", "--space", space, "Tester desk", "--name-expression", "x-#{Region}"));
        assertEquals("Environment template 'Tester desk' of 'DevTest Space' already is as given; nothing was changed.",
                refused("template", "edit", "--space", space, "Tester desk"));
        assertEquals("'DevTest Space' has no environment template named 'Desk'.", refused("template", "edit", "--space", space, "Desk", "--description", "x"));
    }

    /** An apply file with an environment template in the first phase: its release gets an instance at once (decision 0057). */
    @Test
    void applyMakesTemplatesAndAReleaseInTheirPhaseGetsAnInstance() throws Exception {
        String doc = """
                {"space": "DevTest Space",
                 "environments": [{"name": "Development"}],
                 "environmentTemplates": [{"name": "Feature", "nameExpression": "#{Template.Name}-#{Release.Number}",
                   "parameters": [{"name": "Region", "label": "Region", "helpText": "Where it runs", "type": "select", "options": ["eu", "us"], "defaultValue": "eu"}],
                   "provisioning": [{"name": "Stack up", "actionType": "Octopus.Script", "properties": {"Script": "make up"}}], "onExisting": "reprovision"}],
                 "lifecycles": [{"name": "Branches", "default": true, "phases": [
                   {"name": "Review", "templates": ["Feature"]}, {"name": "Dev", "environments": ["Development"]}]}],
                 "projects": [{"name": "Web", "lifecycle": "Branches"}],
                 "releases": [{"project": "Web", "version": "1.0.0"}]}
                """;
        String out = CliTest.ok(cli.run("apply", doc(doc).toString())).out();
        assertTrue(out.contains("created environment template 'Feature'"), out);
        assertEquals("Development\nFeature-1.0.0\t(instance of Feature)\n", CliTest.ok(cli.run("env", "list", "--space", "DevTest Space")).out());
        String again = CliTest.ok(cli.run("apply", doc(doc.replace("\"reprovision\"", "\"skip\"")).toString())).out();
        assertTrue(again.contains("environment template 'Feature' already exists in 'DevTest Space'; an apply never changes one, so it was left as it is"),
                again);
        assertTrue(refused("apply", doc(doc.replace("#{Template.Name}", "#{Templat.Name}").replace("\"Feature\"", "\"Other\"")).toString())
                .contains("uses #{Templat.Name}, which is not a name it knows"));
        CliTest.ok(cli.run("deploy", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--to", "Feature-1.0.0"));
        assertEquals("Recorded: release 1.0.0 of 'Web' deployed to Development, succeeded; instance 'Feature-1.0.0' of template 'Feature' de-provisioned"
                + " (the release went on to the next phase).\n", CliTest.ok(cli.run("deploy", "--space", "DevTest Space", "--project", "Web", "1.0.0",
                "--to", "Development")).out(), "issue 18: the deployment's own line says what it did to an instance");

        // review M2: a step or parameter restated as it is keeps what its line does not show, as the console's Edit… does
        odcm.model.environment.EnvironmentTemplate before;
        try (odcm.app.service.AppContext ctx = odcm.app.service.AppContext.open(new odcm.persistence.StoreLocation(cli.store(), tmp.resolve("keys")))) {
            before = ctx.templates().get("DevTest Space", "Feature");
        }
        CliTest.ok(cli.run("template", "edit", "--space", "DevTest Space", "Feature", "--provision-step", "Stack up:Octopus.Script",
                "--provision-step", "Warm up:Octopus.Script", "--parameter", "Region:select(eu|us)=eu"));
        try (odcm.app.service.AppContext ctx = odcm.app.service.AppContext.open(new odcm.persistence.StoreLocation(cli.store(), tmp.resolve("keys")))) {
            odcm.model.environment.EnvironmentTemplate after = ctx.templates().get("DevTest Space", "Feature");
            assertEquals(before.provisioning().get(0), after.provisioning().get(0), "the script of 'Stack up' is kept");
            assertEquals("Warm up", after.provisioning().get(1).name());
            assertEquals(before.parameters(), after.parameters(), "the label and help of 'Region' are kept");
        }
    }
}
