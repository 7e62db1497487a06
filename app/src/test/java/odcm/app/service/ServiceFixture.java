package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.space.Space;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** A real store in a temporary folder, opened through AppContext, with a small organisation and refusal checks. */
abstract class ServiceFixture {
    static final String DEV = "DevTest Space";
    static final String PROD = "Prod Space";
    static final String QA = "QA Space";
    static final String SECRET = "s3cr3t-Production-Password-9081";
    static final String SHA = "ab".repeat(32);

    @TempDir
    Path tmp;
    AppContext ctx;

    AppContext open() {
        ctx = AppContext.open(new StoreLocation(tmp.resolve("store"), tmp.resolve("keys")));
        return ctx;
    }

    @AfterEach
    void closeContext() {
        if (ctx != null) {
            ctx.close();
        }
    }

    Space local(String name) {
        return ctx.spaces().create(name, "", KeyAlgorithm.EC_P256);
    }

    Space remote(String name) {
        byte[] der = Certificates.generate(name, KeyAlgorithm.EC_P256, Instant.now()).certificateDer();
        return ctx.remotes().add(name, "", der, Certificates.fingerprint(der).hex());
    }

    /** DevTest Space (local) with Development and Test, Prod Space (remote) with its Production placeholder in DevTest. */
    void organisation() {
        open();
        local(DEV);
        remote(PROD);
        ctx.environments().create(DEV, "Development", "");
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().createRemote(DEV, PROD, "Production");
    }

    static PhaseDraft phase(String name, List<String> environments, List<String> remotes, List<String> promotions) {
        return new PhaseDraft(name, environments, remotes, promotions, ProgressionRule.ALL);
    }

    static LifecycleDraft mainLifecycle() {
        return new LifecycleDraft("Main", "", true, List.of(
                phase("Dev", List.of("Development"), List.of(), List.of()),
                phase("Test", List.of("Test"), List.of(), List.of()),
                phase("Production", List.of(), List.of("Prod Space: Production"), List.of(PROD))));
    }

    static ProjectDraft webProject() {
        return new ProjectDraft("Web", "the shop", "Main",
                List.of(new DeploymentStep("Deploy web", "Deploy a package", Map.of("Path", "/srv/web"), Scope.ALL,
                                List.of(new PackageReference("Acme.Web"))),
                        new DeploymentStep("Smoke test", "Run a script", Map.of("Script", "curl -f http://localhost"),
                                Scope.of(List.of("Test", "Prod Space: Production")), List.of())),
                List.of(new Variable("DbPassword", SECRET, true, Scope.of(List.of("Prod Space: Production"))),
                        new Variable("Url", "http://test.example", false, Scope.of(List.of("Test")))),
                List.of(new VariableTemplate("Region", "Region", "Where it runs", TemplateType.SELECT, List.of("eu", "us"), true, "eu")),
                List.of());
    }

    static List<PackageVersion> webPackages(String version) {
        return List.of(new PackageVersion("Acme.Web", version, SHA));
    }

    List<AuditEntry> audit() {
        return ctx.audit().list(AuditFilter.ALL);
    }

    /** Everything a refusal must leave as it was: listings of the dev space and the audit log. */
    List<Object> state() {
        List<Object> s = new ArrayList<>();
        s.add(ctx.spaces().list());
        for (Space sp : ctx.spaces().locals()) {
            s.add(ctx.environments().list(sp.name()));
            s.add(ctx.environments().listRemote(sp.name()));
            s.add(ctx.lifecycles().list(sp.name()));
            ctx.projects().list(sp.name()).forEach(p -> {
                s.add(p);
                s.add(ctx.releases().list(sp.name(), p.name()));
            });
        }
        s.add(audit().size());
        return s;
    }

    /** The action is refused with exactly this sentence, and the store is as it was. */
    void refused(String sentence, Executable action) {
        List<Object> before = state();
        Refusal r = assertThrows(Refusal.class, action);
        assertEquals(sentence, r.getMessage());
        assertEquals(before, state(), "a refusal leaves listings and audit log as they were");
    }

    AuditEntry lastAudit() {
        List<AuditEntry> all = audit();
        return all.stream().max(java.util.Comparator.comparingLong(AuditEntry::seq)).orElseThrow();
    }
}
