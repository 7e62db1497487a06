package odcm.app.ui.remote;

import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.RemoteSpaceService;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.persistence.space.StoredCertificate;

/** Remote spaces: the list, the selected one with its certificate history, and add/replace/remove. */
public final class RemoteSpacesViewModel {
    private final RemoteSpaceService remotes;
    private final odcm.app.service.KeyService keys;
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final SelectableList<Space> list = new SelectableList<>(Space::name, true);
    private final ObservableList<StoredCertificate> history = FXCollections.observableArrayList();
    /** The overlaps and compromises of the selected space's certificates, by certificate id (decision 0056). */
    private final java.util.Map<Long, odcm.persistence.space.SpaceRepository.CertificateWindow> windows = new java.util.HashMap<>();
    /** Whether the selected space's current certificate was confirmed with the other side (true until known otherwise). */
    private final javafx.beans.property.BooleanProperty confirmed = new javafx.beans.property.SimpleBooleanProperty(true);
    /** Why the selected space's current certificate is not to be trusted: its key declared compromised; "" when not. */
    private final javafx.beans.property.StringProperty compromised = new javafx.beans.property.SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    /** When the list was loaded, by the store's clock: what certificates are marked expired or not yet valid against. */
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();

    private record Loaded(List<Space> spaces, Instant now) {
    }

    public RemoteSpacesViewModel(RemoteSpaceService remotes, odcm.app.service.KeyService keys, SpaceService spaces, TaskRunner runner) {
        this.remotes = remotes;
        this.keys = keys;
        this.spaces = spaces;
        this.runner = runner;
        list.selectedProperty().addListener((o, was, now) -> loadHistory(now));
    }

    public void refresh() {
        refresh(null);
    }

    /** Reloads the list; then selects the space named {@code select}, else keeps the selection by name, else the first. */
    public void refresh(String select) {
        runner.run("Loading remote spaces", () -> new Loaded(spaces.remotes(), spaces.now()), loaded -> {
            now.set(loaded.now()); // before the selection changes, so the detail judges by this time
            list.replace(loaded.spaces(), select);
        }, message::error);
    }

    private void loadHistory(Space s) {
        history.clear();
        if (s != null) {
            record Read(List<StoredCertificate> certificates, List<odcm.persistence.space.SpaceRepository.CertificateWindow> windows) {
            }
            runner.run("Loading the certificates of " + s.describe(), () -> new Read(spaces.certificates(s.name()), keys.windows(s.name())), read -> {
                List<StoredCertificate> certificates = read.certificates();
                if (s.equals(list.selectedProperty().get())) {
                    windows.clear();
                    read.windows().forEach(w -> windows.put(w.certificateId(), w));
                    history.setAll(certificates.stream().filter(c -> !c.isCurrent()).toList());
                    confirmed.set(certificates.stream().filter(StoredCertificate::isCurrent).allMatch(StoredCertificate::isConfirmed));
                    compromised.set(certificates.stream().filter(StoredCertificate::isCurrent).map(c -> windows.get(c.id()))
                            .filter(w -> w != null && w.compromisedFrom() != null).map(w -> "The key of this certificate was declared compromised"
                                    + " from " + odcm.app.ui.common.Formats.dateTime(w.compromisedFrom()) + " on: nothing signed with it is"
                                    + " accepted. Ask the other side for its new certificate and replace it (Replace certificate…).")
                            .findFirst().orElse(""));
                }
            }, message::error);
        }
    }

    public javafx.beans.value.ObservableStringValue compromisedProperty() {
        return compromised;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty confirmedProperty() {
        return confirmed;
    }

    public ConfirmFingerprintViewModel confirm(Space s) {
        return new ConfirmFingerprintViewModel(remotes, runner, s);
    }

    /** The Import key statement dialog for remote space {@code s} and the statement file {@code file} (decision 0056). */
    public ImportStatementViewModel importStatement(Space s, java.nio.file.Path file) {
        return new ImportStatementViewModel(keys, runner, s, file);
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
        message.info("Removed " + s.describe() + ".");
        refresh();
    }

    /** After a dialog saved a remote space: say so and show the list with that space selected. */
    public void changed(String sentence, Space s) {
        message.info(sentence);
        refresh(s.name());
    }

    public ObservableList<Space> all() {
        return list.items();
    }

    public ObjectProperty<Space> selectedProperty() {
        return list.selectedProperty();
    }

    /**
     * An earlier certificate as the history shows it: when it was added, then replaced (still accepted in a rotation's
     * overlap) or retired, its overlap's end and a compromise declared.
     */
    public String earlier(StoredCertificate c) {
        var w = windows.get(c.id());
        boolean replaced = w != null && now.get() != null && w.inOverlapAt(now.get());
        return "added " + Formats.dateTime(c.addedAt()) + (replaced ? ", replaced " : ", retired ") + Formats.dateTime(c.retiredAt())
                + (w == null || w.acceptedUntil() == null ? "" : ", accepted until " + Formats.dateTime(w.acceptedUntil()))
                + (w == null || w.compromisedFrom() == null ? "" : ", COMPROMISED from " + Formats.dateTime(w.compromisedFrom()));
    }

    /** Earlier certificates of the selected space, most recent first. */
    public ObservableList<StoredCertificate> history() {
        return history;
    }

    /** When the list was last loaded, by the store's clock (null before). */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** "Expired 2025-03-15", "Not valid until …", or "" for a space whose certificate is valid now. */
    public String validityProblem(Space s) {
        return odcm.app.ui.common.Formats.validityProblem(s.certificate(), now.get());
    }

    public StatusMessage message() {
        return message;
    }

    public TaskRunner runner() {
        return runner;
    }
}
