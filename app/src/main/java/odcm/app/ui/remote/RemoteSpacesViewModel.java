package odcm.app.ui.remote;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.RemoteSpaceService;
import odcm.app.service.SpaceService;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.persistence.space.StoredCertificate;

/** Remote spaces: the list, the selected one with its certificate history, and add/replace/remove. */
public final class RemoteSpacesViewModel {
    private final RemoteSpaceService remotes;
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final ObservableList<Space> all = FXCollections.observableArrayList();
    private final ObjectProperty<Space> selected = new SimpleObjectProperty<>();
    private final ObservableList<StoredCertificate> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);

    public RemoteSpacesViewModel(RemoteSpaceService remotes, SpaceService spaces, TaskRunner runner) {
        this.remotes = remotes;
        this.spaces = spaces;
        this.runner = runner;
        selected.addListener((o, was, now) -> loadHistory(now));
    }

    public void refresh() {
        refresh(null);
    }

    public void refresh(String select) {
        String keep = select != null ? select : selected.get() == null ? null : selected.get().name();
        runner.run("Loading remote spaces", spaces::remotes, list -> {
            all.setAll(list);
            Space again = list.stream().filter(s -> s.name().equals(keep)).findFirst().orElse(null);
            selected.set(null); // reload the history even when the same space stays selected
            selected.set(again);
        }, this::showError);
    }

    private void loadHistory(Space s) {
        history.clear();
        if (s != null) {
            runner.run("Loading the certificates of " + s.describe(), () -> spaces.certificates(s.name()), list -> {
                if (s.equals(selected.get())) {
                    history.setAll(list.stream().filter(c -> !c.isCurrent()).toList());
                }
            }, this::showError);
        }
    }

    public CertificateInputViewModel add() {
        return new CertificateInputViewModel(remotes, runner, null);
    }

    public CertificateInputViewModel replace(Space s) {
        return new CertificateInputViewModel(remotes, runner, s);
    }

    public void remove(Space s) {
        remotes.remove(s.name());
    }

    public void removed(Space s) {
        showInfo("Removed " + s.describe() + ".");
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

    public ObservableList<Space> all() {
        return all;
    }

    public ObjectProperty<Space> selectedProperty() {
        return selected;
    }

    /** Earlier certificates of the selected space, most recent first. */
    public ObservableList<StoredCertificate> history() {
        return history;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public TaskRunner runner() {
        return runner;
    }
}
