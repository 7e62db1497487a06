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
import odcm.persistence.ServerAddress;
import odcm.persistence.StoreLocation;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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

    /** This test's team store, emptied for it, as its member signs in; null until first asked for (or on H2). */
    private ServerAddress teamStore;

    AppContext open() {
        ctx = AppContext.open(location());
        return ctx;
    }

    /**
     * The test's store: an H2 store in its folder; with {@code -Dodcm.test.engine=postgresql}, a team store on the server
     * named by ODCM_TEST_POSTGRES instead (the service tests are run that way too in CI, decision 0035): one database per
     * test JVM, migrated once and emptied before each test, as H2 tests copy one migrated file.
     */
    StoreLocation location() {
        if (!TestDatabases.onTeamStore()) {
            return new StoreLocation(tmp.resolve("store"), tmp.resolve("keys"));
        }
        if (teamStore == null) {
            teamStore = TestDatabases.memberOfEmptied();
        }
        return new StoreLocation(tmp.resolve("store"), tmp.resolve("keys"), teamStore);
    }

    /**
     * On a team store the tests act as a member (decision 0042: an admitted login, whom the database's row-level policies
     * hold to the roles granted, as a person is held), never as the owner of the tables, whom PostgreSQL exempts. This is
     * the same store as its owner signs in to it: for what only the owner may do (migrations, letting people in, SQL that
     * tampers with the store as someone with the file would). On H2 the test's store as it is.
     */
    StoreLocation ownerLocation() {
        StoreLocation at = location();
        return at.onServer() ? new StoreLocation(at.storeDir(), at.keyDir(), TestDatabases.shared()) : at;
    }

    /** Skips a test of the H2 file itself (its bytes, its triggers) where the tests run on a team store. */
    void assumeEmbedded() {
        Assumptions.assumeFalse(location().onServer(), "a test of the embedded store's file");
    }

    /** A plain, writable connection to the closed store, as someone with the file (on a team store: its owner's login) has. */
    java.sql.Connection sql() throws java.sql.SQLException {
        StoreLocation at = ownerLocation();
        return at.onServer() ? StoreDigest.connect(at)
                : java.sql.DriverManager.getConnection("jdbc:h2:file:" + at.storeDir().resolve("odcm"), "sa", "");
    }

    /** jOOQ on {@link #sql()}, in the store's dialect. */
    org.jooq.DSLContext jooq(java.sql.Connection c) {
        return location().onServer()
                ? org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.POSTGRES, new org.jooq.conf.Settings().withRenderQuotedNames(org.jooq.conf.RenderQuotedNames.NEVER))
                : org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.H2);
    }

    @AfterEach
    void closeContext() {
        if (ctx != null) {
            ctx.close();
        }
    }

    /**
     * The store opened as {@code person} instead: on H2 under that name (only the OS user holds every role there); on a
     * team store as the person's own login, let into the store by its owner ({@code owner}) first.
     */
    AppContext as(String person, String owner) {
        ctx.close();
        StoreLocation at = location();
        if (at.onServer() && !person.equals(owner)) {
            ServerAddress signedIn = TestDatabases.as(at.server(), person);
            // Letting someone in is the tables' owner's (TeamMembers.admit); the tests' own person is a member (0042).
            try (odcm.persistence.Store o = odcm.persistence.Store.open(ownerLocation(), java.time.Clock.systemUTC(), owner)) {
                odcm.persistence.TeamMembers.admit(o, person);
            }
            at = new StoreLocation(at.storeDir(), at.keyDir(), signedIn);
        }
        ctx = new AppContext(odcm.persistence.Store.open(at, java.time.Clock.systemUTC(), person));
        return ctx;
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
