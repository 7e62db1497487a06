package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import odcm.app.TestBundles;
import odcm.model.Refusal;
import odcm.model.audit.AuditFilter;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates across spaces (decision 0058), between two separate stores: DevTest Space's lifecycle holds Prod Space's
 * template Feature ("Prod Space: Feature (template)") in the phase that promotes to Prod, with values scoped to it; the
 * bundle carries the template and those values, Prod's import makes the template and provisions its instance, and a receipt
 * brings the instance back to DevTest's lifecycle view.
 */
class TemplatesAcrossSpacesTest {
    static final String FEATURE = PROD + ": Feature (template)";
    @TempDir
    Path tmp;
    AppContext dev;
    AppContext prod;

    @BeforeEach
    void networks() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
    }

    @AfterEach
    void close() {
        dev.close();
        prod.close();
    }

    static EnvironmentTemplate feature(String expression) {
        return EnvironmentTemplate.draft("Feature", "A branch's own stack", List.of(EnvironmentTemplate.parameter("Size:select(small|large)=small")),
                List.of(EnvironmentTemplate.step("Stack up:Run a script")), List.of(), expression, EnvironmentTemplate.OnExisting.SKIP, true, 0);
    }

    /** DevTest: the remote template in the Production phase beside Prod's Production, and Web's values for every instance of it. */
    private void devHoldsTheRemoteTemplate(EnvironmentTemplate t) {
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        dev.remoteTemplates().create(DEV, PROD, t);
        dev.lifecycles().update(DEV, "Main", new LifecycleDraft("Main", "", true, List.of(
                new PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Production", List.of(), List.of(PROD + ": Production", FEATURE), List.of(PROD), ProgressionRule.ALL))));
        Project web = dev.projects().find(DEV, "Web");
        List<Variable> values = new ArrayList<>(web.variables());
        values.add(new Variable("AdminEmail", "feature-ops@example.org", false, Scope.of(List.of(FEATURE))));
        values.add(new Variable("DbPassword", "feature-pw-3321", true, Scope.of(List.of(FEATURE))));
        dev.projects().update(DEV, "Web", new ProjectDraft("Web", web.description(), "Main", web.process(), values, web.templates(), web.channels()));
    }

    private byte[] promote(String version) {
        dev.releases().create(DEV, "Web", version, "", null, List.of(new PackageVersion("Acme.Web", version, TestBundles.SHA)));
        TestBundles.throughTest(dev, version);
        Path file = tmp.resolve(version + ".odcmbundle");
        dev.bundles().create(DEV, "Web", version, PROD, file, 30, false);
        return read(file);
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTemplateTravelsWithItsValuesItsInstanceIsProvisionedThereAndComesBackInAReceipt() {
        devHoldsTheRemoteTemplate(feature("feature-#{Release.Number}"));
        assertTrue(dev.environments().scopes(DEV).contains(FEATURE), "a scope like a remote environment");

        // The first import makes the template (from DevTest's bundles); Prod's administrator puts it in a phase.
        assertTrue(prod.imports().importBundle(PROD, promote("1.1.0"), null, TestBundles.values()).imported());
        EnvironmentTemplate made = prod.templates().list(PROD).get(0);
        assertEquals(List.of("Feature", "feature-#{Release.Number}", "Size"), List.of(made.name(), made.nameExpression().text(),
                made.parameters().get(0).name()));
        assertEquals("template.import", prod.audit().list(AuditFilter.ALL).stream().filter(e -> e.action().startsWith("template."))
                .findFirst().orElseThrow().action());
        prod.lifecycles().update(PROD, "Prod", new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL, List.of("Feature")),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));

        // The next release reaches the phase on import: its instance is provisioned, with the values scoped to the template.
        assertTrue(prod.imports().importBundle(PROD, promote("1.2.0"), null, TestBundles.values()).imported());
        assertEquals(List.of("feature-1.2.0"), prod.templates().instances(PROD, "Feature").stream().filter(Environment::isLive).map(Environment::name).toList());
        Project remote = prod.projects().find(PROD, REMOTE_WEB);
        assertTrue(remote.variables().stream().anyMatch(v -> v.name().equals("AdminEmail") && v.value().equals("feature-ops@example.org")
                && v.scope().environments().equals(List.of("Feature (template)"))), remote.variables().toString());
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.2.0", "feature-1.2.0", true); // its mandatory values are there: not refused

        // A receipt names the instance; DevTest's lifecycle view draws it after the remote template.
        Path back = tmp.resolve("back.odcmreceipt");
        prod.receipts().create(PROD, DEV, back, 30, false);
        assertTrue(dev.receipts().importReceipt(DEV, back).accepted());
        CompositeLifecycle view = dev.lifecycles().composite(DEV, "Web");
        List<String> drawn = view.nodes().stream().filter(n -> n.kind() == CompositeLifecycle.NodeKind.TEMPLATE
                || n.kind() == CompositeLifecycle.NodeKind.INSTANCE).map(n -> n.kind() + " " + n.label() + " " + n.detail()).toList();
        assertEquals(List.of("TEMPLATE " + FEATURE + " environment template of 'Prod Space'", "INSTANCE " + PROD + ": feature-1.2.0 instance of Feature"), drawn);
    }

    private List<Object> prodState() {
        return List.of(prod.templates().list(PROD), prod.projects().list(PROD).size(), prod.audit().list(AuditFilter.ALL).size(),
                prod.environments().list(PROD));
    }

    private String refusedAtProd(byte[] bundle) {
        List<Object> before = prodState();
        Refusal r = assertThrows(Refusal.class, () -> prod.imports().importBundle(PROD, bundle, null, TestBundles.values()));
        assertEquals(before, prodState(), "a refused import changes nothing");
        return r.getMessage();
    }

    @Test
    void anUntrustedOwnerAConflictingNameOrADifferentDefinitionIsRefusedAndADeclinedImportLeavesNoInstance() {
        assertEquals("'" + DEV + "' does not trust '" + PROD + "' for deployment receipts, so '" + FEATURE + "' cannot stand here: its instances"
                + " come back only in receipts from '" + PROD + "'. Trust it first.", assertThrows(Refusal.class,
                () -> dev.remoteTemplates().create(DEV, PROD, feature("f-#{Release.Number}"))).getMessage());
        assertTrue(dev.remoteTemplates().list(DEV).isEmpty());

        devHoldsTheRemoteTemplate(feature("feature-#{Release.Number}"));
        prod.templates().create(PROD, feature("ft-#{Release.Number}")); // Prod's own, defined differently
        byte[] bundle = promote("1.1.0");
        assertEquals("Release 1.1.0 from '" + DEV + "' carries environment template 'Feature', but '" + PROD + "' has its own template 'Feature',"
                + " defined differently (its name expression ('ft-#{Release.Number}' here, 'feature-#{Release.Number}' in the bundle)); make them"
                + " the same, or rename one, before importing.", refusedAtProd(bundle));

        prod.templates().delete(PROD, "Feature");
        prod.environments().create(PROD, "Feature", "");
        assertEquals("Release 1.1.0 from '" + DEV + "' carries environment template 'Feature', but '" + PROD + "' has an environment named"
                + " 'Feature'; rename one of them before importing.", refusedAtProd(bundle));

        prod.environments().delete(PROD, "Feature");
        prod.templates().create(PROD, feature("feature-#{Release.Number}")); // the same definition: the bundle's joins it, unchanged
        prod.lifecycles().update(PROD, "Prod", new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL, List.of("Feature")),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));
        assertTrue(prod.imports().importBundle(PROD, bundle, null, TestBundles.values()).imported());
        assertEquals(1, prod.templates().list(PROD).get(0).version());
        assertEquals(List.of("feature-1.1.0"), prod.templates().instances(PROD, "Feature").stream().filter(Environment::isLive).map(Environment::name).toList());

        prod.acceptances().decline(PROD, REMOTE_WEB, "1.1.0", "Not this one"); // a declined import provisions nothing: its instance goes

        assertFalse(prod.templates().instances(PROD, "Feature").get(0).isLive());
        assertEquals(odcm.model.environment.Provisioning.Reason.DECLINED, prod.templates().history(PROD, "Feature").get(0).reason());
    }
}
