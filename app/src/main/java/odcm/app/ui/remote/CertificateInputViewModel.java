package odcm.app.ui.remote;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.io.UserFiles;
import odcm.app.service.RemoteSpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.space.NameCheck;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Refusal;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.packaging.cert.ReadCertificate;

/**
 * Add remote space and Replace certificate: a certificate from a file or pasted text, previewed (read and
 * checked by the service, off the FX thread) before anything can be saved, and an optional fingerprint
 * read out by the other side, compared live.
 */
public final class CertificateInputViewModel {
    private final RemoteSpaceService remotes;
    private final Space replacing;
    private final FormState form;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty pastedText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ObjectProperty<ReadCertificate> preview = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper previewError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper knownAs = new ReadOnlyStringWrapper("");
    private final StringProperty expectedFingerprint = new SimpleStringProperty("");
    private final ObjectBinding<FingerprintMatch> match;
    private final StringBinding matchSentence;
    private final StringBinding nameProblem;
    /** Once a name was typed: an empty new dialog does not scold. */
    private final javafx.beans.property.BooleanProperty nameTouched = new javafx.beans.property.SimpleBooleanProperty(false);
    private final StringBinding shownNameProblem;
    private final BooleanBinding canSave;
    private byte[] bytes;
    /** Previews finish in order, but a newer paste makes an older preview's outcome irrelevant. */
    private int generation;

    /** @param replacing the remote space whose certificate is replaced, or null to add a new remote space */
    public CertificateInputViewModel(RemoteSpaceService remotes, TaskRunner runner, Space replacing) {
        this.remotes = remotes;
        this.replacing = replacing;
        this.form = new FormState(runner);
        match = Bindings.createObjectBinding(() -> compare(preview.get(), expectedFingerprint.get()), preview, expectedFingerprint);
        matchSentence = Bindings.createStringBinding(() -> switch (match.get()) {
            case NONE -> "";
            case MATCHES -> "Matches this certificate's fingerprint.";
            case DIFFERS -> "Does not match this certificate's fingerprint. Do not save; call the other side back.";
            case INCOMPLETE -> "A fingerprint has 64 hexadecimal digits; spaces and colons between them are fine. Save waits for all of them.";
        }, match);
        nameProblem = Bindings.createStringBinding(() -> replacing != null ? "" : NameCheck.nameProblem(name.get()), name);
        shownNameProblem = Bindings.createStringBinding(() -> nameTouched.get() ? nameProblem.get() : "", nameTouched, nameProblem);
        // A fingerprint typed but not matching (or not yet whole) keeps Save disabled: the sentence under it says why.
        canSave = preview.isNotNull().and(knownAs.isEmpty()).and(nameProblem.isEmpty()).and(form.submittingProperty().not())
                .and(Bindings.createBooleanBinding(() -> match.get() == FingerprintMatch.NONE || match.get() == FingerprintMatch.MATCHES, match));
        pastedText.addListener((o, was, now) -> pasted(now));
        name.addListener((o, was, now) -> {
            form.clearError();
            if (now != null && !now.isEmpty()) {
                nameTouched.set(true);
            }
        });
        expectedFingerprint.addListener((o, was, now) -> form.clearError());
    }

    static FingerprintMatch compare(ReadCertificate cert, String typed) {
        if (cert == null || typed == null || typed.isBlank()) {
            return FingerprintMatch.NONE;
        }
        try {
            return Fingerprint.parse(typed).equals(cert.info().fingerprint()) ? FingerprintMatch.MATCHES : FingerprintMatch.DIFFERS;
        } catch (Refusal notYet) {
            return FingerprintMatch.INCOMPLETE;
        }
    }

    private void pasted(String text) {
        if (text == null || text.isBlank()) {
            if (source.get().startsWith("Pasted")) {
                clearPreview("");
            }
            return;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        load("Reading the pasted certificate", "Pasted text", () -> b);
    }

    public void loadFile(Path file) {
        load("Reading certificate " + file.getFileName(), "File " + file, () -> UserFiles.readCertificate(file));
    }

    private interface Reader {
        byte[] read() throws Exception;
    }

    private record Loaded(byte[] bytes, ReadCertificate certificate, Optional<Space> known) {
    }

    private void load(String what, String from, Reader reader) {
        int mine = ++generation;
        clearPreview(from);
        form.runner().run(what, () -> {
            byte[] b = reader.read();
            ReadCertificate c = remotes.preview(b);
            return new Loaded(b, c, remotes.knownAs(c.info().fingerprint()));
        }, loaded -> {
            if (mine == generation) {
                bytes = loaded.bytes();
                knownAs.set(loaded.known().map(s -> "This certificate is already known as " + s.describe()
                        + "; it cannot be added again.").orElse(""));
                preview.set(loaded.certificate());
            }
        }, sentence -> {
            if (mine == generation) {
                previewError.set(sentence);
            }
        });
    }

    private void clearPreview(String from) {
        bytes = null;
        preview.set(null);
        previewError.set("");
        knownAs.set("");
        source.set(from);
        form.clearError();
    }

    public void submit(Consumer<Space> onSaved) {
        if (!canSave.get()) {
            return;
        }
        byte[] b = bytes;
        String expected = expectedFingerprint.get();
        if (replacing == null) {
            String n = name.get();
            String d = description.get();
            form.submit("Adding remote space '" + n.strip() + "'", () -> remotes.add(n, d, b, expected), onSaved);
        } else {
            form.submit("Replacing the certificate of " + replacing.describe(),
                    () -> remotes.replaceCertificate(replacing.name(), b, expected), onSaved);
        }
    }

    public boolean isReplacing() {
        return replacing != null;
    }

    public Space replacing() {
        return replacing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty pastedTextProperty() {
        return pastedText;
    }

    /** Where the previewed certificate came from: "File …" or "Pasted text". */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ObjectProperty<ReadCertificate> previewProperty() {
        return preview;
    }

    public ReadOnlyStringProperty previewErrorProperty() {
        return previewError.getReadOnlyProperty();
    }

    /** Set when the previewed certificate is already that of a space here (now or earlier); Save stays disabled. */
    public ReadOnlyStringProperty knownAsProperty() {
        return knownAs.getReadOnlyProperty();
    }

    public StringProperty expectedFingerprintProperty() {
        return expectedFingerprint;
    }

    public ObjectBinding<FingerprintMatch> matchProperty() {
        return match;
    }

    public StringBinding matchSentenceProperty() {
        return matchSentence;
    }

    /** Why the name cannot be used ("" when it can); OK stays disabled while it is not empty. */
    public StringBinding nameProblemProperty() {
        return nameProblem;
    }

    /** {@link #nameProblemProperty()} once a name was typed, for the line under the name field. */
    public StringBinding shownNameProblemProperty() {
        return shownNameProblem;
    }

    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    public FormState form() {
        return form;
    }
}
