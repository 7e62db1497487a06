package odcm.app.ui.remote;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;
import odcm.app.ui.common.CertificateDetails;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.space.Space;

/** Add remote space / Replace certificate; binds to {@link CertificateInputViewModel}. */
public final class CertificateInputDialog {
    static final List<ExtensionFilter> CERTIFICATE_FILES = List.of(
            new ExtensionFilter("Certificates (*.pem, *.crt, *.cer, *.der)", "*.pem", "*.crt", "*.cer", "*.der"),
            new ExtensionFilter("All files", "*.*"));

    private CertificateInputDialog() {
    }

    public static FormDialog create(Window owner, CertificateInputViewModel vm, FilePicker files, Consumer<Space> onSaved) {
        String id = vm.isReplacing() ? "replace-cert" : "add-remote";
        GridPane grid = Forms.grid();
        TextField name = null;
        if (!vm.isReplacing()) {
            name = new TextField();
            name.setId(id + "-name");
            name.setPromptText("The name the other side gave the space, e.g. DevTest Space");
            name.textProperty().bindBidirectional(vm.nameProperty());
            TextField description = new TextField();
            description.setId(id + "-description");
            description.setPromptText("Optional");
            description.textProperty().bindBidirectional(vm.descriptionProperty());
            // Why Save is disabled for a name like "Prod: EU", right under the name, in the model's words. The field
            // name stays level with the field (top of the row, as tall as the field) when the problem shows below.
            Label nameProblem = Forms.problem(id + "-name-problem", vm.shownNameProblemProperty(), Css.ERROR);
            VBox nameAndProblem = new VBox(6, name, nameProblem);
            Forms.row(grid, "_Name", nameAndProblem);
            Label nameLabel = (Label) grid.getChildren().get(grid.getChildren().size() - 2);
            nameLabel.setLabelFor(name);
            nameLabel.minHeightProperty().bind(name.heightProperty());
            nameLabel.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
            GridPane.setValignment(nameLabel, javafx.geometry.VPos.TOP);
            Forms.row(grid, "_Description", description);
        }

        Label source = new Label();
        source.setId(id + "-source");
        source.getStyleClass().add(Css.HINT);
        source.setWrapText(true);
        source.textProperty().bind(vm.sourceProperty().map(s -> s.isEmpty() ? "No certificate loaded yet." : "From: " + s));
        Button browse = Forms.button(id + "-browse", "_Browse…", "Read the certificate from a file (PEM or DER)",
                () -> files.open(owner, "Certificate of the remote space", CERTIFICATE_FILES).ifPresent(vm::loadFile));
        HBox fromFile = new HBox(10, browse, source);
        fromFile.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(source, Priority.ALWAYS);
        Forms.row(grid, "Certificate", fromFile);
        TextArea pem = new TextArea();
        pem.setId(id + "-pem");
        pem.setPromptText("…or paste the PEM text here");
        pem.setPrefRowCount(4);
        pem.getStyleClass().add(Css.MONO);
        pem.textProperty().bindBidirectional(vm.pastedTextProperty());
        Forms.row(grid, "", pem);

        Label previewError = new Label();
        previewError.setId(id + "-preview-error");
        previewError.getStyleClass().add(Css.ERROR);
        previewError.setWrapText(true);
        previewError.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        previewError.textProperty().bind(vm.previewErrorProperty());
        previewError.visibleProperty().bind(vm.previewErrorProperty().isNotEmpty());
        previewError.managedProperty().bind(previewError.visibleProperty());

        Label known = Forms.problem(id + "-known", vm.knownAsProperty(), Css.WARNING);

        CertificateDetails details = new CertificateDetails(id + "-preview", false, false);
        details.getStyleClass().add(Css.PREVIEW);
        details.visibleProperty().bind(vm.previewProperty().isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        vm.previewProperty().addListener((o, was, now) -> details.show(now == null ? null : now.info()));

        TextField expected = new TextField();
        expected.setId(id + "-expected");
        expected.setPromptText("Optional: the fingerprint the other side reads out to you");
        expected.getStyleClass().add(Css.MONO);
        expected.textProperty().bindBidirectional(vm.expectedFingerprintProperty());
        Label match = new Label();
        match.setId(id + "-match");
        match.setWrapText(true);
        match.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        match.textProperty().bind(vm.matchSentenceProperty());
        vm.matchProperty().addListener((o, was, now) -> {
            match.getStyleClass().removeAll(Css.OK, Css.ERROR, Css.HINT);
            match.getStyleClass().add(now == FingerprintMatch.MATCHES ? Css.OK : now == FingerprintMatch.DIFFERS ? Css.ERROR : Css.HINT);
        });
        GridPane check = Forms.grid();
        Forms.row(check, "_Fingerprint read out\nby the other side", expected);
        Forms.row(check, "", match);

        VBox content = new VBox(12, grid, previewError, details, known, check);
        String title = vm.isReplacing() ? "Replace the certificate of " + vm.replacing().describe() : "Add remote space";
        FormDialog dialog = new FormDialog(owner, id, title, vm.isReplacing() ? "Replace" : "Save", content,
                vm.canSaveProperty().not(), vm.form(), close -> vm.submit(saved -> {
                    close.run();
                    onSaved.accept(saved);
                }));
        dialog.pane().setPrefWidth(720);
        vm.previewProperty().addListener((o, was, now) -> dialog.fit());
        vm.previewErrorProperty().addListener((o, was, now) -> dialog.fit());
        vm.knownAsProperty().addListener((o, was, now) -> dialog.fit());
        vm.shownNameProblemProperty().addListener((o, was, now) -> dialog.fit());
        vm.matchSentenceProperty().addListener((o, was, now) -> dialog.fit());
        TextField first = name;
        dialog.dialog().setOnShown(e -> (first != null ? first : browse).requestFocus());
        return dialog;
    }
}
