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
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
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
import odcm.app.ui.common.MaskedField;
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
    /** Made on the FX thread when shown; the rest of the window is made and styled on the worker (decision 0033). */
    private Stage stage;
    private final Scene scene;
    private final BorderPane root = new BorderPane();
    private final VBox steps = new VBox(6);
    private final ScrollPane page = new ScrollPane();
    /** What is still missing, pinned above the buttons on the Values step so it never scrolls away. */
    private final Label missing = text("wizard-missing", "");

    private ImportWizard(ImportWizardModel model, List<String> stylesheets) {
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
        scene = new Scene(root, 980, 700);
        scene.focusOwnerProperty().addListener((o, was, now) -> {
            for (Node n = now; n != null; n = n.getParent()) {
                if (n instanceof ValueCell cell) {
                    javafx.application.Platform.runLater(cell::follow); // after the focus change, not inside it
                    return;
                }
            }
        });
        scene.getStylesheets().addAll(stylesheets);
        root.applyCss();
    }

    /** Opens the wizard over {@code owner} and starts reading the bundle. */
    public static ImportWizard open(Window owner, ImportWizardModel model) {
        return made(model, owner.getScene().getStylesheets()).show(owner);
    }

    /**
     * The wizard's content in its scene with these stylesheets, styled (the controls' skins made): on any thread, before
     * it is shown (decision 0033). {@link #show} makes the window on the FX thread.
     */
    public static ImportWizard made(ImportWizardModel model, List<String> stylesheets) {
        return new ImportWizard(model, List.copyOf(stylesheets));
    }

    /** On the FX thread: the wizard's window over {@code owner}; then the bundle is read. */
    public ImportWizard show(Window owner) {
        stage = new Stage();
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Import " + model.fileName() + " into " + model.target());
        odcm.app.ui.common.ProgressDialog.follow(model.runningProperty(), () -> stage, "Importing " + model.fileName());
        stage.show();
        model.load();
        return this;
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
        Button cancel = Forms.button("wizard-cancel", "Cancel", "Close without importing anything", () -> stage.close());
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
        model.leftForInstances().addListener((ListChangeListener<String>) ch -> showMissing());
        showMissing();
        VBox bottom = new VBox(8, missing, box);
        bottom.setPadding(new Insets(10, 16, 14, 16));
        return bottom;
    }

    private void showMissing() {
        List<String> all = model.missing();
        // The first few by name, then how many more: a sentence of a thousand names would be laid out again on every key.
        List<String> later = model.leftForInstances();
        String left = later.isEmpty() ? "" : " Left blank for each instance (one without a value of its own cannot be deployed to): "
                + String.join("; ", later) + ".";
        missing.setText(all.isEmpty() ? (later.isEmpty() ? "Every mandatory value is set." : "Every environment's mandatory value is set." + left)
                : "Missing mandatory values (" + all.size() + "): " + String.join("; ", all.subList(0, Math.min(all.size(), SHOWN)))
                + (all.size() > SHOWN ? "; and " + (all.size() - SHOWN) + " more" : "") + "." + left);
        missing.getStyleClass().removeAll(Css.OK, Css.ERROR, Css.WARNING);
        missing.getStyleClass().add(!all.isEmpty() ? Css.ERROR : later.isEmpty() ? Css.OK : Css.WARNING);
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
        page.setFitToHeight(p != null && current == ImportWizardModel.VALUES); // its list fills the page and scrolls itself
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
            return List.of(verdict, accept, fileSha256(Forms.grid()));
        }
        if (!(p.outcome() instanceof VerificationOutcome.Genuine g)) {
            Label stop = text("wizard-stopped", p.alreadyImported() ? "Nothing to do: this bundle was imported before."
                    : "The import stops here: nothing from this bundle can be shown as coming from its sender, and nothing was changed.");
            stop.getStyleClass().add(Css.HINT);
            return List.of(verdict, stop, fileSha256(Forms.grid()));
        }
        GridPane grid = fileSha256(Forms.grid());
        Forms.row(grid, "Signed by", text("wizard-signer", p.sourceSpace() + (p.sourceSpace().equals(g.content().sourceSpace()) ? ""
                : " (calls itself '" + g.content().sourceSpace() + "')")));
        Label fp = text("wizard-fingerprint", g.source().grouped());
        fp.getStyleClass().add(Css.FINGERPRINT);
        Forms.row(grid, "Signer's certificate", fp);
        Forms.row(grid, "Addressed to", text(null, g.content().targetSpace() + " (certificate " + g.target().grouped() + ")"));
        Forms.row(grid, "Bundle", text(null, g.content().bundleId() + " · sequence " + g.content().sequence()));
        Forms.row(grid, "Bundle created", text(null, when(g.content().created()) + " · expires " + when(g.content().expires())));
        Forms.row(grid, "Release", text("wizard-release", odcm.model.release.ReleaseHead.named(g.content().version(), g.content().revision()) + " of " + g.content().project() + " · created "
                + when(g.content().releaseCreated()) + " in " + g.content().sourceSpace()));
        if (g.content().outOfOrder() != null) { // the source's override of lifecycle order, signed (decision 0045)
            Label order = text("wizard-out-of-order", "Promoted out of lifecycle order by " + g.content().outOfOrder().by() + ": "
                    + g.content().outOfOrder().reason() + " (skipped: " + g.content().outOfOrder().skipped() + ")");
            order.getStyleClass().add(Css.WARNING);
            Forms.row(grid, "Lifecycle order", order);
        }
        Label jump = text("wizard-jump-accepted", model.sequenceJumpAcceptedProperty().get()
                ? "You accepted its sequence jump; the import records it in the audit log." : "");
        return List.of(verdict, grid, jump, Forms.hint("The signature was checked with the certificate this space pinned for '" + p.sourceSpace()
                + "', whose fingerprint was confirmed when it was added. Compare it with the one the sender reads out."));
    }

    /**
     * The row "Bundle file (SHA-256)": the file's fingerprint as the Promote dialog showed it to the promoter, who reads it
     * out; copyable, to paste into a reply.
     */
    private GridPane fileSha256(GridPane grid) {
        odcm.app.ui.common.FingerprintView sha = new odcm.app.ui.common.FingerprintView("wizard-file-sha256");
        sha.show(model.fileSha256());
        Forms.row(grid, "Bundle file (SHA-256)", sha);
        return grid;
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
        afterThisPulse(() -> snapshot.showPrepared(model.inside()));
        snapshot.note("As the bundle carries it. Once imported, the process and templates are read-only here; the values stay editable.");
        snapshot.setPrefHeight(430);
        snapshot.setMinHeight(430);
        List<Node> out = new java.util.ArrayList<>(List.of(becomes, p.update().isPresent() ? update(p.update().get()) : changes));
        if (!p.templates().isEmpty()) { // decision 0058: what the import does to the environment templates it carries
            out.add(text("wizard-templates", "Environment templates: " + p.templates() + "."));
        }
        out.add(snapshot);
        out.add(reveal(p));
        return out;
    }

    /** A later revision of a release imported here before: "Update of 1.2.0: revision 2", and what changed, as Compare shows it. */
    private Node update(ImportService.Update u) {
        Label words = text("wizard-update", u.words() + ": " + u.diff().summary());
        words.getStyleClass().add(Css.SUBSECTION);
        javafx.scene.control.TableView<odcm.app.ui.release.CompareRow> diff = odcm.app.ui.common.Tables.table("wizard-update-diff");
        diff.getColumns().setAll(List.of(
                odcm.app.ui.common.Tables.<odcm.app.ui.release.CompareRow>fixed("", 44, odcm.app.ui.release.CompareRow::marker),
                odcm.app.ui.common.Tables.<odcm.app.ui.release.CompareRow>column("Item", 165, odcm.app.ui.release.CompareRow::item),
                odcm.app.ui.common.Tables.<odcm.app.ui.release.CompareRow>column("Change / field", 190, odcm.app.ui.release.CompareRow::fieldName),
                // wide enough for their headers whole: which revision is here and which in the bundle is the point of the table
                odcm.app.ui.common.Tables.<odcm.app.ui.release.CompareRow>fixed("Revision " + u.revisionHere() + " (here)", 165,
                        odcm.app.ui.release.CompareRow::from),
                odcm.app.ui.common.Tables.<odcm.app.ui.release.CompareRow>fixed("Revision " + u.revision() + " (bundle)", 175,
                        odcm.app.ui.release.CompareRow::to)));
        diff.getColumns().forEach(c -> c.setSortable(false));
        odcm.app.ui.release.CompareView.styledRows(diff);
        diff.getItems().setAll(model.updateRows());
        diff.setPrefHeight(250);
        diff.setMinHeight(180);
        VBox box = new VBox(6, words, diff);
        if (!u.refusal().isEmpty()) {
            Label refusal = text("wizard-update-refusal", u.refusal());
            refusal.getStyleClass().add(Css.ERROR);
            box.getChildren().add(1, refusal);
        } else {
            box.getChildren().add(Forms.hint("Once imported, revision " + u.revision() + " is the current one; revision " + u.revisionHere()
                    + " stays, frozen, with its deployments, which do not count for the new revision."));
        }
        return box;
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
            RadioButton r = new RadioButton(odcm.app.ui.common.Formats.lifecycle(l) + (fits ? " · deploys here to " + String.join(", ", envs)
                    : " · no environment of this space"));
            r.setWrapText(true);
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

    /** A line of the Values step: an environment's heading ({@code template} null), or one template's value there. */
    public record ValueLine(String environment, VariableTemplate template, StringProperty value, Field field, int count) {
        /** The id of the line's control ({@code value-<environment>-<template>}), of its heading ({@code values-<environment>}). */
        public String id() {
            return template == null ? "values-" + safe(environment) : "value-" + safe(environment) + "-" + safe(template.name());
        }

        boolean matches(String query) {
            return template != null && (contains(template.label(), query) || contains(template.name(), query) || contains(environment, query));
        }

        private static boolean contains(String text, String query) {
            return text.toLowerCase(java.util.Locale.ROOT).contains(query);
        }
    }

    /**
     * One line per template and environment in a virtualised list: only the lines in sight have controls, so a release
     * of thousands of templates shows as fast as one of five. A line's control is bound to the model's value while it is
     * shown and unbound when the cell is reused, so nothing typed is lost. A search narrows the lines (never by value:
     * sensitive values are not searchable).
     */
    private List<Node> values() {
        List<ValueLine> lines = new java.util.ArrayList<>();
        model.values().forEach((env, templates) -> {
            Map<VariableTemplate, Field> fields = new java.util.HashMap<>();
            model.fields(env).forEach(f -> fields.putIfAbsent(f.template(), f));
            lines.add(new ValueLine(env, null, null, null, templates.size()));
            templates.forEach((t, value) -> lines.add(new ValueLine(env, t, value, fields.get(t), 0)));
        });
        javafx.collections.transformation.FilteredList<ValueLine> shown = new javafx.collections.transformation.FilteredList<>(
                javafx.collections.FXCollections.observableList(lines));
        ListView<ValueLine> list = new ListView<>();
        list.setPlaceholder(new Label(""));
        afterThisPulse(() -> {
            list.setItems(shown);
            list.setPlaceholder(Forms.hint(lines.isEmpty() ? "This release has no variable templates: there is nothing to fill in." : "No value matches the search."));
        });
        list.setId("wizard-values");
        list.getStyleClass().add("wizard-values");
        list.setFocusTraversable(false); // Tab goes from field to field; the list scrolls to keep the focused one in sight
        lineNodes.clear();
        list.setCellFactory(l -> new ValueCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        TextField search = new TextField();
        search.setId("wizard-values-search");
        search.setPromptText("Find a value by its label, name or environment");
        search.textProperty().addListener((o, was, now) -> {
            String q = now.strip().toLowerCase(java.util.Locale.ROOT);
            if (q.isEmpty()) {
                shown.setPredicate(null);
                return;
            }
            java.util.Set<String> withMatches = new java.util.HashSet<>();
            lines.stream().filter(line -> line.matches(q)).forEach(line -> withMatches.add(line.environment()));
            shown.setPredicate(line -> line.template() == null ? withMatches.contains(line.environment()) : line.matches(q));
        });
        Label searchLabel = new Label("_Search");
        searchLabel.setMnemonicParsing(true);
        searchLabel.setLabelFor(search);
        HBox find = new HBox(8, searchLabel, search);
        find.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        return List.of(Forms.hint("Fields marked * are mandatory. Values the source provided are filled in and can be changed."), find, list);
    }

    /** Scrolls the Values step's list to the line whose control (or heading) has {@code id}; false if no line has it. */
    public static boolean scrollTo(ListView<ValueLine> values, String id) {
        for (int i = 0; i < values.getItems().size(); i++) {
            if (values.getItems().get(i).id().equals(id)) {
                values.scrollTo(i);
                return true;
            }
        }
        return false;
    }

    /**
     * The nodes of the lines shown lately, kept while they are among the last {@value #KEPT}: the list measures a line
     * (in a cell of its own) before it shows it, and a line scrolled back into sight keeps its caret. A control stays
     * bound to its value while it lives; the binding is weak, so a node dropped from here goes with its binding.
     */
    private final Map<ValueLine, Node> lineNodes = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ValueLine, Node> eldest) {
            return size() > KEPT;
        }
    };
    private static final int KEPT = 200;

    private final class ValueCell extends ListCell<ValueLine> {
        ValueCell() {
            setPrefWidth(0); // as wide as the list: help texts wrap instead of scrolling sideways
            // The theme draws inputs inside a ".cell" flat, as for editing a table in place; these are the form's own fields.
            getStyleClass().remove("cell");
        }

        /** The line with the focus and its neighbours come into sight, so Tab and Shift+Tab walk every line, not only those shown. */
        void follow() {
            if (!isFocusWithin() || isEmpty() || getListView() == null) {
                return;
            }
            int at = getIndex();
            int last = getListView().getItems().size() - 1;
            getListView().lookupAll(".virtual-flow").stream().findFirst().ifPresent(n -> {
                var flow = (javafx.scene.control.skin.VirtualFlow<?>) n;
                flow.scrollTo(Math.min(last, at + 1));
                flow.scrollTo(Math.max(0, at - 1));
                flow.scrollTo(at);
            });
        }

        @Override
        protected void updateItem(ValueLine line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            setGraphic(empty || line == null ? null : nodeFor(line));
        }

        /**
         * The kept node of {@code line}, unless another cell on screen shows it: a node has one parent, so taking it would
         * leave that cell blank (the list measures a line in a cell of its own while the line is on screen). That cell
         * gets a node of its own, not kept.
         */
        private Node nodeFor(ValueLine line) {
            Node kept = lineNodes.get(line);
            if (kept != null && kept.getParent() instanceof ValueCell other && other != this && other.isVisible() && other.getItem() == line) {
                return line.template() == null ? heading(line) : field(line);
            }
            return lineNodes.computeIfAbsent(line, l -> l.template() == null ? heading(l) : field(l));
        }
    }

    private static Node heading(ValueLine line) {
        Label l = new Label(line.environment() + (ImportWizardModel.isTemplate(line.environment()) ? " · every instance" : "")
                + " (" + line.count() + (line.count() == 1 ? " value)" : " values)"));
        l.setId(line.id());
        l.getStyleClass().add(Css.SUBSECTION);
        return l;
    }

    private Node field(ValueLine line) {
        VariableTemplate t = line.template();
        Node control = control(line);
        Field f = line.field();
        String origin = f == null || f.origin() == ImportService.Origin.NONE ? "" : f.origin() == ImportService.Origin.PROVIDED
                ? "Provided by " + model.previewProperty().get().sourceSpace() + "." : "Filled in: " + f.origin().words() + ".";
        String help = sentence(t.helpText()) + " " + origin + (t.mandatory() ? ImportWizardModel.isTemplate(line.environment())
                ? " Mandatory for each instance: here, or later on the instance itself." : " Mandatory." : " Optional.");
        Label h = Forms.hint(help.strip().replaceAll(" +", " "));
        h.setId(line.id() + "-help");
        GridPane grid = Forms.grid();
        grid.getColumnConstraints().get(0).setPrefWidth(200);
        grid.getColumnConstraints().get(0).setMinWidth(200);
        Forms.row(grid, t.label() + (t.mandatory() ? " *" : ""), new VBox(3, control, h));
        ((Label) grid.getChildren().get(0)).setWrapText(true);
        return grid;
    }

    /**
     * A control per template type, bound both ways to the value. A sensitive one is masked, with an eye that shows it: at
     * once what the importer typed, after an audit entry a value filled in for them (provided by the source, or kept
     * from an earlier import). Tab leaves a multi-line field for the next field, as it leaves any other.
     */
    private Node control(ValueLine line) {
        VariableTemplate t = line.template();
        Node c = odcm.app.ui.common.ValueControls.control(t, line.value(), line.id());
        if (c instanceof MaskedField f) {
            String filledIn = line.field() == null ? "" : line.field().value();
            f.audited(v -> !filledIn.isEmpty() && filledIn.equals(v), show -> model.revealFilledIn(line.environment(), t, show));
        }
        return c;
    }

    // ---- 5. Summary ----

    private List<Node> summary(Preview p) {
        var c = p.content();
        GridPane grid = Forms.grid();
        Forms.row(grid, "Project", text("summary-project", p.remoteProject() + (p.previousVersion().isPresent() ? " (exists; the release joins it)"
                : " (new remote project)")));
        Forms.row(grid, "Release", text("summary-release", odcm.model.release.ReleaseHead.named(c.version(), c.revision()) + " · " + count(c.snapshot().packages().size(), "package") + ", "
                + count(c.snapshot().process().size(), "step") + ", " + count(c.snapshot().variables().size(), "variable") + ", "
                + count(c.snapshot().templates().size(), "template")));
        Forms.row(grid, "From", text(null, p.sourceSpace()));
        Forms.row(grid, "Lifecycle", text("summary-lifecycle", model.lifecycleProperty().get() == null ? "" : model.lifecycleProperty().get().name()));
        model.values().forEach((env, m) -> Forms.row(grid, env, text("summary-values-" + safe(env), summaryValues(env, m))));
        Label after = text("summary-after", model.doneProperty().get()
                ? "Done. The project is on the Projects screen; its releases on the Releases screen."
                : "Finish imports all of this in one step: the remote project, the release and its snapshot, the values and an audit entry — or, if anything fails, none of it.");
        after.getStyleClass().add(Css.HINT);
        return List.of(grid, after);
    }

    /** The values given for {@code env}, and for a template the mandatory ones left blank, which each instance will lack (review M1). */
    private static String summaryValues(String env, Map<VariableTemplate, javafx.beans.property.StringProperty> m) {
        String given = m.isEmpty() ? "no values" : firstFew(m.entrySet().stream()
                .filter(e -> e.getKey().type() == TemplateType.CHECKBOX || e.getValue().get() != null && !e.getValue().get().isBlank())
                .map(e -> e.getKey().label() + " = " + shown(e.getKey().type(), e.getValue().get())).toList());
        List<String> blank = ImportWizardModel.isTemplate(env) ? ImportWizardModel.blankMandatory(m) : List.of();
        return blank.isEmpty() ? given : (given.isEmpty() ? "" : given + "; ") + "left blank for each instance: " + firstFew(blank);
    }

    /** A value as the summary says it: masked when sensitive, Yes or No for a checkbox, on one line. */
    static String shown(TemplateType type, String value) {
        return switch (type) {
            case SENSITIVE -> Variable.MASK;
            case CHECKBOX -> "true".equals(value) ? "Yes" : "No";
            default -> value == null ? "" : value.replace('\n', ' ');
        };
    }

    // ---- helpers ----

    /**
     * Runs {@code fill} once the page shown now has been styled and laid out: a big page comes in two pulses (its frame,
     * then its lines), each a short stall, instead of one long one.
     */
    private void afterThisPulse(Runnable fill) {
        Scene scene = root.getScene();
        if (scene == null) {
            fill.run();
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            javafx.application.Platform.runLater(fill);
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** How many names a sentence lists before saying how many more there are. */
    static final int SHOWN = 10;

    /** The values of a summary line, or for many the first twenty and how many more (all are imported). */
    private static String firstFew(List<String> values) {
        int n = Math.min(values.size(), 2 * SHOWN);
        return String.join(", ", values.subList(0, n)) + (values.size() > n ? ", and " + (values.size() - n) + " more" : "");
    }

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
