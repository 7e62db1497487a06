package odcm.app.ui.release;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Stage;
import javafx.stage.Window;
import odcm.app.compare.ComparisonReport;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.compare.FieldChange;
import odcm.model.compare.TextDiff;
import odcm.model.release.Verdict;

/**
 * Two releases of a project side by side, in a window of its own: FROM on the left, TO on the right, grouped by
 * Process, Variables, Templates and Packages; each change marked in text and colour; F7 / Shift+F7 (or
 * Alt+Down / Alt+Up) go to the next / previous change; the line diff of the selected long text below.
 */
public final class CompareView {
    private final CompareViewModel vm;
    private final FilePicker files;
    /** Made on the FX thread when shown; the rest of the window is made and styled on the worker (decision 0033). */
    private Stage stage;
    private final Scene scene;
    private final BorderPane root = new BorderPane();
    private final TableView<CompareRow> table = Tables.table("compare-table");
    private final VBox detail = new VBox(8);

    /**
     * The window's content in its scene, styled (the controls' skins made): on any thread, before it is shown
     * (decision 0033). {@link #show} makes the window on the FX thread.
     */
    public CompareView(CompareViewModel vm, FilePicker files, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.files = files;

        ComboBox<String> from = versions("compare-from", vm.fromProperty());
        ComboBox<String> to = versions("compare-to", vm.toProperty());
        CheckBox only = new CheckBox("_Only changes");
        only.setId("compare-only-changes");
        only.selectedProperty().bindBidirectional(vm.onlyChangesProperty());
        Button previous = Forms.button("compare-previous", "\u25B2 Previous change", "Previous change (Shift+F7 or Alt+Up)", this::previous);
        Button next = Forms.button("compare-next", "\u25BC Next change", "Next change (F7 or Alt+Down)", this::next);
        Button html = Forms.button("compare-export-html", "Export _HTML…", "Save the changes as a self-contained HTML report; sensitive values are never in it",
                () -> export(ComparisonReport.Format.HTML));
        Button md = Forms.button("compare-export-md", "Export _Markdown…", "Save the changes as Markdown for a change ticket; sensitive values are never in it",
                () -> export(ComparisonReport.Format.MD));
        Button approve = Forms.button("compare-approve", "_Approve…", "Approve the TO release for deployment, with a comment", () -> decide(Verdict.APPROVED));
        Button reject = Forms.button("compare-reject", "_Reject…", "Reject the TO release, saying why", () -> decide(Verdict.REJECTED));
        for (Button b : List.of(previous, next, html, md)) {
            b.disableProperty().bind(vm.diffProperty().isNull());
        }
        java.util.function.Function<odcm.model.role.Permissions, java.util.Optional<String>> mayDecide =
                p -> p.refusal(odcm.model.role.Action.APPROVE, vm.space(), null);
        // Approve… also by the space's separation of duties: the maker of TO may not approve it (decision 0043).
        javafx.scene.Node approveBox = gate.gate(approve, vm.diffProperty().isNull(), p -> mayDecide.apply(p)
                .or(() -> java.util.Optional.of(vm.approveRefusalProperty().get()).filter(w -> !w.isEmpty())), vm.approveRefusalProperty());
        javafx.scene.Node rejectBox = gate.gate(reject, vm.diffProperty().isNull(), mayDecide);
        Label fromLabel = new Label("_From");
        fromLabel.setMnemonicParsing(true);
        fromLabel.setLabelFor(from);
        Label toLabel = new Label("_To");
        toLabel.setMnemonicParsing(true);
        toLabel.setLabelFor(to);
        Label summary = new Label();
        summary.setId("compare-summary");
        summary.getStyleClass().add(Css.SECTION_TITLE);
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        Label approval = new Label();
        approval.setId("compare-approval");
        approval.getStyleClass().add(Css.HINT);
        approval.setWrapText(true);
        approval.textProperty().bind(vm.approvalProperty());
        VBox header = ScreenHeader.create("Compare releases of '" + vm.project() + "'",
                "What changed from FROM to TO: steps, variables (sensitive values masked), templates and packages, matched by name. "
                        + "Markers: + added, - removed, ~ changed, \u2195 moved.",
                fromLabel, from, toLabel, to, only, previous, next, null, html, md, approveBox, rejectBox);
        ScreenHeader.place(root, "compare-window", new VBox(6, header, summary, approval), new MessageLine("compare-message", vm.message()));

        table.getColumns().setAll(List.of(
                Tables.<CompareRow>fixed("", 44, CompareRow::marker),
                Tables.<CompareRow>column("Item", 220, CompareRow::item),
                Tables.<CompareRow>column("Change / field", 220, CompareRow::fieldName),
                fromColumn(), toColumn()));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setItems(vm.rows());
        table.setPlaceholder(Forms.emptyState("compare-empty", "Loading the comparison…"));
        styledRows(table);
        Tables.bindSelection(table, vm.selectedProperty());
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null) {
                table.scrollTo(Math.max(0, vm.rows().indexOf(now) - 3));
            }
            showDetail(now);
        });
        vm.rows().addListener((javafx.collections.ListChangeListener<CompareRow>) c -> showDetail(vm.selectedProperty().get()));
        detail.setId("compare-detail");
        detail.setPadding(new Insets(8));
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        SplitPane split = Forms.aboveBelow(table, detailScroll, 0.68);
        root.setCenter(split);
        showDetail(null);

        scene = new Scene(root, 1280, 820);
        scene.getStylesheets().add(Css.stylesheet());
        // A filter, so a focused table or combo box cannot swallow the keys first.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean forward = e.getCode() == KeyCode.F7 && !e.isShiftDown() || e.getCode() == KeyCode.DOWN && e.isAltDown();
            boolean back = e.getCode() == KeyCode.F7 && e.isShiftDown() || e.getCode() == KeyCode.UP && e.isAltDown();
            if ((forward || back) && vm.diffProperty().get() != null) {
                if (forward) {
                    next();
                } else {
                    previous();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        root.applyCss();
    }

    /** Rows of {@code table} coloured by their change (the stylesheet's compare-* classes); the marker column says the same in text. */
    public static void styledRows(TableView<CompareRow> table) {
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareRow item, boolean empty) {
                super.updateItem(item, empty);
                // Changed only when the kind of row changes: each change of the style classes matches the row's CSS
                // again, and a reused row mostly shows a change of the same kind (decision 0033, 2026-12-04).
                String kind = empty || item == null ? null : item.styleClass();
                if (kind == null || !getStyleClass().contains(kind)) {
                    getStyleClass().removeIf(c -> c.startsWith("compare-") && !c.equals(kind));
                    if (kind != null) {
                        getStyleClass().add(kind);
                    }
                }
            }
        });
    }

    private ComboBox<String> versions(String id, javafx.beans.property.ObjectProperty<String> value) {
        ComboBox<String> c = new ComboBox<>(vm.versions());
        c.setId(id);
        c.valueProperty().bindBidirectional(value);
        c.setVisibleRowCount(12);
        return c;
    }

    private TableColumn<CompareRow, String> fromColumn() {
        TableColumn<CompareRow, String> c = Tables.column("FROM", 300, CompareRow::from);
        c.textProperty().bind(vm.fromProperty().map(v -> "FROM " + v));
        return c;
    }

    private TableColumn<CompareRow, String> toColumn() {
        TableColumn<CompareRow, String> c = Tables.column("TO", 300, CompareRow::to);
        c.textProperty().bind(vm.toProperty().map(v -> "TO " + v));
        return c;
    }

    private void next() {
        vm.next();
        table.requestFocus();
    }

    private void previous() {
        vm.previous();
        table.requestFocus();
    }

    /** Below the table: the selected item in full, its long text as a line diff, and the reveal of sensitive values. */
    private void showDetail(CompareRow row) {
        detail.getChildren().clear();
        if (row == null || row.entry() == null) {
            detail.getChildren().add(Forms.hint("Select a change (F7 goes to the next) to see it in full here; long text such as a script shows "
                    + "as a line diff with the changed words marked."));
            return;
        }
        Label title = new Label(row.entry().marker() + "  " + row.section().title() + " · " + row.entry().name() + " — " + row.entry().describe());
        title.setId("compare-detail-title");
        title.getStyleClass().add(Css.SUBSECTION);
        title.setWrapText(true);
        detail.getChildren().add(title);
        if (row.entry().sensitive()) {
            if (vm.canReveal()) {
                Button reveal = Forms.button("compare-reveal", "Re_veal values…", "Show the sensitive values of this variable; recorded in the audit log",
                        vm::reveal);
                Label why = Forms.hint("Sensitive values are masked. Revealing them is recorded in the audit log with your user name.");
                HBox line = new HBox(8, reveal, why);
                line.setAlignment(Pos.CENTER_LEFT);
                detail.getChildren().add(line);
            } else {
                detail.getChildren().add(Forms.hint("Revealed; recorded in the audit log."));
            }
        }
        List<FieldChange> fields = row.field() != null ? List.of(row.field()) : row.entry().changedFields();
        boolean any = false;
        for (FieldChange f : fields) {
            if (f.changed() && f.hasLineDiff() && f.from() != null && f.to() != null) {
                detail.getChildren().addAll(Forms.hint(f.field() + ": line diff, FROM " + vm.fromProperty().get() + " → TO " + vm.toProperty().get()),
                        lineDiff(f));
                any = true;
            } else if (f.changed()) {
                detail.getChildren().add(Forms.hint(f.field() + ": " + shownOrRevealed(row, f.from()) + "  →  " + shownOrRevealed(row, f.to())));
                any = true;
            }
        }
        if (!any && row.entry().isChange()) {
            detail.getChildren().add(Forms.hint(row.entry().moved() ? "Only its place in the process changed." : "See its fields in the table above."));
        }
    }

    private static String shownOrRevealed(CompareRow row, odcm.model.compare.Value v) {
        return v == null ? "(none)" : row.revealed() ? v.reveal() : v.shown().isEmpty() ? "(empty)" : v.shown();
    }

    private static Node lineDiff(FieldChange f) {
        TextFlow flow = new TextFlow();
        flow.setId("compare-line-diff");
        flow.getStyleClass().add("compare-line-diff");
        for (TextDiff.Line l : TextDiff.lines(f.from().shown(), f.to().shown())) {
            Text marker = new Text(l.kind().marker() + " ");
            marker.getStyleClass().addAll(Css.MONO, "diff-" + l.kind().name().toLowerCase(java.util.Locale.ROOT));
            flow.getChildren().add(marker);
            for (TextDiff.Segment s : l.segments()) {
                Text t = new Text(s.text());
                t.getStyleClass().addAll(Css.MONO, "diff-" + l.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (s.changed() && l.kind() != TextDiff.Kind.SAME) {
                    t.getStyleClass().add("diff-word");
                }
                flow.getChildren().add(t);
            }
            flow.getChildren().add(new Text("\n"));
        }
        return flow;
    }

    private void export(ComparisonReport.Format f) {
        ExtensionFilter filter = f == ComparisonReport.Format.HTML ? new ExtensionFilter("HTML report (*.html)", "*.html")
                : new ExtensionFilter("Markdown (*.md)", "*.md");
        files.save(stage, "Export the comparison", vm.suggestedFileName(f), List.of(filter)).ifPresent(p -> vm.export(f, p));
    }

    private void decide(Verdict verdict) {
        DecisionDialog.create(stage, vm, verdict).show();
    }

    /** On the FX thread: the window over {@code owner}, then the comparison is loaded. */
    public void show(Window owner) {
        stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compare releases of '" + vm.project() + "'");
        stage.setScene(scene);
        stage.show();
        vm.load();
    }

    public Stage stage() {
        return stage;
    }
}
