package odcm.app.ui.space;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.SpaceService;
import odcm.app.ui.task.TaskRunner;
import odcm.model.cert.CertificateFormat;
import odcm.model.space.Space;

/** The local spaces of this console: the list, its filter, the selected space and what can be done to it. */
public final class SpacesViewModel {
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final ObservableList<Space> all = FXCollections.observableArrayList();
    private final FilteredList<Space> shown = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Space> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);

    public SpacesViewModel(SpaceService spaces, TaskRunner runner) {
        this.spaces = spaces;
        this.runner = runner;
        filter.addListener((o, was, now) -> shown.setPredicate(s -> matches(s, now)));
    }

    static boolean matches(Space s, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return (s.name() + "\n" + s.description() + "\n" + s.certificate().fingerprint().hex()).toLowerCase(Locale.ROOT).contains(needle)
                || s.certificate().fingerprint().grouped().toLowerCase(Locale.ROOT).contains(needle);
    }

    public void refresh() {
        refresh(null);
    }

    /** Reloads the list; then selects the space named {@code select}, or keeps the selection by name. */
    public void refresh(String select) {
        String keep = select != null ? select : selected.get() == null ? null : selected.get().name();
        runner.run("Loading spaces", spaces::locals, list -> replace(list, keep), this::showError);
    }

    private void replace(List<Space> list, String select) {
        all.setAll(list);
        selected.set(list.stream().filter(s -> s.name().equals(select)).findFirst().orElse(null));
    }

    public void saveCertificate(Path file) {
        Space s = selected.get();
        if (s == null) {
            return;
        }
        CertificateFormat format = CertificateFormat.forFileName(file.getFileName().toString());
        runner.run("Saving the certificate of " + s.describe(), () -> {
            Files.write(file, spaces.certificate(s.name(), format));
            return file;
        }, f -> showInfo("Saved the certificate of " + s.describe() + " as " + format + " to " + f + "."), this::showError);
    }

    /** The suggested file name: the space name made safe for any file system. */
    public static String certificateFileName(Space s) {
        return s.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "") + ".pem";
    }

    public NewSpaceViewModel newSpace() {
        return new NewSpaceViewModel(spaces, runner);
    }

    public RenameSpaceViewModel rename(Space s) {
        return new RenameSpaceViewModel(spaces, runner, s);
    }

    /** Deletion as the confirm dialog runs it; refusals (trusts still refer to it) stay in the dialog. */
    public void delete(Space s) {
        spaces.delete(s.name());
    }

    public void deleted(Space s) {
        showInfo("Deleted " + s.describe() + ".");
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

    public FilteredList<Space> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Space> selectedProperty() {
        return selected;
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
