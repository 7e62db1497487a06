package odcm.app.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import odcm.app.apply.ApplyDocument.ChannelDoc;
import odcm.app.apply.ApplyDocument.EnvironmentDoc;
import odcm.app.apply.ApplyDocument.LifecycleDoc;
import odcm.app.apply.ApplyDocument.PackageDoc;
import odcm.app.apply.ApplyDocument.PhaseDoc;
import odcm.app.apply.ApplyDocument.ProjectDoc;
import odcm.app.apply.ApplyDocument.ReleaseDoc;
import odcm.app.apply.ApplyDocument.RemoteEnvironmentDoc;
import odcm.app.apply.ApplyDocument.StepDoc;
import odcm.app.apply.ApplyDocument.TemplateDoc;
import odcm.app.apply.ApplyDocument.VariableDoc;
import odcm.app.service.AppContext;
import odcm.model.Refusal;
import odcm.model.cert.CertificateFormat;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;

/**
 * An example organisation for a first look: DevTest and QA spaces here; Prod, Prod EU and Prod US as remote
 * spaces (their certificates made on the spot, as another network would send them); lifecycles in the four
 * shapes of composite lifecycle; trusts; and four projects with three releases each that change in between.
 * Built through the same services and apply documents a user has, in one transaction.
 */
public final class Demo {
    public static final String DEVTEST = "DevTest Space";
    public static final String QA = "QA Space";
    public static final String PROD = "Prod Space";
    public static final String PROD_EU = "Prod EU Space";
    public static final String PROD_US = "Prod US Space";

    private final AppContext ctx;

    public Demo(AppContext ctx) {
        this.ctx = ctx;
    }

    /** @return what was created, a line each */
    public List<String> create() {
        if (!ctx.spaces().list().isEmpty()) {
            throw new Refusal("The demo needs an empty store, and this one already has spaces; run it on a new store with --store DIR.");
        }
        List<SpaceIdentity> remotes = new ArrayList<>();
        for (String name : List.of(PROD, PROD_EU, PROD_US)) {
            // Made here only to have real certificates to add; the private keys are dropped, as they would never leave their network.
            SpaceIdentity id = Certificates.generate(name, KeyAlgorithm.EC_P256, Instant.now(ctx.store().clock()));
            id.privateKeyPkcs8().wipe();
            remotes.add(id);
        }
        return ctx.store().write(tx -> {
            List<String> done = new ArrayList<>();
            ctx.spaces().create(DEVTEST, "Development and test, network A", KeyAlgorithm.EC_P256);
            ctx.spaces().create(QA, "The QA team's space, network A", KeyAlgorithm.EC_P256);
            String[] descriptions = {"Production, network B", "Production in Europe, network C", "Production in the US, network D"};
            for (int i = 0; i < remotes.size(); i++) {
                SpaceIdentity id = remotes.get(i);
                ctx.remotes().add(List.of(PROD, PROD_EU, PROD_US).get(i), descriptions[i],
                        Certificates.encode(id.certificateDer(), CertificateFormat.PEM), id.info().fingerprint().grouped());
            }
            done.add("created local spaces '" + DEVTEST + "' and '" + QA + "', remote spaces '" + PROD + "', '" + PROD_EU + "' and '" + PROD_US + "'");
            ctx.trusts().add(QA, DEVTEST, TrustKind.RELEASE_BUNDLES);
            for (String from : List.of(QA, PROD, PROD_EU, PROD_US)) {
                ctx.trusts().add(DEVTEST, from, TrustKind.DEPLOYMENT_RECEIPTS);
            }
            done.add("created trusts: '" + QA + "' accepts release bundles from '" + DEVTEST + "'; '" + DEVTEST + "' accepts deployment receipts from the others");
            ApplyService apply = new ApplyService(ctx);
            apply.apply(qa());
            for (int stage = 0; stage < 3; stage++) {
                apply.apply(devTest(stage));
            }
            done.add("created 4 lifecycles in '" + DEVTEST + "' (test then prod, global rollout, QA round trip, through QA) and 2 in '" + QA + "'");
            done.add("created 4 projects with 3 releases each (1.0.0, 1.1.0, 2.0.0)");
            done.add(deployments());
            return done;
        });
    }

    /** Deployments in DevTest's own environments, in lifecycle order, so the dashboard and the pipeline show something. */
    private String deployments() {
        // None of 2.0.0, the newest: it is the one to approve, promote and deploy first when trying the console.
        Object[][] done = {
            {"Web Shop", "1.0.0", "Development", true}, {"Web Shop", "1.0.0", "Test", true},
            {"Web Shop", "1.1.0", "Development", true}, {"Web Shop", "1.1.0", "Test", true},
            {"Public API", "1.0.0", "Development", true}, {"Public API", "1.0.0", "Test", true},
            {"Public API", "1.1.0", "Development", true}, {"Public API", "1.1.0", "Test", false},
            {"Payments", "1.1.0", "Development", true}, {"Reports", "1.0.0", "Development", false}};
        for (Object[] d : done) {
            ctx.deployments().deploy(DEVTEST, (String) d[0], (String) d[1], (String) d[2], (Boolean) d[3]);
        }
        return "recorded " + done.length + " deployments in '" + DEVTEST + "' (1.0.0 and 1.1.0; Public API 1.1.0 failed on Test)";
    }

    private static ApplyDocument qa() {
        return new ApplyDocument(QA,
                List.of(new EnvironmentDoc("QA", "Functional tests"), new EnvironmentDoc("UAT", "User acceptance")),
                List.of(new RemoteEnvironmentDoc(PROD, "Production")),
                List.of(new LifecycleDoc("QA", "Test and accept", true, List.of(phase("Test", "QA"), phase("Accept", "UAT"))),
                        new LifecycleDoc("QA then Prod", "Test, accept, hand on to production", false,
                                List.of(phase("Test", "QA"), phase("Accept", "UAT"), promotion("Production", PROD)))),
                List.of(new ProjectDoc(DEVTEST + ": Reports", "Reports as they arrive from DevTest", "QA then Prod",
                        List.of(new ChannelDoc("Default", true)), List.of(), List.of(), List.of())),
                List.of(), List.of());
    }

    private static PhaseDoc phase(String name, String... environments) {
        return new PhaseDoc(name, List.of(environments), List.of(), List.of(), "all", List.of());
    }

    private static PhaseDoc promotion(String name, String... spaces) {
        return new PhaseDoc(name, List.of(), List.of(), List.of(spaces), "all", List.of());
    }

    /** DevTest at one stage of its history: each stage changes processes, variables and templates, then releases. */
    private static ApplyDocument devTest(int stage) {
        List<LifecycleDoc> lifecycles = List.of(
                new LifecycleDoc("Test then Prod", "Test here, produce there", true,
                        List.of(phase("Development", "Development"), phase("Test", "Test"), promotion("Production", PROD))),
                new LifecycleDoc("Global rollout", "Test here, then Europe and the US", false,
                        List.of(phase("Development", "Development"), phase("Test", "Test"), promotion("Production", PROD_EU, PROD_US))),
                new LifecycleDoc("QA round trip", "Dev, the QA team's space, back, then production", false,
                        List.of(phase("Development", "Development"), promotion("QA", QA), promotion("Production", PROD))),
                new LifecycleDoc("Through QA", "Dev, then QA hands on to production", false,
                        List.of(phase("Development", "Development"), promotion("QA", QA))));
        String[][] projects = {{"Web Shop", "Test then Prod", "Acme.Web"}, {"Public API", "Global rollout", "Acme.Api"},
                {"Payments", "QA round trip", "Acme.Payments"}, {"Reports", "Through QA", "Acme.Reports"}};
        String version = List.of("1.0.0", "1.1.0", "2.0.0").get(stage);
        List<ProjectDoc> projectDocs = new ArrayList<>();
        List<ReleaseDoc> releases = new ArrayList<>();
        for (String[] p : projects) {
            projectDocs.add(project(p[0], p[1], p[2], stage));
            List<PackageDoc> packages = new ArrayList<>(List.of(new PackageDoc(p[2], version, sha256(p[2] + version))));
            if (stage >= 1) {
                packages.add(new PackageDoc(p[2] + ".Migrations", version, sha256(p[2] + ".Migrations" + version)));
            }
            releases.add(new ReleaseDoc(p[0], version, List.of("First release.", "Adds database migrations; health check timeout raised.",
                    "Smoke tests in production; notification template.").get(stage), null, packages));
        }
        return new ApplyDocument(DEVTEST,
                List.of(new EnvironmentDoc("Development", "Every commit"), new EnvironmentDoc("Test", "Integration tests")),
                List.of(new RemoteEnvironmentDoc(PROD, "Production"), new RemoteEnvironmentDoc(PROD_EU, "Production"),
                        new RemoteEnvironmentDoc(PROD_US, "Production")),
                lifecycles, projectDocs, releases, List.of());
    }

    private static ProjectDoc project(String name, String lifecycle, String pkg, int stage) {
        List<StepDoc> steps = new ArrayList<>();
        if (stage >= 1) {
            steps.add(new StepDoc("Run database migrations", "Octopus.Script",
                    props("Script", stage >= 2 ? "set -e\ndotnet " + pkg + ".Migrations.dll --apply --timeout 300\necho migrated\n"
                            : "set -e\ndotnet " + pkg + ".Migrations.dll --apply\n"), List.of(), List.of(pkg + ".Migrations")));
        }
        steps.add(new StepDoc("Deploy " + name, "Octopus.Package", props("TargetRole", "web", "HealthCheckTimeout", stage >= 1 ? "120" : "60"),
                List.of(), List.of(pkg)));
        if (stage >= 2) {
            steps.add(new StepDoc("Smoke test production", "Octopus.Script", props("Script", "curl -fsS https://$(Host)/health\n"),
                    List.of(prodOf(lifecycle)), List.of()));
        }
        List<VariableDoc> variables = new ArrayList<>(List.of(
                new VariableDoc("LogLevel", stage == 0 ? "Debug" : "Information", false, List.of()),
                new VariableDoc("LogLevel", "Warning", false, List.of(prodOf(lifecycle))),
                new VariableDoc("DbPassword", "dev-secret-" + stage, true, List.of("Development"))));
        if (stage >= 1) {
            variables.add(new VariableDoc("ApiKey", "test-key-" + name.hashCode(), true, List.of("Test")));
        }
        // The mandatory templates' values for this space's environments: a release made here deploys only with them.
        String host = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        variables.add(new VariableDoc("DbConnection", "Server=db.devtest.example.org;Database=" + host.replace('-', '_') + ";Password=dev-db-pw",
                true, List.of("Development", "Test")));
        variables.add(new VariableDoc("Host", host + ".devtest.example.org", false, List.of("Development", "Test")));
        List<TemplateDoc> templates = new ArrayList<>(List.of(
                new TemplateDoc("DbConnection", "Database connection string", "Where the application's database is, for this environment.",
                        "sensitive", List.of(), true, null),
                new TemplateDoc("Host", "Host name", "The public host name, e.g. shop.example.com.", "single-line", List.of(), true, null)));
        if (stage >= 1) {
            templates.add(new TemplateDoc("Region", "Region", "Where this environment runs.", "select", List.of("eu", "us", "ap"), false, "eu"));
        }
        if (stage >= 2) {
            templates.add(new TemplateDoc("NotifyOnDeploy", "Notify on deploy", "Send a mail after each deployment.", "checkbox", List.of(), false,
                    "false"));
        }
        return new ProjectDoc(name, "The " + name + " application", lifecycle,
                List.of(new ChannelDoc("Default", true), new ChannelDoc("Hotfix", false)), steps, variables, templates);
    }

    private static String prodOf(String lifecycle) {
        return (lifecycle.equals("Global rollout") ? PROD_EU : PROD) + ": Production";
    }

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
