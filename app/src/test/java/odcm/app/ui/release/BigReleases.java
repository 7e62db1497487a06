package odcm.app.ui.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import odcm.app.service.AppContext;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.persistence.project.ProjectData;

/**
 * Releases at the size users reach: 1,000 steps (a 6-line script each, every step deploying one of 500 packages,
 * some with long names), 10,000 variables (every 25th sensitive) and 50 templates. For the screens' tests and the
 * FX heartbeat benchmark.
 */
public final class BigReleases {
    public static final int STEPS = 1_000;
    public static final int VARIABLES = 10_000;
    public static final int PACKAGES = 500;

    private BigReleases() {
    }

    /**
     * Project {@code project} in the local space {@code space} (on its first lifecycle) with releases 1.0.0 and 1.1.0
     * ({@link #snapshot} 0 and 1), written straight into the store: the services' audit entries would name every step.
     */
    public static void insert(AppContext ctx, String space, String project, String otherEnvironment) {
        ctx.store().write(tx -> {
            var s = tx.spaces().findByName(space).orElseThrow();
            long lifecycle = tx.lifecycles().findBySpace(s.id()).get(0).id();
            ReleaseSnapshot first = snapshot(0, otherEnvironment);
            var p = tx.projects().insert(s.id(), new ProjectData(project, "at size", lifecycle, first.process(), first.variables(),
                    first.templates(), List.of(new Channel("Default", true))), Instant.now());
            tx.releases().insert(p.id(), "1.0.0", 1, "at size", "Default", first, Instant.now().minusSeconds(60));
            tx.releases().insert(p.id(), "1.1.0", 1, "at size, changed", "Default", snapshot(1, otherEnvironment), Instant.now());
            return null;
        });
    }

    /**
     * Version 0, or version 1 with changes: every 50th variable's value, every 200th variable's scope (to
     * {@code otherEnvironment}), every 97th step's timeout, every 100th step's script, 20 steps moved, a quarter of
     * the packages' versions.
     */
    public static ReleaseSnapshot snapshot(int version, String otherEnvironment) {
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("Role", "web-" + (i % 10));
            p.put("Timeout", version == 1 && i % 97 == 0 ? "120" : "60");
            StringBuilder script = new StringBuilder();
            for (int l = 0; l < 6; l++) {
                script.append("run step ").append(i).append(" part ").append(l).append(version == 1 && i % 100 == 3 && l == 2 ? " --fast" : "").append('\n');
            }
            p.put("Script", script.toString());
            String name = i % 100 == 2 ? "Step " + i + " with a long name that says in full what it does to the web shop's database" : "Step " + i;
            steps.add(new DeploymentStep(name, "Octopus.Script", p, i % 3 == 0 ? Scope.of(List.of("Test")) : Scope.ALL,
                    List.of(new PackageReference("Pkg." + (i % PACKAGES)))));
        }
        if (version == 1) {
            for (int k = 0; k < 20; k++) {
                steps.add(steps.remove(k * 40));
            }
        }
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < VARIABLES; i++) {
            String scope = version == 1 && i % 200 == 5 ? otherEnvironment : i % 4 == 0 ? "Test" : "";
            String value = "value-" + i + (version == 1 && i % 50 == 0 ? "-changed" : "");
            variables.add(new Variable("Var" + i, value, i % 25 == 0, scope.isEmpty() ? Scope.ALL : Scope.of(List.of(scope))));
        }
        List<VariableTemplate> templates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            templates.add(new VariableTemplate("Template" + i, "Template " + i, "help", TemplateType.SINGLE_LINE, List.of(), i % 10 == 0,
                    i % 10 == 0 ? "default-" + i : ""));
        }
        List<PackageVersion> packages = new ArrayList<>();
        for (int i = 0; i < PACKAGES; i++) {
            packages.add(new PackageVersion("Pkg." + i, version == 1 && i % 4 == 0 ? "1.1.0" : "1.0.0",
                    String.format(Locale.ROOT, "%064x", (long) i * 7919 + (version == 1 && i % 4 == 0 ? 1 : 0))));
        }
        return new ReleaseSnapshot(steps, variables, templates, packages);
    }
}
