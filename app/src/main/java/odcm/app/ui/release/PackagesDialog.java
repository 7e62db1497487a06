package odcm.app.ui.release;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;
import odcm.app.service.PackageTransferService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.ProgressDialog;

/**
 * "Export packages for…" and "Import packages…" (the Releases screen's Packages…, decision 0060): a package archive of the
 * selected release for a space, or one imported into this space; progress and Cancel while it runs, the result one line a
 * package, a refusal one sentence.
 */
final class PackagesDialog {
    static final List<ExtensionFilter> ARCHIVES = List.of(new ExtensionFilter("Package archives (*" + PackageTransferService.EXTENSION + ")",
            "*" + PackageTransferService.EXTENSION), new ExtensionFilter("All files", "*.*"));
    static final List<ExtensionFilter> INVENTORIES = List.of(new ExtensionFilter("Package inventories (*"
            + PackageTransferService.INVENTORY_EXTENSION + ")", "*" + PackageTransferService.INVENTORY_EXTENSION), new ExtensionFilter("All files", "*.*"));

    private PackagesDialog() {
    }

    static Dialog<ButtonType> exporter(Window owner, PackagesViewModel vm, FilePicker files) {
        ComboBox<String> target = new ComboBox<>(vm.targets());
        target.setId("packages-for");
        target.valueProperty().bindBidirectional(vm.forSpaceProperty());
        target.setMaxWidth(Double.MAX_VALUE);
        Button inventory = Forms.button("packages-have", "_Inventory…", "The signed inventory of the packages that space holds (optional)",
                () -> files.open(owner, "Open the space's package inventory", INVENTORIES).ifPresent(vm.haveProperty()::set));
        Button noInventory = Forms.button("packages-have-clear", "C_lear", "Export without an inventory: assume that space holds the"
                + " packages of the releases of this project sent there before", () -> vm.haveProperty().set(null));
        noInventory.disableProperty().bind(vm.haveProperty().isNull().or(vm.state().submittingProperty()));
        Button save = Forms.button("packages-choose-file", "_Save as…", "Choose where to write the package archive",
                () -> files.save(owner, "Save the package archive", vm.suggestedFileName(), ARCHIVES).ifPresent(vm.fileProperty()::set));
        GridPane form = Forms.grid();
        Forms.row(form, "For space", target);
        Forms.row(form, "Inventory", new HBox(8, path("packages-have-file", vm.haveProperty(), "none: the releases sent there before"), inventory,
                noInventory));
        Forms.row(form, "File", new HBox(8, path("packages-file", vm.fileProperty(), ""), save));
        Button write = Forms.button("packages-export-ok", "_Write archive", "Sign the archive with this space's key and write it", vm::export);
        write.disableProperty().bind(vm.forSpaceProperty().isNull().or(vm.fileProperty().isNull()).or(vm.state().submittingProperty())
                .or(vm.resultProperty().isNotNull()));
        return dialog(owner, vm, "packages-export", "Export the packages of " + vm.release() + " for a space",
                "Writes a signed package archive holding only the packages that space lacks — per its inventory when you give one, else"
                        + " all but those of the releases of this project sent there before — each as a delta on a package it has when"
                        + " that is smaller. Every package is checked by its hash first.", form, write, "Writing the package archive");
    }

    static Dialog<ButtonType> importer(Window owner, PackagesViewModel vm, FilePicker files) {
        Button open = Forms.button("packages-open", "_Open package archive…", "Choose a package archive to check and import",
                () -> files.open(owner, "Open a package archive", ARCHIVES).ifPresent(vm::importFile));
        open.disableProperty().bind(vm.state().submittingProperty());
        HBox top = new HBox(10, open, path("packages-import-file", vm.fileProperty(), "No file opened yet."));
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return dialog(owner, vm, "packages-import", "Import packages into '" + vm.space() + "'",
                "Checks the archive's signature (a space trusted here for release bundles), that it is addressed here and each"
                        + " package's hash as it is read; rebuilds each package and checks it against the signed manifest of its"
                        + " release as imported here; then stores them all. A refused archive, or Cancel, changes nothing.", top, null,
                "Importing the package archive");
    }

    private static TextField path(String id, javafx.beans.property.ObjectProperty<java.nio.file.Path> file, String none) {
        TextField f = new TextField();
        f.setId(id);
        f.setEditable(false);
        f.setPromptText(none);
        f.textProperty().bind(Bindings.createStringBinding(() -> file.get() == null ? "" : file.get().toAbsolutePath().toString(), file));
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    /** The dialog around {@code form}: the action, the result (a sentence and a line a package), the refusal, the progress. */
    private static Dialog<ButtonType> dialog(Window owner, PackagesViewModel vm, String id, String title, String hint,
                                             javafx.scene.Node form, Button action, String working) {
        Dialog<ButtonType> d = Forms.closeOnly(owner, id, title);
        Label done = new Label();
        done.setId(id + "-result");
        done.setWrapText(true);
        done.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        done.getStyleClass().add(Css.OK);
        ListView<String> lines = new ListView<>();
        lines.setId(id + "-lines");
        lines.setPrefHeight(140);
        vm.resultProperty().addListener((o, was, r) -> {
            done.setText(r == null ? "" : "✔ " + r.sentence());
            lines.getItems().setAll(r == null ? List.of() : r.lines().stream().map(l -> l.replace('\t', ' ')).toList());
        });
        VBox result = new VBox(8, done, lines);
        result.visibleProperty().bind(vm.resultProperty().isNotNull());
        result.managedProperty().bind(result.visibleProperty());
        Label refused = Forms.problem(id + "-error", Bindings.createStringBinding(() -> vm.state().error().isEmpty() ? ""
                : "✖ REFUSED — " + vm.state().error(), vm.state().errorProperty()), Css.ERROR);
        VBox body = new VBox(12, Forms.hint(hint), form);
        if (action != null) {
            body.getChildren().add(action);
        }
        body.getChildren().addAll(refused, result);
        body.getStyleClass().add(Css.FORM);
        d.getDialogPane().setContent(body);
        d.getDialogPane().setPrefSize(760, 440);
        d.getDialogPane().setMinSize(760, 440);
        ProgressDialog.follow(vm.state().runningProperty(),
                () -> d.getDialogPane().getScene() == null ? owner : d.getDialogPane().getScene().getWindow(), working);
        return d;
    }
}
