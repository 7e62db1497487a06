package odcm.model.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import odcm.model.deployment.DeploymentRules;
import odcm.model.deployment.DeploymentRules.Progress;
import org.junit.jupiter.api.Test;

/** Promotion follows the lifecycle (decision 0045): every member of an earlier phase counts, by the phase's rule. */
class PromotionOrderTest {
    static PhaseMember env(String name) {
        return new PhaseMember.LocalEnvironment(name.length(), name);
    }

    static PhaseMember remote(String owner, String name) {
        return new PhaseMember.RemoteEnvironmentMember(name.length(), 7, owner, name);
    }

    static PhaseMember promote(String space) {
        return new PhaseMember.Promotion(space.length(), space);
    }

    static Lifecycle lifecycle(Phase... phases) {
        return new Lifecycle(1, 1, "Main", "", true, List.of(phases), 1);
    }

    static Progress deployed(String... environments) {
        return new Progress(Set.of(environments), Set.of(), Set.of());
    }

    @Test
    void allMustComplete() {
        Lifecycle l = lifecycle(new Phase("QA", List.of(env("Test"), env("QA")), ProgressionRule.ALL),
                new Phase("Prod", List.of(promote("Prod Space")), ProgressionRule.ALL));
        assertEquals(Optional.of("Release 1.0 cannot be promoted to 'Prod Space' yet: phase 'QA' (all must complete) comes first and still needs "
                + "a successful deployment to QA."), DeploymentRules.promotionRefusal(l, "Prod Space", deployed("test"), "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "prod space", deployed("Test", "QA"), "1.0"));
        assertEquals(Optional.of("Release 1.0 cannot be promoted to 'Prod Space' yet: phase 'QA' (all must complete) comes first and still needs "
                + "a successful deployment to Test, QA."), DeploymentRules.promotionRefusal(l, "Prod Space", Progress.NONE, "1.0"));
    }

    @Test
    void atLeastNMustComplete() {
        Lifecycle l = lifecycle(new Phase("Test", List.of(env("A"), env("B"), env("C")), ProgressionRule.atLeast(2)),
                new Phase("Prod", List.of(promote("Prod Space")), ProgressionRule.ALL));
        assertEquals(Optional.of("Release 2.0 cannot be promoted to 'Prod Space' yet: phase 'Test' (at least 2 must complete) comes first and "
                + "still needs a successful deployment to 1 more of B, C."), DeploymentRules.promotionRefusal(l, "Prod Space", deployed("A"), "2.0"));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Prod Space", deployed("A", "C"), "2.0"));
    }

    @Test
    void anOptionalPhaseHoldsNothingBack() {
        Lifecycle l = lifecycle(new Phase("Try", List.of(env("Canary"), promote("Lab Space")), ProgressionRule.OPTIONAL),
                new Phase("Prod", List.of(promote("Prod Space")), ProgressionRule.ALL));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Prod Space", Progress.NONE, "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Lab Space", Progress.NONE, "1.0"),
                "a promotion in the first phase has nothing before it");
    }

    @Test
    void aRemoteEnvironmentCountsWhenReportedDeployed() {
        Lifecycle l = lifecycle(new Phase("QA", List.of(remote("QA Space", "Staging")), ProgressionRule.ALL),
                new Phase("Prod", List.of(env("Local"), promote("Prod Space")), ProgressionRule.ALL));
        assertEquals(Optional.of("Release 1.0 cannot be promoted to 'Prod Space' yet: phase 'QA' (all must complete) comes first and still needs "
                + "a successful deployment to QA Space: Staging."), DeploymentRules.promotionRefusal(l, "Prod Space", deployed("Staging"), "1.0"),
                "a local environment of the same name is not the remote one");
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Prod Space",
                new Progress(Set.of(), Set.of("qa space: staging"), Set.of()), "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.orderRefusal(l, "Local", Set.of(), "1.0"),
                "deploying here still counts only this space's environments");
    }

    @Test
    void anEarlierPromotionCountsWhenItsBundleWasMade() {
        Lifecycle l = lifecycle(new Phase("QA", List.of(env("Test"), promote("QA Space")), ProgressionRule.ALL),
                new Phase("Prod", List.of(promote("Prod Space")), ProgressionRule.ALL));
        assertEquals(Optional.of("Release 1.0 cannot be promoted to 'Prod Space' yet: phase 'QA' (all must complete) comes first and still needs "
                + "a bundle for 'QA Space'."), DeploymentRules.promotionRefusal(l, "Prod Space", deployed("Test"), "1.0"));
        assertEquals(Optional.of("Release 1.0 cannot be promoted to 'Prod Space' yet: phase 'QA' (all must complete) comes first and still needs "
                + "a successful deployment to Test and a bundle for 'QA Space'."), DeploymentRules.promotionRefusal(l, "Prod Space", Progress.NONE, "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Prod Space",
                new Progress(Set.of("Test"), Set.of(), Set.of("QA SPACE")), "1.0"));
        Lifecycle either = lifecycle(new Phase("QA", List.of(env("Test"), promote("QA Space")), ProgressionRule.atLeast(1)),
                new Phase("Prod", List.of(promote("Prod Space")), ProgressionRule.ALL));
        assertEquals(Optional.of("Release 1.0 cannot be promoted to 'Prod Space' yet: phase 'QA' (at least 1 must complete) comes first and still "
                + "needs 1 more of: a successful deployment to Test, or a bundle for 'QA Space'."),
                DeploymentRules.promotionRefusal(either, "Prod Space", Progress.NONE, "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(either, "Prod Space", new Progress(Set.of(), Set.of(), Set.of("QA Space")), "1.0"));
    }

    @Test
    void onlyPhasesBeforeTheFirstPromotionThereCount() {
        Lifecycle l = lifecycle(new Phase("Dev", List.of(env("Dev")), ProgressionRule.ALL),
                new Phase("Prod", List.of(env("Staging"), promote("Prod Space")), ProgressionRule.ALL),
                new Phase("Later", List.of(env("Late")), ProgressionRule.ALL));
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Prod Space", deployed("Dev"), "1.0"),
                "members of the promotion's own phase and later ones do not hold it back");
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(l, "Elsewhere", Progress.NONE, "1.0"));
    }
}
