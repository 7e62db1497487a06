package odcm.app.ui.release;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.Tables;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;

/**
 * A release's frozen snapshot, read only: details, package manifest, process (steps in order with properties
 * and scope), variables (sensitive ones masked) and templates. Labels and read-only tables, no input controls.
 */
public final class ReleaseSnapshotView extends VBox {
    private final Label title = Forms.sectionTitle("snapshot-title");
    private final VBox details = new VBox(4);
    private final TableView<PackageVersion> packages = Tables.table("snapshot-packages");
    /** Each package's status where this space deploys it (decision 0059), once checked; empty: not checked (a bundle's view). */
    private Map<PackageVersion, String> packageStatus = Map.of();
    private final javafx.scene.control.TableColumn<PackageVersion, String> statusColumn =
            Tables.column("Status", 320, p -> packageStatus.getOrDefault(p, "checking…"));
    private final ListView<DeploymentStep> process = stepList("snapshot-process");
    private final TableView<Variable> variables = Tables.table("snapshot-variables");
    private final TableView<VariableTemplate> templates = Tables.table("snapshot-templates");
    private final TabPane tabs = new TabPane();
    private final Label readOnly = new Label("Read-only: this is what the release froze when it was created. It never changes; "
            + "edit the project and create a new release instead (for new variable values only: Update variables…, a new revision).");

    public ReleaseSnapshotView() {
        super(12);
        setId("release-snapshot");
        readOnly.setId("snapshot-read-only");
        readOnly.getStyleClass().add(Css.PREVIEW);
        readOnly.setWrapText(true);
        readOnly.setMaxWidth(Double.MAX_VALUE);
        readOnly.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        packages.getColumns().setAll(List.of(
                Tables.<PackageVersion>column("Package", 180, PackageVersion::packageId),
                Tables.<PackageVersion>fixed("Version", 90, PackageVersion::version), statusColumn,
                Tables.<PackageVersion>column("SHA-256", 460, PackageVersion::sha256)));
        statusColumn.setVisible(false);
        packages.setPlaceholder(Forms.emptyState("snapshot-packages-empty", "No packages: no step deploys one."));
        variables.getColumns().setAll(List.of(
                Tables.<Variable>column("Name", 160, Variable::name),
                Tables.<Variable>column("Value", 220, Variable::shownValue),
                Tables.<Variable>fixed("Sensitive", 80, v -> v.sensitive() ? "yes" : ""),
                Tables.<Variable>column("Scope", 220, v -> v.scope().toString())));
        variables.setPlaceholder(Forms.emptyState("snapshot-variables-empty", "No variables."));
        templates.getColumns().setAll(List.of(
                Tables.<VariableTemplate>column("Name", 140, VariableTemplate::name),
                Tables.<VariableTemplate>column("Label", 180, VariableTemplate::label),
                Tables.<VariableTemplate>fixed("Type", 120, t -> t.type().words() + (t.options().isEmpty() ? "" : ": " + String.join(", ", t.options()))),
                Tables.<VariableTemplate>fixed("Mandatory", 90, t -> t.mandatory() ? "mandatory" : "optional"),
                Tables.<VariableTemplate>column("Default", 90, VariableTemplate::defaultValue),
                Tables.<VariableTemplate>column("Help", 240, VariableTemplate::helpText)));
        templates.setPlaceholder(Forms.emptyState("snapshot-templates-empty", "No variable templates."));
        tabs.getTabs().setAll(tab("snapshot-tab-process", process), tab("snapshot-tab-variables", variables),
                tab("snapshot-tab-templates", templates), tab("snapshot-tab-packages", packages));
        // A tab's table joins the scene when the tab is first chosen: hidden tabs' tables would otherwise get their skins,
        // styles and a row of cells per line in sight on every first show, with thousands of rows behind them.
        Forms.contentWhenChosen(tabs); // the process tab is the one shown first
        tabs.setId("snapshot-tabs");
        VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
        // Room for the tab headers and two steps or a few table rows, whatever else the window holds: squeezed below that,
        // a 1280×800 window showed the process as one cut-off line.
        tabs.setMinHeight(200);
        getStyleClass().add(Css.DETAIL);
        getChildren().addAll(title, readOnly, details, tabs);
    }

    private static Tab tab(String id, Node content) {
        Tab t = new Tab("", content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    /** Replaces the read-only note above the snapshot (a bundle's contents are not a release of this space). */
    public void note(String text) {
        readOnly.setText(text);
    }

    /**
     * Shows each package's status ("present", "missing: …", "wrong: …") where this space deploys it; null hides the column
     * (a bundle's contents), an empty map says "checking…" while the check runs on the task runner.
     */
    public void packageStatus(Map<PackageVersion, String> status) {
        statusColumn.setVisible(status != null);
        packageStatus = status == null ? Map.of() : status;
        packages.refresh();
        long notPresent = packageStatus.values().stream().filter(v -> !v.equals("present")).count();
        int n = packages.getItems().size();
        tabs.getTabs().get(3).setText("Packages (" + n + (notPresent == 0 || packageStatus.isEmpty() ? "" : ", " + notPresent + " not present") + ")");
    }

    /** Selects a section by its tab id (snapshot-tab-process, -variables, -templates, -packages). */
    public void select(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Shows {@code r}, sorting its variables here: for small releases; {@link Shown#of} sorts big ones off the FX thread. */
    public void show(Release r) {
        showPrepared(Shown.of(r));
    }

    /** A release and its variables in the order shown (by name, then scope), prepared on the task runner. */
    public record Shown(Release release, List<Variable> variables) {
        public static Shown of(Release r) {
            return r == null ? null : new Shown(r, r.snapshot().variables().stream()
                    .sorted(Comparator.comparing(Variable::name, String.CASE_INSENSITIVE_ORDER).thenComparing(v -> v.scope().toString())).toList());
        }
    }

    public void showPrepared(Shown shown) {
        Release r = shown == null ? null : shown.release();
        if (r == null) {
            title.setText("");
            details.getChildren().clear();
            process.setItems(FXCollections.emptyObservableList());
            packages.getItems().clear();
            variables.getItems().clear();
            templates.getItems().clear();
            return;
        }
        title.setText("Release " + r.version() + " of '" + r.projectName() + "'");
        details.getChildren().setAll(text("snapshot-channel", "Channel " + r.channel() + " · created " + Formats.dateTime(r.createdAt())),
                text("snapshot-notes", r.notes().isBlank() ? "No notes." : r.notes()));
        details.getChildren().get(0).getStyleClass().add(Css.HINT);
        fill(packages, r.snapshot().packages());
        fill(variables, shown.variables());
        fill(templates, r.snapshot().templates());
        tabs.getTabs().get(0).setText("Process (" + r.snapshot().process().size() + " steps)");
        tabs.getTabs().get(1).setText("Variables (" + r.snapshot().variables().size() + ")");
        tabs.getTabs().get(2).setText("Templates (" + r.snapshot().templates().size() + ")");
        tabs.getTabs().get(3).setText("Packages (" + r.snapshot().packages().size() + ")");
        process.setItems(FXCollections.observableList(r.snapshot().process()));
    }

    /**
     * A process as a read-only list, one box per step in order (scope, action, packages, properties). Virtualised:
     * only the steps in sight have nodes, so a process of thousands of steps shows as fast as one of three.
     */
    public static ListView<DeploymentStep> stepList(String id) {
        ListView<DeploymentStep> list = new ListView<>();
        list.setId(id);
        list.getStyleClass().add("snapshot-steps");
        list.setPlaceholder(Forms.hint("The process had no steps."));
        list.setCellFactory(l -> new ListCell<>() {
            {
                setPrefWidth(0); // as wide as the list, never wider: long names and scripts wrap instead of scrolling sideways
            }

            @Override
            protected void updateItem(DeploymentStep s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                // A box per update, never shared between cells: the list measures a step in a cell of its own, and a node
                // given to that cell would leave the cell on screen blank.
                setGraphic(empty || s == null ? null : step(getIndex(), s));
            }
        });
        return list;
    }

    private static <T> void fill(TableView<T> table, List<T> rows) {
        table.setItems(FXCollections.observableArrayList(rows));
    }

    private static Node step(int index, DeploymentStep s) {
        Label name = new Label((index + 1) + ". " + s.name());
        name.setId("snapshot-step-" + index);
        name.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, -1));
        Label what = text(null, s.actionType() + " · packages: " + (s.packages().isEmpty() ? "none"
                : String.join(", ", s.packages().stream().map(PackageReference::packageId).toList())));
        what.getStyleClass().add(Css.HINT);
        GridPane grid = Forms.grid();
        Forms.row(grid, "Scope", text("snapshot-step-" + index + "-scope", s.scope().toString()));
        for (Map.Entry<String, String> p : s.properties().entrySet()) {
            Label v = text(null, p.getValue().strip());
            v.getStyleClass().add(Css.MONO);
            Forms.row(grid, p.getKey(), v);
        }
        VBox box = new VBox(6, name, what, grid);
        box.getStyleClass().add(Css.PREVIEW);
        return box;
    }

    private static Label text(String id, String value) {
        Label l = new Label(value);
        if (id != null) {
            l.setId(id);
        }
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
