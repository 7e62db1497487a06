package odcm.app.ui.space;

import java.nio.file.Path;
import java.util.Locale;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.io.UserFiles;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.cert.CertificateFormat;
import odcm.model.space.Space;

/** The local spaces of this console: the list, its filter, the selected space and what can be done to it. */
public final class SpacesViewModel {
    private final SpaceService spaces;
    private final odcm.app.service.KeyService keys;
    private final TaskRunner runner;
    private final SelectableList<Space> list = new SelectableList<>(Space::name, true);
    private final FilteredList<Space> shown = new FilteredList<>(list.items());
    private final StringProperty filter = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    /** The selected space's earlier key still accepted after a rotation ("" when none), decision 0056. */
    private final SimpleStringProperty overlap = new SimpleStringProperty("");
    /** When the list was loaded, by the store's clock: what certificates are marked expired or not yet valid against. */
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();

    private record Loaded(List<Space> spaces, Instant now) {
    }

    public SpacesViewModel(SpaceService spaces, odcm.app.service.KeyService keys, TaskRunner runner) {
        this.spaces = spaces;
        this.keys = keys;
        this.runner = runner;
        list.selectedProperty().addListener((o, was, s) -> loadOverlap(s));
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

    /** Reloads the list; then selects the space named {@code select}, else keeps the selection by name, else the first. */
    public void refresh(String select) {
        runner.run("Loading spaces", () -> new Loaded(spaces.locals(), spaces.now()), loaded -> show(loaded.spaces(), loaded.now(), select),
                message::error);
    }

    /**
     * Shows these local spaces, read at {@code now} by the store's clock, and selects the space named {@code select},
     * else keeps the selection by name, else the first. On the FX thread, or before the screen is in a shown scene.
     */
    public void show(List<Space> locals, Instant at, String select) {
        now.set(at); // before the selection changes, so the detail judges by this time
        list.replace(locals, select);
    }

    private void loadOverlap(Space s) {
        overlap.set("");
        if (s != null) {
            runner.run("Loading the earlier keys of " + s.describe(), () -> keys.windows(s.name()), windows -> {
                Instant at = now.get();
                List<String> open = windows.stream().filter(w -> w.acceptedUntil() != null && (at == null || at.isBefore(w.acceptedUntil())))
                        .map(w -> odcm.app.ui.common.Formats.dateTime(w.acceptedUntil())).toList();
                if (!open.isEmpty() && s.equals(list.selectedProperty().get())) {
                    overlap.set((open.size() == 1 ? "Its earlier key, replaced by a key rotation, is still accepted until " + open.get(0)
                            : "Its " + open.size() + " earlier keys, replaced by key rotations, are still accepted until " + String.join(", ", open))
                            + " ('odcm space retire-old-key' ends that now).");
                }
            }, message::error);
        }
    }

    /** The selected space's earlier key still accepted after a rotation, in a sentence; "" when none. */
    public javafx.beans.value.ObservableStringValue overlapProperty() {
        return overlap;
    }

    public void saveCertificate(Path file) {
        Space s = list.selectedProperty().get();
        if (s == null) {
            return;
        }
        CertificateFormat format = CertificateFormat.forFileName(file.getFileName().toString());
        runner.run("Saving the certificate of " + s.describe(), () -> {
            spaces.exportCertificate(s.name(), format, String.valueOf(file.getFileName()), bytes -> UserFiles.write(file, bytes));
            return file;
        }, f -> message.info("Saved the certificate of " + s.describe() + " as " + format + " to " + f + "."), message::error);
    }

    /** The suggested file name: the space name made safe for any file system. */
    public static String certificateFileName(Space s) {
        return s.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "") + ".pem";
    }

    public NewSpaceViewModel newSpace() {
        return new NewSpaceViewModel(spaces, runner);
    }

    /** The Rotate key dialog for {@code s}, the statement to be written to {@code statement} (decision 0056). */
    public RotateKeyViewModel rotateKey(Space s, Path statement) {
        return new RotateKeyViewModel(keys, runner, s, statement);
    }

    /** The suggested file name of a rotation statement. */
    public static String statementFileName(Space s) {
        return certificateFileName(s).replaceAll("\\.pem$", "") + "-rotation" + odcm.packaging.bundle.KeyStatementFormat.EXTENSION;
    }

    public RenameSpaceViewModel rename(Space s) {
        return new RenameSpaceViewModel(spaces, runner, s);
    }

    public DescribeSpaceViewModel describe(Space s) {
        return new DescribeSpaceViewModel(spaces, runner, s);
    }

    /** Deletion as the confirm dialog runs it; refusals (trusts still refer to it) stay in the dialog. */
    public void delete(Space s) {
        spaces.delete(s.name());
    }

    public void deleted(Space s) {
        message.info("Deleted " + s.describe() + ".");
        refresh();
    }

    /** After a dialog changed a space: say so and show the list with that space selected. */
    public void changed(String sentence, Space s) {
        message.info(sentence);
        refresh(s.name());
    }

    public ObservableList<Space> all() {
        return list.items();
    }

    public FilteredList<Space> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Space> selectedProperty() {
        return list.selectedProperty();
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
