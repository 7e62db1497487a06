package odcm.app.ui.trust;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.SpaceService;
import odcm.app.service.TrustService;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.model.trust.Trust;

/** Trusts: the list (active, or with revoked ones), and per space what it accepts and who accepts from it. */
public final class TrustsViewModel {
    private final TrustService trusts;
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final ObservableList<Trust> list = FXCollections.observableArrayList();
    private final BooleanProperty showRevoked = new SimpleBooleanProperty(false);
    private final ObjectProperty<Trust> selected = new SimpleObjectProperty<>();
    private final ObservableList<Space> allSpaces = FXCollections.observableArrayList();
    private final ObjectProperty<Space> panelSpace = new SimpleObjectProperty<>();
    private final ObservableList<String> accepts = FXCollections.observableArrayList();
    private final ObservableList<String> acceptedBy = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);

    private record Loaded(List<Trust> trusts, List<Space> spaces) {
    }

    public TrustsViewModel(TrustService trusts, SpaceService spaces, TaskRunner runner) {
        this.trusts = trusts;
        this.spaces = spaces;
        this.runner = runner;
        showRevoked.addListener((o, was, now) -> refresh());
        panelSpace.addListener((o, was, now) -> loadPanel(now));
    }

    public void refresh() {
        boolean revoked = showRevoked.get();
        Long keep = selected.get() == null ? null : selected.get().id();
        String keepSpace = panelSpace.get() == null ? null : panelSpace.get().name();
        runner.run("Loading trusts", () -> new Loaded(trusts.list(revoked), spaces.list()), loaded -> {
            list.setAll(loaded.trusts());
            selected.set(loaded.trusts().stream().filter(t -> keep != null && t.id() == keep).findFirst().orElse(null));
            allSpaces.setAll(loaded.spaces());
            Space again = loaded.spaces().stream().filter(s -> s.name().equals(keepSpace)).findFirst().orElse(null);
            panelSpace.set(null); // reload the panel even when the same space stays chosen
            panelSpace.set(again);
        }, this::showError);
    }

    private void loadPanel(Space s) {
        accepts.clear();
        acceptedBy.clear();
        if (s == null) {
            return;
        }
        runner.run("Loading the trusts of " + s.describe(), () -> List.of(trusts.trustsOf(s.name()), trusts.trustedBy(s.name())), both -> {
            if (s.equals(panelSpace.get())) {
                accepts.setAll(both.get(0).stream().map(t -> t.kind().words() + " from '" + t.trustedName() + "'").toList());
                acceptedBy.setAll(both.get(1).stream().map(t -> "'" + t.trusterName() + "' accepts " + t.kind().words()).toList());
            }
        }, this::showError);
    }

    /** The sentence of a row: "'Prod Space' accepts release bundles from 'DevTest Space'". */
    public static String sentence(Trust t) {
        return t.sentence();
    }

    public AddTrustViewModel add() {
        return new AddTrustViewModel(trusts, runner, List.copyOf(allSpaces));
    }

    public RevokeTrustViewModel revoke(Trust t) {
        return new RevokeTrustViewModel(trusts, runner, t);
    }

    public void changed(String what) {
        showInfo(what);
        refresh();
    }

    public void showInfo(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    public void showError(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    public ObservableList<Trust> list() {
        return list;
    }

    public BooleanProperty showRevokedProperty() {
        return showRevoked;
    }

    public ObjectProperty<Trust> selectedProperty() {
        return selected;
    }

    public ObservableList<Space> allSpaces() {
        return allSpaces;
    }

    public ObjectProperty<Space> panelSpaceProperty() {
        return panelSpace;
    }

    public ObservableList<String> accepts() {
        return accepts;
    }

    public ObservableList<String> acceptedBy() {
        return acceptedBy;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }
}
