package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import org.junit.jupiter.api.Test;

class EnvironmentServiceTest extends ServiceFixture {

    @Test
    void createListRenameDeleteAreEachAudited() {
        organisation();
        assertEquals(List.of("Development", "Test"), ctx.environments().list(DEV).stream().map(Environment::name).toList());
        assertEquals(List.of("Prod Space: Production"), ctx.environments().listRemote(DEV).stream().map(RemoteEnvironment::displayName).toList());

        ctx.environments().create(DEV, "Staging", "before production");
        assertEquals("environment.create", lastAudit().action());
        assertEquals("environment 'Staging' of local space 'DevTest Space'", lastAudit().subject());

        ctx.environments().rename(DEV, "staging", "Pre-production");
        assertEquals("renamed from 'Staging' to 'Pre-production'", lastAudit().detail());
        ctx.environments().delete(DEV, "PRE-PRODUCTION");
        assertEquals("environment.delete", lastAudit().action());
        assertEquals(List.of("Development", "Test"), ctx.environments().list(DEV).stream().map(Environment::name).toList());

        ctx.environments().deleteRemote(DEV, "prod space : production");
        assertEquals("remote-environment.delete", lastAudit().action());
        assertEquals(List.of(), ctx.environments().listRemote(DEV));
    }

    @Test
    void renamingAnEnvironmentRenamesItInScopesAndPhases() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.environments().rename(DEV, "Test", "QA");
        assertEquals(Scope.of(List.of("QA", "Prod Space: Production")), ctx.projects().find(DEV, "Web").process().get(1).scope());
        assertEquals(new Variable("Url", "http://test.example", false, Scope.of(List.of("QA"))), ctx.projects().find(DEV, "Web").variables().get(1));
        assertEquals("QA", ctx.lifecycles().find(DEV, "Main").phases().get(1).members().get(0).displayName());
        assertEquals(SECRET, ctx.projects().find(DEV, "Web").variables().get(0).value(), "sealed values untouched by the rename");
    }

    @Test
    void namesAreUniquePerSpaceIgnoringCase() {
        organisation();
        refused("'DevTest Space' already has an environment named 'Test'; names in a space differ in more than letter case or look-alike letters.",
                () -> ctx.environments().create(DEV, "TEST", ""));
        refused("'DevTest Space' already has an environment named 'Test'; names in a space differ in more than letter case or look-alike letters.",
                () -> ctx.environments().rename(DEV, "Development", "test"));
        local(QA);
        ctx.environments().create(QA, "Test", ""); // another space: fine
        assertEquals(1, ctx.environments().list(QA).size());
    }

    @Test
    void refusesBadNamesAndUnknownSpaces() {
        organisation();
        refused("An environment name cannot contain ':' because it separates a space from what it owns, as in 'Prod Space: Production'.",
                () -> ctx.environments().create(DEV, "Prod: Live", ""));
        refused("There is no space named 'Nowhere'.", () -> ctx.environments().create("Nowhere", "Test", ""));
        refused("'Prod Space' is a remote space; its environments, lifecycles and projects are managed by its own console.",
                () -> ctx.environments().create(PROD, "Production", ""));
        refused("'DevTest Space' has no environment named 'Staging'.", () -> ctx.environments().delete(DEV, "Staging"));
    }

    @Test
    void deleteIsRefusedWhileAPhaseOrAScopeRefersToIt() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        refused("Cannot delete the environment 'Test' of 'DevTest Space' while lifecycle 'Main' refers to it; remove it from that first.",
                () -> ctx.environments().delete(DEV, "Test"));
        ctx.projects().create(DEV, webProject());
        refused("Cannot delete the environment 'Test' of 'DevTest Space' while lifecycle 'Main' and project 'Web' refer to it;"
                + " remove it from those first.", () -> ctx.environments().delete(DEV, "Test"));
        refused("Cannot delete the remote environment 'Prod Space: Production' of 'DevTest Space' while lifecycle 'Main' and project 'Web'"
                + " refer to it; remove it from those first.", () -> ctx.environments().deleteRemote(DEV, "Prod Space: Production"));

        ctx.environments().create(DEV, "Sandbox", "");
        ctx.lifecycles().create(DEV, new LifecycleDraft("Other", "", false, List.of(phase("Play", List.of(), List.of(), List.of(PROD)))));
        ctx.projects().update(DEV, "Web", new odcm.model.project.ProjectDraft("Web", "", "Other", List.of(),
                List.of(new Variable("X", "1", false, Scope.of(List.of("Sandbox")))), List.of(), List.of()));
        refused("Cannot delete the environment 'Sandbox' of 'DevTest Space' while project 'Web' refers to it; remove it from that first.",
                () -> ctx.environments().delete(DEV, "Sandbox"));
    }

    @Test
    void remoteEnvironmentsBelongToAnotherExistingSpaceAndAreUniquePerOwner() {
        organisation();
        refused("There is no space named 'Moon Space'.", () -> ctx.environments().createRemote(DEV, "Moon Space", "Production"));
        refused("A remote environment stands for an environment of another space; 'DevTest Space' is this space itself, so add 'Production'"
                + " as an environment instead.", () -> ctx.environments().createRemote(DEV, "devtest space", "Production"));
        refused("'DevTest Space' already has the remote environment 'Prod Space: Production'.",
                () -> ctx.environments().createRemote(DEV, PROD, "PRODUCTION"));
        refused("'DevTest Space' has no remote environment 'Prod Space: Staging'.", () -> ctx.environments().deleteRemote(DEV, "Prod Space: Staging"));
        refused("A remote environment is named with its space, as in 'Prod Space: Production'; 'Production' has no space.",
                () -> ctx.environments().deleteRemote(DEV, "Production"));

        local(QA); // a local space can own remote environments of another console's view too
        RemoteEnvironment qa = ctx.environments().createRemote(DEV, QA, "Production");
        assertEquals("QA Space: Production", qa.displayName());
        assertEquals("remote-environment.create", lastAudit().action());
        assertEquals(2, ctx.environments().listRemote(DEV).size());
    }
}
