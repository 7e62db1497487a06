package odcm.app.ui.release;

import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.release.Release;

/** "Create release": version, notes, channel, and one row per package the process deploys. */
public final class CreateReleaseDialog {
    private CreateReleaseDialog() {
    }

    public static FormDialog create(Window owner, CreateReleaseViewModel vm, Consumer<Release> onCreated) {
        TextField version = new TextField();
        version.setId("release-version");
        version.textProperty().bindBidirectional(vm.versionProperty());
        TextArea notes = new TextArea();
        notes.setId("release-notes");
        notes.setPrefRowCount(3);
        notes.setWrapText(true);
        notes.textProperty().bindBidirectional(vm.notesProperty());
        ComboBox<String> channel = new ComboBox<>(vm.channels());
        channel.setId("release-channel");
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Version", version);
        Forms.row(grid, "_Notes", notes);
        Forms.row(grid, "_Channel", channel);

        VBox content = new VBox(12, grid, Forms.hint(vm.packages().isEmpty()
                ? "No step of this process deploys a package, so the release's package manifest is empty."
                : "The exact packages this release deploys: a version and the SHA-256 of each package file."), packages(vm),
                Forms.problem("create-release-problem", vm.problemProperty(), Css.WARNING),
                Forms.hint("Creating the release freezes the project's process, variables and templates as they are now."));
        FormDialog dialog = new FormDialog(owner, "create-release", "Create a release of '" + vm.project().name() + "'", "Create",
                content, vm.problemProperty().isNotEmpty(), vm.state(), close -> vm.create(r -> {
                    close.run();
                    onCreated.accept(r);
                }));
        dialog.pane().setPrefWidth(940); // a whole SHA-256 in sight, to compare with the build's
        return dialog;
    }

    private static GridPane packages(CreateReleaseViewModel vm) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setId("release-packages");
        if (vm.packages().isEmpty()) {
            return grid;
        }
        grid.addRow(0, head("Package"), head("Version"), head("SHA-256"));
        for (int i = 0; i < vm.packages().size(); i++) {
            PackageRow row = vm.packages().get(i);
            Label id = new Label(row.packageId());
            id.setId("package-id-" + i);
            id.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            TextField v = new TextField();
            v.setId("package-version-" + i);
            v.setPrefColumnCount(8);
            v.textProperty().bindBidirectional(row.versionProperty());
            TextField sha = new TextField();
            sha.setId("package-sha-" + i);
            sha.getStyleClass().add(Css.MONO);
            sha.setPrefColumnCount(48);
            sha.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            sha.setPromptText("64 hexadecimal digits");
            sha.textProperty().bindBidirectional(row.sha256Property());
            grid.addRow(i + 1, id, v, sha);
            javafx.scene.layout.GridPane.setHgrow(sha, javafx.scene.layout.Priority.ALWAYS);
        }
        return grid;
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.FIELD_NAME);
        return l;
    }
}
