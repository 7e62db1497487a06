package odcm.app.ui.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.PackageTransferService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;

/**
 * "Packages…" of the Releases screen (decision 0060): export the packages of the selected release for a space it is promoted
 * to (only what that space lacks, per its inventory when one is given), or import a package archive into this space. The
 * work runs on the task runner with its progress and Cancel; a refusal is one sentence and changes nothing.
 */
public final class PackagesViewModel {
    private final PackageTransferService transfer;
    private final FormState state;
    private final String space;
    private final String project;
    private final String version;
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObjectProperty<String> forSpace = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> have = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<PackageTransferService.Result> result = new SimpleObjectProperty<>();

    /** {@code project} and {@code version}: the selected release, null when none (then only the import is offered). */
    public PackagesViewModel(PackageTransferService transfer, TaskRunner runner, String space, String project, String version, List<String> targets) {
        this.transfer = transfer;
        this.state = new FormState(runner);
        this.space = space;
        this.project = project;
        this.version = version;
        this.targets.setAll(targets);
        if (targets.size() == 1) {
            forSpace.set(targets.get(0));
        }
    }

    /** The archive's file name offered in the save dialog: "Web-1.1.0-for-Prod-Space.odcmpackages". */
    public String suggestedFileName() {
        String name = (project + "-" + version + "-for-" + (forSpace.get() == null ? "target" : forSpace.get()))
                .replaceAll("[^A-Za-z0-9._+-]+", "-").replaceAll("-{2,}", "-");
        return name.replaceAll("^[-.]+", "") + PackageTransferService.EXTENSION;
    }

    /** Writes the archive; the save dialog already asked before replacing a file, so a chosen file is replaced. */
    public void export() {
        if (forSpace.get() == null) {
            state.showError("Choose the space the packages are for.");
            return;
        }
        if (file.get() == null) {
            state.showError("Choose where to save the package archive.");
            return;
        }
        String target = forSpace.get();
        Path out = file.get();
        Optional<Path> inventory = Optional.ofNullable(have.get());
        result.set(null);
        state.submitLong("Writing the packages of release " + version + " for '" + target + "'",
                progress -> transfer.export(space, project, version, target, inventory, out, true, progress), result::set);
    }

    /** Checks and imports a package archive into this space; all or nothing. */
    public void importFile(Path archive) {
        file.set(archive);
        result.set(null);
        state.submitLong("Importing " + archive.getFileName() + " into '" + space + "'",
                progress -> transfer.importArchive(space, archive, progress), result::set);
    }

    public String space() {
        return space;
    }

    public String release() {
        return version == null ? "" : "release " + version + " of '" + project + "'";
    }

    public ObservableList<String> targets() {
        return targets;
    }

    public ObjectProperty<String> forSpaceProperty() {
        return forSpace;
    }

    public ObjectProperty<Path> haveProperty() {
        return have;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ObjectProperty<PackageTransferService.Result> resultProperty() {
        return result;
    }

    public FormState state() {
        return state;
    }
}
