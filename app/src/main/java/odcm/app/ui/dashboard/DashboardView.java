package odcm.app.ui.dashboard;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.NoSpaceState;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.Dashboard.Cell;
import odcm.model.dashboard.Dashboard.Column;
import odcm.model.dashboard.Dashboard.Row;
import odcm.model.dashboard.DashboardText;

/**
 * Dashboard screen: a row per project, a column per environment (local, then remote, in lifecycle order), each cell the
 * latest release there with ✓/✗ (and its colour) and its age; cells known from elsewhere in italic with a marker and a
 * tooltip saying where from.
 */
public final class DashboardView {
    /** After the age of a cell known from a receipt, another space or bundle history. */
    public static final String REPORTED_MARKER = "†";
    static final String SUCCEEDED = "dashboard-succeeded";
    static final String FAILED = "dashboard-failed";
    static final String REPORTED = "dashboard-reported";

    private final DashboardViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<Row> table = Tables.table("dashboard-table");
    private final Label empty = Forms.emptyState("dashboard-empty", "");
    private final Label legend = Forms.hint("");
    /** How many packages of each release shown are not present here (decision 0059); empty where the space uses no package store. */
    private final Label packages = Forms.hint("");
    private final ZoneId zone;

    public DashboardView(DashboardViewModel vm, CurrentSpace current, Runnable goToSpaces, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
        javafx.scene.control.Button refresh = Forms.button("dashboard-refresh", "_Refresh", "Read the deployments again", vm::refresh);
        refresh.disableProperty().bind(current.nameProperty().isEmpty());
        var header = ScreenHeader.create("Dashboard", "Where each project's releases are: the latest deployment in every environment,"
                + " here and, as far as receipts and bundles tell, in other spaces.", refresh);
        ((Label) header.getChildren().get(0)).textProperty()
                .bind(current.nameProperty().map(s -> s.isEmpty() ? "Dashboard" : "Dashboard of '" + s + "'"));
        ScreenHeader.place(root, "dashboard-screen", header, new MessageLine("dashboard-message", vm.message()));
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        legend.setId("dashboard-legend");
        legend.setWrapText(true);
        packages.setId("dashboard-packages");
        packages.setWrapText(true);
        packages.managedProperty().bind(packages.textProperty().isNotEmpty());
        packages.visibleProperty().bind(packages.managedProperty());
        BorderPane content = new BorderPane(table);
        content.setBottom(new javafx.scene.layout.VBox(4, legend, packages));
        BorderPane.setMargin(content.getBottom(), new javafx.geometry.Insets(8, 0, 0, 0));
        vm.dashboardProperty().addListener((o, was, d) -> show(d));
        root.setCenter(NoSpaceState.wrap("dashboard", new StackPane(content), current, "A space's dashboard", goToSpaces));
    }

    private void show(Dashboard d) {
        List<TableColumn<Row, ?>> columns = new ArrayList<>();
        if (d == null) {
            table.getColumns().clear();
            table.getItems().clear();
            legend.setText("");
            packages.setText("");
            return;
        }
        TableColumn<Row, String> project = Tables.column("Project", 170, Row::project);
        project.setId("dashboard-column-project");
        columns.add(project);
        for (int i = 0; i < d.columns().size(); i++) {
            columns.add(column(d, d.columns().get(i), i));
        }
        table.getColumns().setAll(columns);
        table.getItems().setAll(d.rows());
        empty.setText(d.rows().isEmpty() ? "'" + d.space() + "' has no projects yet. Create one on the Projects screen;"
                + " its deployments appear here." : "");
        legend.setText(d.rows().isEmpty() ? "" : "✓ succeeded (green), ✗ failed (red), – nothing deployed. " + REPORTED_MARKER
                + " in italic: known from a receipt, from another space of this console, or from an imported bundle's history;"
                + " hover for where from. Ages as of " + DashboardText.time(d.asOf(), zone) + "."
                + (d.noDeployments() ? " Nothing is deployed yet: record a deployment on the Releases screen." : ""));
        packages.setText(d.packagesWords());
        packages.getStyleClass().remove(Css.WARNING);
        if (d.packages().stream().anyMatch(n -> n.notPresent() > 0)) {
            packages.getStyleClass().add(Css.WARNING);
        }
    }

    private TableColumn<Row, Row> column(Dashboard d, Column c, int index) {
        TableColumn<Row, Row> col = new TableColumn<>();
        // Remote columns on two lines, "Prod Space:" above "Production", so several fit side by side.
        String[] lines = c.kind() == Dashboard.ColumnKind.LOCAL ? new String[] {c.title()} : new String[] {c.owner() + ":", c.environment()};
        Label title = new Label(String.join("\n", lines));
        Tables.tooltipOnHover(title, new javafx.beans.property.ReadOnlyStringWrapper(c.description()));
        if (c.kind() != Dashboard.ColumnKind.LOCAL) {
            title.getStyleClass().add(REPORTED);
        }
        col.setGraphic(title);
        col.setId("dashboard-column-" + index);
        col.setUserData(c);
        col.setSortable(false);
        double longest = java.util.Arrays.stream(lines).mapToDouble(DashboardView::headerWidth).max().orElse(0);
        col.setPrefWidth(Math.max(118, Math.min(300, longest + 34)));
        col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        col.setCellFactory(x -> new TableCell<>() {
            /** Where the cell's deployment is known from: its tooltip, made on the first hover (decision 0033, 2026-12-05). */
            private final javafx.beans.property.StringProperty hint = new javafx.beans.property.SimpleStringProperty();

            {
                Tables.tooltipOnHover(this, hint);
            }

            @Override
            protected void updateItem(Row row, boolean isEmpty) {
                super.updateItem(row, isEmpty);
                getStyleClass().removeAll(SUCCEEDED, FAILED, REPORTED);
                Cell cell = isEmpty || row == null ? null : row.cell(c).orElse(null);
                if (cell == null) {
                    setText(isEmpty || row == null ? null : "–");
                    hint.set(isEmpty || row == null ? null : "Nothing of " + row.project() + " is known to be deployed to " + c.title() + ".");
                    return;
                }
                setText(text(cell, d));
                getStyleClass().add(cell.succeeded() ? SUCCEEDED : FAILED);
                if (!cell.local()) {
                    getStyleClass().add(REPORTED);
                }
                hint.set(tooltip(row, c, cell));
            }
        });
        return col;
    }

    /** The width of a header line in the header's bold font, so titles are not cut. */
    private static double headerWidth(String line) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(line);
        t.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(), javafx.scene.text.FontWeight.BOLD,
                Math.max(14, javafx.scene.text.Font.getDefault().getSize())));
        return t.getLayoutBounds().getWidth();
    }

    /** "1.2.0 ✓ 3d", with " †" when known from elsewhere. */
    static String text(Cell cell, Dashboard d) {
        return DashboardText.cell(cell, d.asOf()) + (cell.local() ? "" : " " + REPORTED_MARKER);
    }

    private String tooltip(Row row, Column c, Cell cell) {
        return row.project() + " " + cell.release() + " " + cell.outcome() + " in " + c.title() + " at " + DashboardText.time(cell.deployedAt(), zone)
                + (cell.deployedBy().isEmpty() ? "" : " by " + cell.deployedBy()) + ";\n" + cell.source().words(zone) + ".";
    }

    public TableView<Row> table() {
        return table;
    }

    public Screen screen() {
        return new Screen("Dashboard", root, vm::refresh);
    }
}
