package odcm.app.ui.bundle;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.Tables;
import odcm.app.ui.release.ReleaseSnapshotView;
import odcm.model.project.Variable;
import odcm.model.release.Release;
import odcm.packaging.bundle.BundleContent;
import odcm.packaging.bundle.VerificationOutcome;

/**
 * Opens a bundle file and shows the verifier's outcome in one sentence, marked in words and colour; the contents only
 * when genuine. Sensitive values stay masked unless revealed on purpose (recorded in the audit log).
 */
public final class VerifyBundleDialog {
    private VerifyBundleDialog() {
    }

    public static Dialog<ButtonType> create(Window owner, VerifyBundleViewModel vm, FilePicker files) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Verify a release bundle as '" + vm.space() + "'");
        d.setResizable(true);
        d.getDialogPane().setId("verify-bundle-dialog");
        d.getDialogPane().getStylesheets().add(Css.stylesheet());
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);

        Button open = Forms.button("verify-open", "_Open bundle file…", "Choose a bundle file to check", () ->
                files.open(owner, "Open a release bundle", PromoteDialog.BUNDLE_FILES).ifPresent(vm::open));
        Label file = new Label();
        file.setId("verify-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.fileProperty().get() == null ? "No file opened yet."
                : vm.fileProperty().get().toAbsolutePath().toString(), vm.fileProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(vm.state().submittingProperty());
        HBox top = new HBox(10, open, file, progress);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label outcome = new Label();
        outcome.setId("verify-outcome");
        outcome.setWrapText(true);
        outcome.setMaxWidth(Double.MAX_VALUE);
        outcome.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        outcome.textProperty().bind(Bindings.createStringBinding(() -> {
            VerificationOutcome o = vm.outcomeProperty().get();
            return o == null ? "" : (o.genuine() ? "✔ GENUINE — " + o.sentence().replaceFirst("^Genuine: ", "") : "✖ REFUSED — " + o.sentence());
        }, vm.outcomeProperty()));
        outcome.visibleProperty().bind(outcome.textProperty().isNotEmpty());
        Forms.styleWhen(outcome, Bindings.createBooleanBinding(() -> vm.outcomeProperty().get() != null && vm.outcomeProperty().get().genuine(),
                vm.outcomeProperty()), Css.OK, Css.ERROR);
        Label error = Forms.problem("verify-error", vm.state().errorProperty(), Css.ERROR);
        Button reveal = Forms.button("verify-reveal", "_Reveal sensitive values…",
                "Decrypt them with this space's key; recorded in the audit log", vm::reveal);
        reveal.disableProperty().bind(vm.revealedProperty().or(vm.state().submittingProperty()));
        reveal.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.outcomeProperty().get() != null
                && vm.outcomeProperty().get().genuine(), vm.outcomeProperty()));
        reveal.managedProperty().bind(reveal.visibleProperty());

        javafx.scene.control.ScrollPane contents = new javafx.scene.control.ScrollPane(contents(vm));
        contents.setFitToWidth(true);
        contents.visibleProperty().bind(contents.getContent().visibleProperty());
        contents.managedProperty().bind(contents.visibleProperty());
        VBox body = new VBox(12, Forms.hint("Checks the signature against the pinned certificate of a space '" + vm.space()
                + "' trusts for release bundles, the addressee, every part, expiry and replay. Nothing is shown as genuine "
                + "unless all of it holds. Checking changes nothing."), top, outcome, reveal, error, contents);
        VBox.setVgrow(contents, Priority.ALWAYS);
        body.getStyleClass().add(Css.FORM);
        d.getDialogPane().setContent(body);
        d.getDialogPane().setPrefSize(1000, 760);
        d.getDialogPane().setMinSize(1000, 760);
        return d;
    }

    private static VBox contents(VerifyBundleViewModel vm) {
        Label origin = new Label();
        origin.setId("verify-origin");
        origin.setWrapText(true);
        origin.getStyleClass().add(Css.HINT);
        origin.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ReleaseSnapshotView snapshot = new ReleaseSnapshotView();
        snapshot.setMinHeight(420); // the tabs of steps, variables, templates and packages stay in sight
        snapshot.note("What the bundle carries, as its source signed it. Sensitive values are masked.");
        TableView<BundleContent.HistoryEntry> history = Tables.table("verify-history");
        history.getColumns().setAll(List.of(Tables.<BundleContent.HistoryEntry>column("Space", 160, BundleContent.HistoryEntry::space),
                Tables.<BundleContent.HistoryEntry>column("Environment", 160, BundleContent.HistoryEntry::environment),
                Tables.<BundleContent.HistoryEntry>fixed("Deployed", 140, h -> Formats.minutes(h.deployedAt())),
                Tables.<BundleContent.HistoryEntry>column("Outcome", 100, BundleContent.HistoryEntry::outcome)));
        history.setPlaceholder(Forms.emptyState("verify-history-empty", "No deployments of this release are recorded in the bundle."));
        history.setPrefHeight(110);
        TableView<Variable> secrets = Tables.table("verify-secrets");
        secrets.getColumns().setAll(List.of(Tables.<Variable>column("Name", 160, Variable::name),
                Tables.<Variable>column("Scope", 200, v -> v.scope().toString()), Tables.<Variable>column("Value", 320, Variable::value)));
        secrets.setPrefHeight(120);
        secrets.visibleProperty().bind(vm.revealedProperty());
        secrets.managedProperty().bind(secrets.visibleProperty());
        Label historyTitle = new Label("Deployments already done");
        historyTitle.getStyleClass().add(Css.SUBSECTION);
        Label secretsTitle = new Label("Sensitive values (revealed; recorded in the audit log)");
        secretsTitle.getStyleClass().add(Css.SUBSECTION);
        secretsTitle.visibleProperty().bind(vm.revealedProperty());
        secretsTitle.managedProperty().bind(secretsTitle.visibleProperty());
        VBox box = new VBox(8, origin, secretsTitle, secrets, snapshot, historyTitle, history);
        VBox.setVgrow(snapshot, Priority.ALWAYS);
        box.setId("verify-contents");
        vm.outcomeProperty().addListener((o, was, now) -> {
            // Only a genuine bundle's contents are shown; anything else shows nothing of what the file claims.
            boolean genuine = now instanceof VerificationOutcome.Genuine;
            box.setVisible(genuine);
            box.setManaged(genuine);
            if (now instanceof VerificationOutcome.Genuine g) {
                BundleContent c = g.content();
                origin.setText("From '" + c.sourceSpace() + "' (certificate " + g.source().grouped() + ") to '" + c.targetSpace()
                        + "'\nBundle " + c.bundleId() + " · sequence " + c.sequence() + " · created " + Formats.minutes(c.created())
                        + " · expires " + Formats.minutes(c.expires())
                        + (c.outOfOrder() == null ? "" : "\nPromoted out of lifecycle order by " + c.outOfOrder().by() + ": " + c.outOfOrder().reason()));
                snapshot.show(new Release(0, 0, c.project(), c.version(), c.notes(), c.channel(), c.created(), c.snapshot()));
                history.setItems(FXCollections.observableArrayList(c.history()));
                secrets.setItems(FXCollections.observableArrayList(g.secretsOpened()
                        ? c.snapshot().variables().stream().filter(Variable::sensitive).toList() : List.of()));
            } else {
                snapshot.show(null);
                history.getItems().clear();
                secrets.getItems().clear();
            }
        });
        box.setVisible(false);
        box.setManaged(false);
        return box;
    }
}
