package odcm.app.ui.bundle;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;
import odcm.app.service.BundleService;
import odcm.app.service.BundleService.Target;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;

/** "Promote to space…" and, afterwards, what was written with the fingerprint to read out to the importer. */
public final class PromoteDialog {
    static final List<ExtensionFilter> BUNDLE_FILES = List.of(new ExtensionFilter("Release bundles (*" + BundleService.EXTENSION + ")",
            "*" + BundleService.EXTENSION), new ExtensionFilter("All files", "*.*"));

    private PromoteDialog() {
    }

    public static FormDialog create(Window owner, PromoteViewModel vm, FilePicker files, Consumer<PromoteViewModel.Result> onDone) {
        ComboBox<Target> target = new ComboBox<>(vm.targets());
        target.setId("promote-target");
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.setCellFactory(l -> new TargetCell());
        target.setButtonCell(new TargetCell());

        ToggleGroup how = new ToggleGroup();
        RadioButton toFile = new RadioButton("Write a bundle _file");
        toFile.setId("promote-to-file");
        toFile.setToggleGroup(how);
        RadioButton direct = new RadioButton();
        direct.setId("promote-direct");
        direct.setToggleGroup(how);
        direct.textProperty().bind(Bindings.createStringBinding(() -> vm.targetProperty().get() == null ? "Deliver directly"
                : "_Deliver directly to '" + vm.targetProperty().get().name() + "'", vm.targetProperty()));
        direct.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.targetProperty().get() == null || !vm.targetProperty().get().local(),
                vm.targetProperty()));
        direct.setTooltip(new Tooltip("Only for a space of this console; it checks the bundle with the same verifier as a file"));
        toFile.setSelected(!vm.directProperty().get());
        direct.setSelected(vm.directProperty().get());
        how.selectedToggleProperty().addListener((o, was, now) -> vm.directProperty().set(now == direct));
        vm.directProperty().addListener((o, was, now) -> how.selectToggle(now ? direct : toFile));

        TextField file = new TextField();
        file.setId("promote-file");
        file.setPrefColumnCount(40);
        file.textProperty().bindBidirectional(vm.fileProperty());
        Button choose = Forms.button("promote-choose-file", "C_hoose…", "Choose the file to write", () -> {
            java.nio.file.Path current = java.nio.file.Path.of(vm.fileProperty().get().isBlank() ? "bundle" : vm.fileProperty().get());
            files.save(owner, "Write the release bundle", String.valueOf(current.getFileName()), BUNDLE_FILES).ifPresent(p -> {
                vm.fileProperty().set(p.toString());
                vm.replaceProperty().set(true); // the file chooser already asked before replacing
            });
        });
        HBox fileRow = new HBox(8, file, choose);
        HBox.setHgrow(file, Priority.ALWAYS);
        fileRow.disableProperty().bind(vm.directProperty());
        CheckBox replace = new CheckBox("_Replace the file if it exists");
        replace.setId("promote-replace");
        replace.selectedProperty().bindBidirectional(vm.replaceProperty());
        replace.disableProperty().bind(vm.directProperty());
        TextField days = new TextField();
        days.setId("promote-days");
        days.setPrefColumnCount(4);
        days.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        days.textProperty().bindBidirectional(vm.daysProperty());

        TextField reason = new TextField();
        reason.setId("promote-out-of-order-reason");
        reason.setPromptText("why it may skip the earlier phases");
        reason.textProperty().bindBidirectional(vm.outOfOrderProperty());
        Label reasonLabel = new Label("_Reason to promote out of lifecycle order");
        reasonLabel.setMnemonicParsing(true);
        reasonLabel.setLabelFor(reason);
        Label skips = new Label(); // once a reason is given the refusal leaves the problem line: what is skipped stays in sight
        skips.setId("promote-out-of-order-skips");
        skips.setWrapText(true);
        skips.getStyleClass().add(Css.HINT);
        skips.textProperty().bind(Bindings.createStringBinding(() -> vm.offersOverride() && !vm.outOfOrderProperty().get().isBlank()
                ? "Skips: " + vm.targetProperty().get().order() : "", vm.targetProperty(), vm.outOfOrderProperty()));
        skips.managedProperty().bind(skips.textProperty().isNotEmpty());
        VBox override = new VBox(4, reasonLabel, reason, Forms.hint("As release manager you may promote it out of lifecycle order, saying why: "
                + "it is recorded in the audit log and shown at the target with the bundle."), skips);
        override.setId("promote-out-of-order");
        javafx.beans.binding.BooleanBinding offered = Bindings.createBooleanBinding(vm::offersOverride, vm.targetProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_To space", target);
        Forms.row(grid, "Delivery", new HBox(16, toFile, direct));
        Forms.row(grid, "_File", fileRow);
        Forms.row(grid, "", replace);
        Forms.row(grid, "_Valid for (days)", days);
        Forms.row(grid, "", override);
        override.visibleProperty().bind(offered);
        override.managedProperty().bind(offered);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("promote-progress");
        progress.setPrefSize(18, 18);
        Label working = new Label("Signing, encrypting and writing…");
        HBox busy = new HBox(8, progress, working);
        busy.visibleProperty().bind(vm.state().submittingProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        VBox content = new VBox(12, Forms.hint("The bundle is signed with this space's key and its sensitive values are encrypted for the "
                + "target's certificate. Only spaces the project's lifecycle promotes to are offered."), grid,
                Forms.problem("promote-problem", vm.problemProperty(), Css.WARNING), busy);
        FormDialog dialog = new FormDialog(owner, "promote", "Promote release " + vm.release().version() + " of '" + vm.release().projectName()
                + "'", "Promote", content, vm.problemProperty().isNotEmpty(), vm.state(), close -> vm.promote(r -> {
                    close.run();
                    onDone.accept(r);
                }));
        dialog.pane().setPrefWidth(720);
        return dialog;
    }

    /** "Prod Space (remote)", or with the reason it cannot be chosen now. */
    private static final class TargetCell extends ListCell<Target> {
        @Override
        protected void updateItem(Target t, boolean empty) {
            super.updateItem(t, empty);
            setText(empty || t == null ? null : t.name() + (t.local() ? " (in this console)" : " (remote)")
                    + (t.available() ? t.inOrder() ? "" : " — not yet" : " — not now"));
            setTooltip(empty || t == null || t.available() && t.inOrder() ? null : new Tooltip(t.available() ? t.order() : t.problem()));
        }
    }

    /** The outcome: the file written and its fingerprint in selectable text with a Copy button, or the delivery's outcome. */
    public static Dialog<ButtonType> result(Window owner, PromoteViewModel.Result r) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setResizable(true);
        d.getDialogPane().setId("promote-result-dialog");
        d.getDialogPane().getStylesheets().add(Css.stylesheet());
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        VBox box = new VBox(12);
        box.getStyleClass().add(Css.FORM);
        if (r.promoted() == null) {
            d.setTitle("Delivered to '" + r.target() + "'");
            Label l = new Label("Delivered directly to '" + r.target() + "', which checked it with the same verifier as a file:\n"
                    + r.delivered().sentence());
            l.setId("promote-result-text");
            l.setWrapText(true);
            box.getChildren().add(l);
        } else {
            var e = r.promoted().entry();
            d.setTitle("Bundle written");
            Label l = new Label("Wrote the bundle of release " + e.version() + " of '" + e.project() + "' for '" + e.targetName() + "' (sequence "
                    + e.sequence() + ", valid until " + Formats.dateTime(e.expires()) + ", " + e.sizeBytes() + " bytes) to:");
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            TextField path = readOnly("promote-result-file", e.fileName());
            // Two lines of eight groups, never cut off: it is read out group by group.
            javafx.scene.control.TextArea fp = new javafx.scene.control.TextArea(Formats.fingerprintTwoLines(r.promoted().fingerprint()));
            fp.setId("promote-result-fingerprint");
            fp.setEditable(false);
            fp.setPrefRowCount(2);
            fp.setPrefColumnCount(40);
            fp.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            fp.getStyleClass().add(Css.FINGERPRINT);
            Button copy = Forms.button("promote-result-copy", "Cop_y", "Copy the fingerprint, in groups of four", () -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(r.promoted().fingerprint().grouped());
                Clipboard.getSystemClipboard().setContent(c);
            });
            HBox fpRow = new HBox(8, fp, copy);
            HBox.setHgrow(fp, Priority.ALWAYS);
            box.getChildren().addAll(l, path, Forms.hint("Fingerprint of the file (SHA-256). Read it out to the importer, who compares it "
                    + "with the file they received:"), fpRow);
        }
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(820);
        d.getDialogPane().setMinWidth(820);
        return d;
    }

    private static TextField readOnly(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setEditable(false);
        f.getStyleClass().add(Css.MONO);
        return f;
    }
}
