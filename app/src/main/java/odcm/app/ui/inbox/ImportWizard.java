package odcm.app.ui.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import odcm.app.service.ImportService;
import odcm.app.service.ImportService.Field;
import odcm.app.service.ImportService.Preview;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.release.ReleaseSnapshotView;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.SnapshotChanges;
import odcm.packaging.bundle.VerificationOutcome;

/**
 * The bundle import wizard: Who sent it, What's inside, Lifecycle, Values, Summary; Back, Next, Finish and Cancel.
 * It only binds to {@link ImportWizardModel}; each page is built when it is shown, from the model's state.
 */
public final class ImportWizard {
    private final ImportWizardModel model;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final VBox steps = new VBox(6);
    private final ScrollPane page = new ScrollPane();
    /** What is still missing, pinned above the buttons on the Values step so it never scrolls away. */
    private final Label missing = text("wizard-missing", "");

    private ImportWizard(Window owner, ImportWizardModel model) {
        this.model = model;
        root.setId("import-wizard");
        root.getStyleClass().add(Css.FORM);
        steps.setPadding(new Insets(16));
        steps.setPrefWidth(170);
        steps.setId("wizard-steps");
        page.setFitToWidth(true);
        page.setId("wizard-page");
        page.setPadding(new Insets(16));
        root.setLeft(steps);
        root.setCenter(page);
        root.setBottom(buttons());
        model.stepProperty().addListener((o, was, now) -> showPage());
        model.previewProperty().addListener((o, was, now) -> showPage());
        model.doneProperty().addListener((o, was, now) -> showPage());
        showPage();
        Scene scene = new Scene(root, 980, 700);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Import " + model.fileName() + " into " + model.target());
    }

    /** Opens the wizard over {@code owner} and starts reading the bundle. */
    public static ImportWizard open(Window owner, ImportWizardModel model) {
        ImportWizard w = new ImportWizard(owner, model);
        w.stage.show();
        model.load();
        return w;
    }

    public Stage stage() {
        return stage;
    }

    private Node buttons() {
        Button back = Forms.button("wizard-back", "< _Back", "The previous step", model::back);
        back.disableProperty().bind(model.stepProperty().isEqualTo(0).or(model.importingProperty()).or(model.doneProperty()));
        Button next = Forms.button("wizard-next", "_Next >", "The next step", model::next);
        next.disableProperty().bind(model.canNext().not());
        next.setDefaultButton(true);
        Button finish = Forms.button("wizard-finish", "_Finish", "Import the release with these values", model::finish);
        finish.disableProperty().bind(model.canFinish().not());
        Button cancel = Forms.button("wizard-cancel", "Cancel", "Close without importing anything", stage::close);
        cancel.textProperty().bind(Bindings.when(model.doneProperty()).then("Close").otherwise("Cancel"));
        cancel.disableProperty().bind(model.importingProperty());
        cancel.setCancelButton(true);
        ProgressBar progress = new ProgressBar();
        progress.setId("wizard-progress");
        progress.visibleProperty().bind(model.importingProperty());
        MessageLine message = new MessageLine("wizard-message", model.message());
        message.setWrapText(true);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(10, progress, message, back, next, finish, cancel);
        box.setAlignment(Pos.CENTER_RIGHT);
        missing.visibleProperty().bind(model.stepProperty().isEqualTo(ImportWizardModel.VALUES));
        missing.managedProperty().bind(missing.visibleProperty());
        missing.setMaxWidth(Double.MAX_VALUE);
        model.missing().addListener((ListChangeListener<String>) ch -> showMissing());
        showMissing();
        VBox bottom = new VBox(8, missing, box);
        bottom.setPadding(new Insets(10, 16, 14, 16));
        return bottom;
    }

    private void showMissing() {
        missing.setText(model.missing().isEmpty() ? "Every mandatory value is set."
                : "Missing mandatory values (" + model.missing().size() + "): " + String.join("; ", model.missing()) + ".");
        missing.getStyleClass().removeAll(Css.OK, Css.ERROR);
        missing.getStyleClass().add(model.missing().isEmpty() ? Css.OK : Css.ERROR);
    }

    private void showPage() {
        int current = model.stepProperty().get();
        steps.getChildren().setAll(Forms.sectionTitle("wizard-steps-title"));
        ((Label) steps.getChildren().get(0)).setText("Import a bundle");
        for (int i = 0; i < ImportWizardModel.STEPS.size(); i++) {
            Label l = new Label((i + 1) + ". " + ImportWizardModel.STEPS.get(i));
            l.setId("wizard-step-" + i);
            l.getStyleClass().add(i == current ? Css.SUBSECTION : Css.HINT);
            steps.getChildren().add(l);
        }
        Preview p = model.previewProperty().get();
        VBox content = new VBox(12);
        content.setId("wizard-page-" + current);
        Label title = Forms.sectionTitle("wizard-title");
        title.setText((current + 1) + ". " + ImportWizardModel.STEPS.get(current));
        content.getChildren().add(title);
        if (p == null) {
            content.getChildren().add(Forms.hint("Reading and checking " + model.fileName() + "…"));
        } else {
            content.getChildren().addAll(switch (current) {
                case ImportWizardModel.WHO -> who(p);
                case ImportWizardModel.INSIDE -> inside(p);
                case ImportWizardModel.LIFECYCLE -> lifecycle(p);
                case ImportWizardModel.VALUES -> values();
                default -> summary(p);
            });
        }
        page.setContent(content);
        page.setVvalue(0);
    }

    // ---- 1. Who sent it ----

    private List<Node> who(Preview p) {
        Label verdict = text("wizard-verdict", p.outcome().sentence());
        verdict.getStyleClass().add(p.importable() ? Css.OK : Css.ERROR);
        if (p.outcome() instanceof VerificationOutcome.SequenceJump) {
            javafx.scene.control.CheckBox accept = new javafx.scene.control.CheckBox("Accept the sequence jump: the source confirmed this "
                    + "number (recorded in the audit log)");
            accept.setId("wizard-accept-jump");
            accept.setWrapText(true);
            accept.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    accept.setDisable(true);
                    model.acceptSequenceJump();
                }
            });
            return List.of(verdict, accept);
        }
        if (!(p.outcome() instanceof VerificationOutcome.Genuine g)) {
            Label stop = text("wizard-stopped", p.alreadyImported() ? "Nothing to do: this bundle was imported before."
                    : "The import stops here: nothing from this bundle can be shown as coming from its sender, and nothing was changed.");
            stop.getStyleClass().add(Css.HINT);
            return List.of(verdict, stop);
        }
        GridPane grid = Forms.grid();
        Forms.row(grid, "Signed by", text("wizard-signer", p.sourceSpace() + (p.sourceSpace().equals(g.content().sourceSpace()) ? ""
                : " (calls itself '" + g.content().sourceSpace() + "')")));
        Label fp = text("wizard-fingerprint", g.source().grouped());
        fp.getStyleClass().add(Css.FINGERPRINT);
        Forms.row(grid, "Signer's certificate", fp);
        Forms.row(grid, "Addressed to", text(null, g.content().targetSpace() + " (certificate " + g.target().grouped() + ")"));
        Forms.row(grid, "Bundle", text(null, g.content().bundleId() + " · sequence " + g.content().sequence()));
        Forms.row(grid, "Bundle created", text(null, when(g.content().created()) + " · expires " + when(g.content().expires())));
        Forms.row(grid, "Release", text("wizard-release", g.content().version() + " of " + g.content().project() + " · created "
                + when(g.content().releaseCreated()) + " in " + g.content().sourceSpace()));
        Label jump = text("wizard-jump-accepted", model.sequenceJumpAcceptedProperty().get()
                ? "You accepted its sequence jump; the import records it in the audit log." : "");
        return List.of(verdict, grid, jump, Forms.hint("The signature was checked with the certificate this space pinned for '" + p.sourceSpace()
                + "', whose fingerprint was confirmed when it was added. Compare it with the one the sender reads out."));
    }

    // ---- 2. What's inside ----

    private List<Node> inside(Preview p) {
        var c = p.content();
        Label becomes = text("wizard-becomes", "Becomes release " + c.version() + " of the remote project '" + p.remoteProject()
                + "' in " + model.target() + ". Channels, tenants and triggers are not imported.");
        Label changes = text("wizard-changes", p.previousVersion().map(v -> "Since release " + v + ", imported before: "
                + p.changes().map(SnapshotChanges::words).orElse("") + ".").orElse("No earlier release of this project was imported here."));
        changes.getStyleClass().add(Css.HINT);
        ReleaseSnapshotView snapshot = new ReleaseSnapshotView();
        snapshot.showPrepared(model.inside());
        snapshot.note("As the bundle carries it. Once imported, the process and templates are read-only here; the values stay editable.");
        snapshot.setPrefHeight(430);
        snapshot.setMinHeight(430);
        return List.of(becomes, changes, snapshot, reveal(p));
    }

    /** Sensitive values stay masked; revealing one is an explicit action, recorded in the audit log. */
    private Node reveal(Preview p) {
        List<Variable> sensitive = p.content().snapshot().variables().stream().filter(Variable::sensitive).toList();
        if (sensitive.isEmpty()) {
            return Forms.hint("The bundle has no sensitive values.");
        }
        ComboBox<String> which = new ComboBox<>();
        which.setId("wizard-reveal-choice");
        which.getItems().setAll(sensitive.stream().map(ImportWizardModel::key).toList());
        which.getSelectionModel().selectFirst();
        Label shown = text("wizard-revealed", "");
        shown.getStyleClass().add(Css.MONO);
        Runnable update = () -> shown.setText(model.revealed().getOrDefault(which.getValue(), Variable.MASK));
        which.valueProperty().addListener((o, was, now) -> update.run());
        model.revealed().addListener((javafx.collections.MapChangeListener<String, String>) ch -> update.run());
        update.run();
        Button reveal = Forms.button("wizard-reveal", "_Reveal", "Show this value; the audit log records that you did",
                () -> sensitive.stream().filter(v -> ImportWizardModel.key(v).equals(which.getValue())).findFirst().ifPresent(model::reveal));
        HBox row = new HBox(10, new Label("Sensitive value"), which, reveal, shown);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, Forms.hint("Revealing a sensitive value is recorded in the audit log."));
    }

    // ---- 3. Lifecycle ----

    private List<Node> lifecycle(Preview p) {
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(8);
        choices.setId("wizard-lifecycles");
        for (Lifecycle l : p.lifecycles()) {
            boolean fits = ImportService.fits(l);
            List<String> envs = odcm.model.deployment.DeploymentRules.environments(l);
            RadioButton r = new RadioButton(l.name() + (fits ? " — deploys to " + String.join(", ", envs) : " — no environment of this space"));
            r.setId("wizard-lifecycle-" + l.id());
            r.setToggleGroup(group);
            r.setDisable(!fits);
            r.setSelected(model.lifecycleProperty().get() != null && model.lifecycleProperty().get().id() == l.id());
            r.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    model.lifecycleProperty().set(l);
                }
            });
            choices.getChildren().add(r);
        }
        String why = p.fitting().isEmpty() ? "No lifecycle of " + model.target() + " deploys to one of its own environments; create one first."
                : p.suggested().isPresent() && p.fitting().size() == 1 ? "Chosen automatically: it is the only lifecycle that fits."
                : p.suggested().isPresent() ? "The lifecycle the project already uses here is chosen; you may change it."
                : "Choose the lifecycle the release will be deployed along in " + model.target() + ".";
        Label hint = text("wizard-lifecycle-hint", why);
        hint.getStyleClass().add(p.fitting().isEmpty() ? Css.ERROR : Css.HINT);
        return List.of(hint, choices, Forms.hint("A lifecycle fits when it has at least one environment of this space."));
    }

    // ---- 4. Values ----

    private List<Node> values() {
        VBox sections = new VBox(10);
        model.values().forEach((env, templates) -> sections.getChildren().add(environment(env, templates)));
        if (model.values().isEmpty() || model.values().values().stream().allMatch(Map::isEmpty)) {
            sections.getChildren().add(Forms.hint("This release has no variable templates: there is nothing to fill in."));
        }
        return List.of(Forms.hint("Fields marked * are mandatory. Values the source provided are filled in and can be changed."), sections);
    }

    private Node environment(String env, Map<VariableTemplate, StringProperty> templates) {
        GridPane grid = Forms.grid();
        List<Field> fields = model.fields(env);
        int i = 0;
        for (Map.Entry<VariableTemplate, StringProperty> e : templates.entrySet()) {
            VariableTemplate t = e.getKey();
            String id = "value-" + safe(env) + "-" + safe(t.name());
            Control control = control(t, e.getValue(), id);
            Field f = fields.stream().filter(x -> x.template().equals(t)).findFirst().orElse(null);
            String origin = f == null || f.origin() == ImportService.Origin.NONE ? "" : f.origin() == ImportService.Origin.PROVIDED
                    ? "Provided by " + model.previewProperty().get().sourceSpace() + "." : "Filled in: " + f.origin().words() + ".";
            String help = sentence(t.helpText()) + " " + origin + (t.mandatory() ? " Mandatory." : " Optional.");
            Label h = Forms.hint(help.strip().replaceAll(" +", " "));
            h.setId(id + "-help");
            VBox cell = new VBox(3, control, h);
            Forms.row(grid, t.label() + (t.mandatory() ? " *" : ""), cell);
            i++;
        }
        TitledPane pane = new TitledPane(env + " (" + i + (i == 1 ? " value)" : " values)"), grid);
        pane.setId("values-" + safe(env));
        pane.setCollapsible(false);
        return pane;
    }

    /** A control per template type, bound both ways to the value. */
    private static Control control(VariableTemplate t, StringProperty value, String id) {
        Control c = switch (t.type()) {
            case SENSITIVE -> {
                PasswordField f = new PasswordField();
                f.textProperty().bindBidirectional(value);
                yield f;
            }
            case MULTI_LINE -> {
                TextArea a = new TextArea();
                a.setPrefRowCount(3);
                a.textProperty().bindBidirectional(value);
                yield a;
            }
            case CHECKBOX -> {
                CheckBox b = new CheckBox("Yes");
                b.setSelected("true".equals(value.get()));
                b.selectedProperty().addListener((o, was, now) -> value.set(Boolean.toString(now)));
                yield b;
            }
            case SELECT -> {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(t.options());
                box.valueProperty().bindBidirectional(value);
                yield box;
            }
            case SINGLE_LINE -> {
                TextField f = new TextField();
                f.textProperty().bindBidirectional(value);
                yield f;
            }
        };
        c.setId(id);
        if (t.type() != TemplateType.CHECKBOX && t.type() != TemplateType.SELECT) {
            c.setPrefWidth(420);
        }
        return c;
    }

    // ---- 5. Summary ----

    private List<Node> summary(Preview p) {
        var c = p.content();
        GridPane grid = Forms.grid();
        Forms.row(grid, "Project", text("summary-project", p.remoteProject() + (p.previousVersion().isPresent() ? " (exists; the release joins it)"
                : " (new remote project)")));
        Forms.row(grid, "Release", text("summary-release", c.version() + " · " + count(c.snapshot().packages().size(), "package") + ", "
                + count(c.snapshot().process().size(), "step") + ", " + count(c.snapshot().variables().size(), "variable") + ", "
                + count(c.snapshot().templates().size(), "template")));
        Forms.row(grid, "From", text(null, p.sourceSpace()));
        Forms.row(grid, "Lifecycle", text("summary-lifecycle", model.lifecycleProperty().get() == null ? "" : model.lifecycleProperty().get().name()));
        model.values().forEach((env, m) -> Forms.row(grid, env, text("summary-values-" + safe(env), m.isEmpty() ? "no values" : m.entrySet().stream()
                .filter(e -> e.getValue().get() != null && !e.getValue().get().isBlank())
                .map(e -> e.getKey().label() + " = " + (e.getKey().type() == TemplateType.SENSITIVE ? Variable.MASK : e.getValue().get().replace('\n', ' ')))
                .collect(java.util.stream.Collectors.joining(", ")))));
        Label after = text("summary-after", model.doneProperty().get()
                ? "Done. The project is on the Projects screen; its releases on the Releases screen."
                : "Finish imports all of this in one step: the remote project, the release and its snapshot, the values and an audit entry — or, if anything fails, none of it.");
        after.getStyleClass().add(Css.HINT);
        return List.of(grid, after);
    }

    // ---- helpers ----

    private static String when(Instant i) {
        return odcm.app.ui.common.Formats.dateTime(i);
    }

    private static Label text(String id, String value) {
        Label l = new Label(value);
        if (id != null) {
            l.setId(id);
        }
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Help text as a sentence: ends with a full stop unless it already ends a sentence. */
    private static String sentence(String text) {
        String t = text.strip();
        return t.isEmpty() || t.matches(".*[.!?]$") ? t : t + ".";
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
