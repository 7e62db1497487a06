package odcm.app.ui.trust;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.SpaceService;
import odcm.app.service.TrustService;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustProposal;

/** Trusts: the list (active, or with revoked ones), and per space what it accepts and who accepts from it. */
public final class TrustsViewModel {
    private final TrustService trusts;
    private final SpaceService spaces;
    private final TaskRunner runner;
    /** No row is chosen for the user here: a selected trust is one Revoke would act on. */
    private final SelectableList<Trust> list = new SelectableList<>(Trust::id, false);
    private final BooleanProperty showRevoked = new SimpleBooleanProperty(false);
    /** The spaces, and the one whose trusts the panel shows. */
    private final SelectableList<Space> panel = new SelectableList<>(Space::name, false);
    private final ObservableList<String> accepts = FXCollections.observableArrayList();
    private final ObservableList<String> acceptedBy = FXCollections.observableArrayList();
    private final StatusMessage message = new StatusMessage();

    /** Trusts proposed and waiting for a second administrator (decision 0043); the first chosen, for Confirm and Decline. */
    private final SelectableList<Pending> proposals = new SelectableList<>(p -> p.proposal().id(), true);

    private record Loaded(List<Trust> trusts, List<Space> spaces, List<Pending> proposals) {
    }

    /** A proposal, and why the person may not confirm it under separation of duties ("" when they may: their own is refused). */
    public record Pending(TrustProposal proposal, String refusal) {
        /** "#3 'Prod Space' accepts release bundles from 'DevTest Space', proposed by ann on …; certificate fingerprint …". */
        public String line() {
            return "#" + proposal.id() + " " + proposal.sentence() + ", proposed by " + proposal.proposedBy() + " on "
                    + odcm.app.ui.common.Formats.minutes(proposal.proposedAt()) + "; certificate fingerprint "
                    + new odcm.model.cert.Fingerprint(proposal.fingerprint()).grouped();
        }
    }

    public TrustsViewModel(TrustService trusts, SpaceService spaces, TaskRunner runner) {
        this.trusts = trusts;
        this.spaces = spaces;
        this.runner = runner;
        showRevoked.addListener((o, was, now) -> refresh());
        panel.selectedProperty().addListener((o, was, now) -> loadPanel(now));
    }

    public void refresh() {
        boolean revoked = showRevoked.get();
        runner.run("Loading trusts", () -> new Loaded(trusts.list(revoked), spaces.list(), trusts.proposals(false).stream()
                .map(p -> new Pending(p, trusts.confirmRefusal(p).orElse(""))).toList()), loaded -> {
            list.replace(loaded.trusts());
            proposals.replace(loaded.proposals());
            panel.replace(loaded.spaces()); // reloads the panel even when the same space stays chosen
        }, message::error);
    }

    private void loadPanel(Space s) {
        accepts.clear();
        acceptedBy.clear();
        if (s == null) {
            return;
        }
        runner.run("Loading the trusts of " + s.describe(), () -> List.of(trusts.trustsOf(s.name()), trusts.trustedBy(s.name())), both -> {
            if (s.equals(panel.selectedProperty().get())) {
                accepts.setAll(both.get(0).stream().map(t -> t.kind().words() + " from '" + t.trustedName() + "'").toList());
                acceptedBy.setAll(both.get(1).stream().map(t -> "'" + t.trusterName() + "' accepts " + t.kind().words()).toList());
            }
        }, message::error);
    }

    /** The sentence of a row: "'Prod Space' accepts release bundles from 'DevTest Space'". */
    public static String sentence(Trust t) {
        return t.sentence();
    }

    /**
     * All there is to know about one trust, for the line under the table (where a long revocation reason is never
     * cut off): "… Granted 2025-03-01 10:00:00 by alice. Revoked 2025-04-01 09:00:00 by bob: <reason>".
     */
    public static String detail(Trust t) {
        if (t == null) {
            return "";
        }
        String s = t.sentence() + (t.isConnected() ? " (connected)." : " (disconnected: checked against its certificate).")
                + " Granted " + odcm.app.ui.common.Formats.dateTime(t.createdAt()) + " by " + t.createdBy() + ".";
        if (!t.isActive()) {
            s += " Revoked " + odcm.app.ui.common.Formats.dateTime(t.revokedAt()) + " by " + t.revokedBy() + ", because: " + t.revokeReason();
        }
        return s;
    }

    public AddTrustViewModel add() {
        return new AddTrustViewModel(trusts, runner, List.copyOf(panel.items()));
    }

    public RevokeTrustViewModel revoke(Trust t) {
        return new RevokeTrustViewModel(trusts, runner, t);
    }

    /** Confirms the proposal: another administrator than its proposer makes the trust (decision 0043). */
    public void confirm(Pending p) {
        runner.run("Confirming trust proposal #" + p.proposal().id(), () -> trusts.confirm(p.proposal().id()),
                t -> changed("Trusted: " + t.sentence() + " (proposal #" + p.proposal().id() + " by " + p.proposal().proposedBy() + " confirmed)."),
                message::error);
    }

    /** Declines the proposal, or withdraws it where the person proposed it; nothing is trusted. */
    public void decline(Pending p) {
        runner.run("Declining trust proposal #" + p.proposal().id(), () -> trusts.decline(p.proposal().id(), ""),
                d -> changed("Proposal #" + d.id() + " (" + d.sentence() + ") " + d.state().words() + "; nothing is trusted."), message::error);
    }

    public ObservableList<Pending> proposals() {
        return proposals.items();
    }

    public ObjectProperty<Pending> selectedProposalProperty() {
        return proposals.selectedProperty();
    }

    public void changed(String what) {
        message.info(what);
        refresh();
    }

    public ObservableList<Trust> list() {
        return list.items();
    }

    public BooleanProperty showRevokedProperty() {
        return showRevoked;
    }

    public ObjectProperty<Trust> selectedProperty() {
        return list.selectedProperty();
    }

    public ObservableList<Space> allSpaces() {
        return panel.items();
    }

    public ObjectProperty<Space> panelSpaceProperty() {
        return panel.selectedProperty();
    }

    public ObservableList<String> accepts() {
        return accepts;
    }

    public ObservableList<String> acceptedBy() {
        return acceptedBy;
    }

    public StatusMessage message() {
        return message;
    }
}
