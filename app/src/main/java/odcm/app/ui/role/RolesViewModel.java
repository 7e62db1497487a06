package odcm.app.ui.role;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.EnvironmentService;
import odcm.app.service.RoleService;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.RoleGate;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.role.Action;
import odcm.model.role.Person;
import odcm.model.role.RoleGrant;
import odcm.model.space.Space;

/** People & roles: the grants of every local space (or one), who the person is, and Grant…/Revoke… (decision 0041). */
public final class RolesViewModel {
    /** The space filter's "every space" choice. */
    public static final String ALL = "All local spaces";

    private final RoleService roles;
    private final SpaceService spaces;
    private final EnvironmentService environments;
    private final TaskRunner runner;
    private final RoleGate gate;
    private final SelectableList<RoleGrant> list = new SelectableList<>(RoleGrant::id, false);
    private final FilteredList<RoleGrant> shown = new FilteredList<>(list.items());
    private final ObservableList<String> spaceChoices = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> space = new SimpleObjectProperty<>(ALL);
    private final ReadOnlyStringWrapper who = new ReadOnlyStringWrapper("");
    private final StatusMessage message = new StatusMessage();
    private List<Space> locals = List.of();

    private record Loaded(List<RoleGrant> grants, List<Space> locals, Person person) {
    }

    public RolesViewModel(RoleService roles, SpaceService spaces, EnvironmentService environments, TaskRunner runner, RoleGate gate) {
        this.roles = roles;
        this.spaces = spaces;
        this.environments = environments;
        this.runner = runner;
        this.gate = gate;
        space.addListener((o, was, now) -> shown.setPredicate(g -> now == null || ALL.equals(now) || g.spaceName().equals(now)));
        space.addListener((o, was, now) -> loadDuties(now));
        space.addListener((o, was, now) -> loadAcceptance(now));
    }

    /** Whether the one space chosen requires an imported release to be accepted before deployment (null: every space shown, or loading). */
    private final ObjectProperty<Boolean> acceptanceRequired = new SimpleObjectProperty<>();

    private void loadAcceptance(String name) {
        acceptanceRequired.set(null);
        if (name == null || ALL.equals(name)) {
            return;
        }
        runner.run("Reading whether '" + name + "' requires imports to be accepted", () -> roles.acceptances().isRequired(name), on -> {
            if (name.equals(space.get())) {
                acceptanceRequired.set(on);
            }
        }, message::error);
    }

    public ObjectProperty<Boolean> acceptanceRequiredProperty() {
        return acceptanceRequired;
    }

    /** Switches the requirement of the space chosen (its administrator's; audited by the service). */
    public void toggleAcceptance() {
        String name = space.get();
        Boolean was = acceptanceRequired.get();
        if (was == null) {
            return;
        }
        runner.run("Changing whether '" + name + "' requires imports to be accepted", () -> roles.acceptances().setRequired(name, !was), changed -> {
            message.info("'" + name + "' " + (was ? "no longer requires" : "requires") + " an imported release to be accepted by an approver before"
                    + " its deployment there.");
            loadAcceptance(name);
        }, message::error);
    }

    /** Why the person may not change it, or empty: the approval rule's administrator (Action.SET_APPROVAL_RULE). */
    public Optional<String> acceptanceRefusal() {
        String name = space.get();
        return name == null || ALL.equals(name) ? Optional.empty() : gate.refusal(p -> p.refusal(Action.SET_APPROVAL_RULE, name, null));
    }

    /** The separation of duties of the one space chosen (null while every space is shown, or until loaded). */
    private final ObjectProperty<odcm.model.role.Duties> duties = new SimpleObjectProperty<>();

    /** A loosening of those rules waiting for a second administrator, and why the person may not confirm it ("" when they may). */
    public record PendingDuties(odcm.model.role.DutyProposal proposal, String refusal) {
        /** "#3 by ann on …: an approver may approve their own release; …". */
        public String line() {
            return "Proposal #" + proposal.id() + " by " + proposal.proposedBy() + " on " + odcm.app.ui.common.Formats.minutes(proposal.proposedAt())
                    + ", waiting for a second administrator: " + proposal.duties().sentence() + ".";
        }
    }

    private final ObjectProperty<PendingDuties> pending = new SimpleObjectProperty<>();

    private record LoadedDuties(odcm.model.role.Duties duties, PendingDuties pending, Gates gates) {
    }

    /** The approval gates of the space chosen (decision 0046) and the names of its environments, or null. */
    public record Gates(odcm.app.service.ApprovalService.Gates gates, List<String> environments) {
        /** "Approval gates: Test, Production — 2 distinct approvals before a release's first deployment there." */
        public String line() {
            if (!gates.every() && gates.environments().isEmpty()) {
                return "Approval gates: none — a release needs no approval before deployment here (a rejection still stops it everywhere).";
            }
            return "Approval gates: " + gates.words() + " — " + (gates.approvals() == 1 ? "an approval" : gates.approvals() + " distinct approvals")
                    + " before a release's first deployment there; a rejection stops it everywhere.";
        }
    }

    private final ObjectProperty<Gates> gates = new SimpleObjectProperty<>();

    public ObjectProperty<Gates> gatesProperty() {
        return gates;
    }

    /** Why the person may not set the approval gates of the space chosen, or empty. */
    public Optional<String> gatesRefusal() {
        String name = space.get();
        return name == null || ALL.equals(name) ? Optional.empty() : gate.refusal(p -> p.refusal(Action.SET_APPROVAL_RULE, name, null));
    }

    /** Saves the gates of the space chosen as the dialog shows them (a refusal stays in its form). */
    public void saveGates(FormState form, boolean every, List<String> gated, int approvals, Runnable done) {
        String name = space.get();
        form.submit("Saving the approval gates", () -> roles.approvals().saveGates(name, every, gated, approvals), c -> {
            done.run();
            changed("Approval gates in '" + name + "': " + c.now().words() + (c.approvals() != null && c.approvals().proposal() != null
                    ? "; " + c.approvals().sentence(name) : "."));
        });
    }

    private void loadDuties(String name) {
        duties.set(null);
        pending.set(null);
        gates.set(null);
        if (name == null || ALL.equals(name)) {
            return;
        }
        runner.run("Loading the separation of duties of '" + name + "'", () -> new LoadedDuties(roles.duties().of(name),
                roles.duties().proposals(name).stream().findFirst().map(p -> new PendingDuties(p, roles.duties().confirmRefusal(p).orElse("")))
                        .orElse(null), new Gates(roles.approvals().gates(name), environments.list(name).stream().map(e -> e.name()).toList())), d -> {
            if (name.equals(space.get())) {
                duties.set(d.duties());
                pending.set(d.pending());
                gates.set(d.gates());
            }
        }, message::error);
    }

    public ObjectProperty<odcm.model.role.Duties> dutiesProperty() {
        return duties;
    }

    public ObjectProperty<PendingDuties> pendingDutiesProperty() {
        return pending;
    }

    /** Why the person may not change the separation of duties of the space chosen, or empty. */
    public Optional<String> dutiesRefusal() {
        String name = space.get();
        return name == null || ALL.equals(name) ? Optional.empty() : gate.refusal(p -> p.refusal(Action.SET_DUTIES, name, null));
    }

    /**
     * Saves the rules of the space chosen through the dialog's form (a refusal stays in it); a loosening where the space
     * requires two administrators is proposed instead, and said so.
     */
    public void saveDuties(FormState form, odcm.model.role.Duties d, Runnable done) {
        String name = space.get();
        form.submit("Saving the separation of duties", () -> roles.duties().change(name, d.approverNotMaker(), d.approvals(), d.twoAdminTrust()), c -> {
            done.run();
            changed(c.sentence(name));
        });
    }

    /** Confirms the pending loosening (another administrator than its proposer): its rules apply now. */
    public void confirmDuties(PendingDuties p) {
        String name = p.proposal().spaceName();
        runner.run("Confirming proposal #" + p.proposal().id(), () -> roles.duties().confirm(p.proposal().id()),
                d -> changed("Separation of duties in '" + name + "': " + d.sentence() + " (proposal #" + p.proposal().id() + " by "
                        + p.proposal().proposedBy() + " confirmed)."), message::error);
    }

    /** Declines the pending loosening, or withdraws it where the person proposed it; the rules stay. */
    public void declineDuties(PendingDuties p) {
        runner.run("Declining proposal #" + p.proposal().id(), () -> roles.duties().decline(p.proposal().id()),
                d -> changed("Proposal #" + d.id() + " of separation of duties " + d.state().words() + "; the rules stay as they are."), message::error);
    }

    public void refresh() {
        gate.refresh();
        runner.run("Loading roles", () -> new Loaded(roles.list(null), spaces.locals(), roles.person()), loaded -> {
            locals = loaded.locals();
            String keep = space.get();
            java.util.List<String> choices = new java.util.ArrayList<>(java.util.List.of(ALL));
            loaded.locals().forEach(s -> choices.add(s.name()));
            // Replaced only when the spaces changed: replacing the items clears the picker's shown choice, though its value stays.
            if (!spaceChoices.equals(choices)) {
                spaceChoices.setAll(choices);
                space.set(null);
            }
            space.set(choices.contains(keep) ? keep : ALL);
            list.replace(loaded.grants());
            loadDuties(space.get());
            Person p = loaded.person();
            who.set(p.holdsEveryRole()
                    ? "You are " + p.name() + ", the one person of this embedded store: you hold every role of every space without a grant."
                    + " The grants below are the rules on a team store made from it."
                    : "You are " + p.name() + ". The grants below are the rules for you: what you may not do is disabled, saying why.");
        }, message::error);
    }

    /** Why the person may not grant or revoke roles in {@code spaceName} (any local space when null), or empty. */
    public Optional<String> refusal(String spaceName) {
        return gate.refusal(p -> spaceName == null ? p.refusalInAnySpace(Action.GRANT_ROLES) : p.refusal(Action.GRANT_ROLES, spaceName, null));
    }

    public GrantRoleViewModel grant() {
        String preferred = ALL.equals(space.get()) ? null : space.get();
        return new GrantRoleViewModel(roles, environments, new FormState(runner), locals, preferred);
    }

    /** Revokes the selected grant; a refusal (the last administrator) is said in the dialog. */
    public void revoke(FormState form, RoleGrant g, Consumer<RoleGrant> done) {
        form.submit("Revoking the role", () -> roles.revoke(g.spaceName(), g.role(), g.environment(), g.grantee()), done);
    }

    public void changed(String what) {
        message.info(what);
        refresh();
    }

    public ObservableList<RoleGrant> shown() {
        return shown;
    }

    public ObservableList<String> spaceChoices() {
        return spaceChoices;
    }

    public ObjectProperty<String> spaceProperty() {
        return space;
    }

    public ObjectProperty<RoleGrant> selectedProperty() {
        return list.selectedProperty();
    }

    public ReadOnlyStringProperty whoProperty() {
        return who.getReadOnlyProperty();
    }

    public TaskRunner runner() {
        return runner;
    }

    public RoleGate gate() {
        return gate;
    }

    public StatusMessage message() {
        return message;
    }
}
