package odcm.app.ui.lifecycle;

import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.ConfirmDialog;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.NoSpaceState;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;

/** Lifecycles screen: the current space's lifecycles on the left, the one being edited on the right. */
public final class LifecyclesView {
    private final LifecyclesViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<Lifecycle> table = Tables.table("lifecycles-table");

    private final odcm.app.ui.common.RoleGate gate;
    /** Why the person may not change the current space's lifecycles (the service's sentence naming the role), or "". */
    private final javafx.beans.binding.StringBinding mayNot;

    public LifecyclesView(LifecyclesViewModel vm, CurrentSpace current, Runnable goToSpaces, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.gate = gate;
        this.mayNot = gate.why(p -> p.refusal(odcm.model.role.Action.CHANGE_LIFECYCLES, current.name(), null), current.nameProperty());
        TextField filter = new TextField();
        filter.setId("lifecycles-filter");
        filter.setPromptText("Filter by name or description");
        filter.setPrefColumnCount(20);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        javafx.scene.control.Button create = Forms.button("new-lifecycle", "_New lifecycle", "Start writing a new lifecycle (Ctrl+N)", this::startNew);
        create.disableProperty().bind(current.nameProperty().isEmpty().or(mayNot.isNotEmpty()));
        filter.disableProperty().bind(current.nameProperty().isEmpty());
        VBox header = ScreenHeader.create("Lifecycles",
                "Ordered phases a release goes through. A phase holds environments, remote environments, environment templates, or a promotion to another space.",
                odcm.app.ui.common.RoleGate.explained(create, mayNot), null, filter);
        ((javafx.scene.control.Label) header.getChildren().get(0)).textProperty()
                .bind(current.nameProperty().map(s -> s.isEmpty() ? "Lifecycles" : "Lifecycles of '" + s + "'"));
        ScreenHeader.place(root, "lifecycles-screen", header, new MessageLine("lifecycles-message", vm.message()));

        // One column of two lines: the name, then the phases in order; the table is narrow beside the editor.
        table.getColumns().setAll(List.of(Tables.<Lifecycle>column("Lifecycle", 200, l -> l.name() + (l.isDefault() ? "  (default)" : "")
                + "\n" + (l.phases().isEmpty() ? "no phases" : l.phases().stream().map(Phase::name).collect(Collectors.joining(" → "))))));
        table.setItems(vm.shown());
        table.setPlaceholder(Forms.emptyState("lifecycles-empty",
                "No lifecycles yet. Write the first one on the right: it becomes the space's default."));
        vm.shown().predicateProperty().addListener((o, was, now) -> table.setPlaceholder(Forms.emptyState("lifecycles-empty",
                vm.all().isEmpty() ? "No lifecycles yet. Write the first one on the right: it becomes the space's default."
                        : "No lifecycle matches the filter.")));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> chosen(now));
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        Tables.onDelete(table, this::delete);

        LifecycleEditorView editor = new LifecycleEditorView(vm.editor(), vm::save, vm::discard, this::delete, mayNot);
        ScrollPane scroll = new ScrollPane(editor);
        scroll.setFitToWidth(true);
        // The selected phase's members are below the list: bring them into sight when a phase is picked or added.
        editor.onPhasePicked(() -> odcm.app.ui.common.Reveal.later(scroll, editor.phaseEditor()));
        vm.editor().editingProperty().addListener((o, was, now) -> scroll.setVvalue(0)); // another lifecycle: from its top
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        SplitPane split = new SplitPane(table, new VBox(editor.head(), editor.lacking(), scroll));
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(table, false);
        // Ctrl+S anywhere on the screen, wherever the focus went after a dialog.
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.S) {
                if (editor.canSave()) {
                    vm.save();
                }
                e.consume();
            }
        });
        root.setCenter(NoSpaceState.wrap("lifecycles", split, current, "Lifecycles", goToSpaces));
    }

    /** The user picked a row: open it, but ask first when the editor holds unsaved changes. */
    private void chosen(Lifecycle l) {
        if (l == null || l == vm.selectedProperty().get()) {
            return;
        }
        if (!vm.editor().isDirty()) {
            vm.selectedProperty().set(l);
            return;
        }
        Lifecycle keep = vm.selectedProperty().get();
        Platform.runLater(() -> {
            if (keep == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(keep);
            }
        });
        askToDiscard(() -> vm.open(l));
    }

    private void startNew() {
        if (vm.space().isEmpty() || !mayNot.get().isEmpty()) {
            return;
        }
        if (vm.editor().isDirty()) {
            askToDiscard(vm::startNew);
        } else {
            vm.startNew();
        }
    }

    /** Before the current space changes: unsaved changes are discarded only when the user says so. */
    public boolean mayLeave(Runnable proceed) {
        if (!vm.editor().isDirty()) {
            return true;
        }
        askToDiscard(() -> {
            vm.discard();
            proceed.run();
        });
        return false;
    }

    private void askToDiscard(Runnable then) {
        String what = vm.editor().editing() == null ? "The new lifecycle" : "Lifecycle '" + vm.editor().editing() + "'";
        FormDialog d = ConfirmDialog.create(window(), vm.runner(), "discard-changes", "Unsaved changes",
                what + " has changes that are not saved. Discard them?", "Discard changes", "Discarding changes", () -> { }, then);
        ((javafx.scene.control.Button) d.pane().lookupButton(ButtonType.CANCEL)).setText("Keep editing");
        d.show();
    }

    private void delete() {
        Lifecycle l = vm.selectedProperty().get();
        if (l != null && l.name().equals(vm.editor().editing()) && mayNot.get().isEmpty()) {
            String what = "lifecycle '" + l.name() + "' of '" + vm.space() + "'";
            ConfirmDialog.create(window(), vm.runner(), "delete-lifecycle", "Delete lifecycle '" + l.name() + "'",
                    "Delete the " + what + "? Projects cannot use it any more; the environments stay.", "Delete",
                    "Deleting the " + what, () -> vm.delete(l), () -> vm.deleted(l)).show();
        }
    }

    /** The window when the screen is shown; none (a free-standing dialog) when asked from another screen. */
    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    public Screen screen() {
        return new Screen("Lifecycles", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::startNew);
    }
}
