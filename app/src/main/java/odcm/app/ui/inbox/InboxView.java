package odcm.app.ui.inbox;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.app.ui.inbox.InboxViewModel.Item;

/**
 * Inbox screen: the release bundles waiting for the current space — its watched folder, files dropped on the screen,
 * files opened with Open… — each with its verification outcome; Import… opens the wizard.
 */
public final class InboxView {
    private final InboxViewModel vm;
    private final FilePicker files;
    private final odcm.app.service.ReceiptService receipts;
    private final BorderPane root = new BorderPane();
    private final TableView<Item> table = Tables.table("inbox-table");
    private ImportWizard wizard;

    private final odcm.app.ui.common.RoleGate gate;

    public InboxView(InboxViewModel vm, odcm.app.service.ReceiptService receipts, FilePicker files, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.gate = gate;
        this.files = files;
        this.receipts = receipts;
        Button open = Forms.button("inbox-open", "_Open…", "Check a bundle file from anywhere", this::openFile);
        open.disableProperty().bind(vm.space().nameProperty().isEmpty());
        Button importButton = Forms.button("inbox-import", "_Import…", "Open the import wizard for the selected bundle", this::importSelected);
        // Not for a refused bundle, nor one imported before: the tooltip (and the line under the list) says why.
        javafx.beans.binding.StringBinding mayNot = gate.why(p -> p.refusal(odcm.model.role.Action.IMPORT_BUNDLE, vm.space().name(), null),
                vm.space().nameProperty());
        javafx.beans.binding.StringBinding whyNot = javafx.beans.binding.Bindings.createStringBinding(() -> !mayNot.get().isEmpty() ? mayNot.get()
                : vm.selectedProperty().get() == null ? "" : vm.selectedProperty().get().notImportable(), mayNot, vm.selectedProperty());
        javafx.scene.Node importBox = odcm.app.ui.common.RoleGate.gated(importButton, vm.selectedProperty().isNull(), whyNot);
        Button refresh = Forms.button("inbox-refresh", "Check _again", "Read the folder and check every bundle again", vm::refresh);
        Button receipt = Forms.button("inbox-import-receipt", "Import _receipt…",
                "Accept a deployment receipt from a space this space's releases went to", this::importReceipt);
        receipt.disableProperty().bind(vm.space().nameProperty().isEmpty());
        ScreenHeader.place(root, "inbox-screen", ScreenHeader.create("Inbox",
                "Release bundles for this space: drop files here, put them in the watched folder, or open one. Each is checked before it is opened. "
                        + "Deployment receipts from the spaces its releases went to: Import receipt….",
                open, importBox, refresh, receipt), new MessageLine("inbox-message", vm.message()));

        table.getColumns().setAll(List.of(
                Tables.<Item>column("File", 220, Item::name),
                Tables.<Item>fixed("Outcome", 210, Item::verdict), // "Imported, awaits acceptance" whole
                Tables.<Item>column("Release", 260, Item::release),
                Tables.<Item>column("Why", 420, Item::sentence)));
        table.setItems(vm.items());
        table.setPlaceholder(Forms.emptyState("inbox-empty", "No bundles here yet. Drop a bundle file on this screen, put it in the watched folder, or use Open…."));
        Tables.bindSelection(table, vm.selectedProperty());
        table.setRowFactory(t -> {
            var row = new javafx.scene.control.TableRow<Item>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    importSelected();
                }
            });
            return row;
        });
        VBox center = new VBox(10, folderRow(), table, detail());
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setCenter(center);
        dragAndDrop();
    }

    private Node folderRow() {
        TextField path = new TextField();
        path.setId("inbox-folder");
        path.setEditable(false);
        path.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.folderProperty().get() == null ? "" : vm.folderProperty().get().toString(), vm.folderProperty()));
        HBox.setHgrow(path, Priority.ALWAYS);
        Button change = Forms.button("inbox-change-folder", "_Change…", "Watch another folder for this space (until the console closes)", () ->
                files.folder(root.getScene().getWindow(), "Watched folder for " + vm.space().name(), vm.folderProperty().get()).ifPresent(vm::watch));
        change.disableProperty().bind(vm.space().nameProperty().isEmpty());
        Button show = Forms.button("inbox-show-folder", "Open _folder", "Open the watched folder in the file manager", vm::openFolder);
        show.disableProperty().bind(vm.folderProperty().isNull());
        Label l = new Label("Watched folder");
        HBox row = new HBox(8, l, path, show, change);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private Node detail() {
        Label sentence = new Label();
        sentence.setId("inbox-detail");
        sentence.setWrapText(true);
        sentence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // The file's SHA-256, as the Promote dialog shows it to the promoter, to compare with what they read out.
        odcm.app.ui.common.FingerprintView sha = new odcm.app.ui.common.FingerprintView("inbox-sha256");
        Label shaName = new Label("File SHA-256");
        shaName.getStyleClass().add(Css.FIELD_NAME);
        shaName.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox shaRow = new HBox(12, shaName, sha);
        shaRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        vm.selectedProperty().addListener((o, was, now) -> {
            sentence.setText(now == null ? "" : now.name() + ": " + now.sentence());
            sentence.getStyleClass().removeAll(Css.OK, Css.ERROR, Css.HINT);
            sentence.getStyleClass().add(now == null || now.outcome() instanceof odcm.packaging.bundle.VerificationOutcome.AlreadyAccepted ? Css.HINT
                    : now.importable() ? Css.OK : Css.ERROR);
            sha.show(now == null ? null : now.sha256());
            shaRow.setVisible(now != null && now.sha256() != null);
        });
        shaRow.setVisible(false);
        shaRow.managedProperty().bind(shaRow.visibleProperty());
        return new VBox(6, sentence, shaRow);
    }

    private void dragAndDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && vm.space().isChosen()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                vm.add(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void openFile() {
        files.open(root.getScene().getWindow(), "Open a release bundle", List.of(new ExtensionFilter("Release bundles", "*.odcmbundle", "*.zip"),
                new ExtensionFilter("All files", "*"))).ifPresent(f -> vm.add(List.of(f)));
    }

    private void importSelected() {
        Item item = vm.selectedProperty().get();
        if (item == null || !item.notImportable().isEmpty() || (wizard != null && wizard.stage().isShowing())) {
            return;
        }
        List<String> sheets = List.copyOf(root.getScene().getStylesheets());
        // The wizard's content is made and styled on the worker with the bundle read; the FX thread makes its window (0033).
        vm.runner().run("Reading " + item.name(), () -> ImportWizard.made(vm.wizardModel(item), sheets), made -> {
            wizard = made.show(root.getScene().getWindow());
            wizard.stage().setOnHidden(e -> vm.refresh());
        }, vm.message()::error);
    }

    /** Opens "Import receipt…" as the current space. */
    public void importReceipt() {
        importReceipt(null);
    }

    /** Opens "Import receipt…" as the current space, with this receipt file opened in it (when not null). */
    public void importReceipt(java.nio.file.Path file) {
        if (!vm.space().isChosen()) {
            return;
        }
        var receiptVm = new odcm.app.ui.receipt.ReceiptsViewModel(receipts, vm.runner(), vm.space().name());
        odcm.app.ui.receipt.ReceiptDialogs.importer(root.getScene().getWindow(), receiptVm, files).show();
        if (file != null) {
            receiptVm.importFile(file);
        }
    }

    /** Lists this bundle file with the folder's, checked, and selects it (a file the console was opened with). */
    public void show(java.nio.file.Path file) {
        vm.add(List.of(file));
    }

    /** The open wizard, if any (tests drive it). */
    public ImportWizard wizard() {
        return wizard;
    }

    public Screen screen() {
        return new Screen("Inbox", root, () -> {
            gate.refresh();
            vm.refresh();
            vm.startWatching();
        }, this::openFile).whenHidden(vm::stopWatching);
    }
}
