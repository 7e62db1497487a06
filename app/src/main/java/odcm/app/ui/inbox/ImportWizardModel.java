package odcm.app.ui.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import odcm.app.service.ImportService;
import odcm.app.service.ImportService.Field;
import odcm.app.service.ImportService.Preview;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;

/**
 * The import wizard's state: the preview of one bundle, the step shown, the lifecycle chosen, the values typed per
 * environment and template, what is still missing, and the import itself, run on the task runner. Needs no FX thread.
 */
public final class ImportWizardModel {
    public static final List<String> STEPS = List.of("Who sent it", "What's inside", "Lifecycle", "Values", "Summary");
    public static final int WHO = 0;
    public static final int INSIDE = 1;
    public static final int LIFECYCLE = 2;
    public static final int VALUES = 3;
    public static final int SUMMARY = 4;

    private final ImportService imports;
    private final TaskRunner runner;
    private final String target;
    private final byte[] bundle;
    private final String fileName;
    private final IntegerProperty step = new SimpleIntegerProperty(WHO);
    private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>();
    private final ObjectProperty<Lifecycle> lifecycle = new SimpleObjectProperty<>();
    private final Map<String, Map<VariableTemplate, StringProperty>> values = new LinkedHashMap<>();
    private final ObservableList<String> missing = FXCollections.observableArrayList();
    private final ObservableMap<String, String> revealed = FXCollections.observableHashMap();
    private final BooleanProperty importing = new SimpleBooleanProperty();
    /** The import under way (its progress and Cancel), null when none. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<odcm.app.ui.task.TaskProgress> running =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final BooleanProperty done = new SimpleBooleanProperty();
    private final BooleanProperty acceptSequenceJump = new SimpleBooleanProperty();
    private final StatusMessage message = new StatusMessage();
    private final BooleanBinding canNext;
    private odcm.app.ui.release.ReleaseSnapshotView.Shown inside;
    private final BooleanBinding canFinish;

    public ImportWizardModel(ImportService imports, TaskRunner runner, String target, byte[] bundle, String fileName) {
        this.imports = imports;
        this.runner = runner;
        this.target = target;
        this.bundle = bundle.clone();
        this.fileName = fileName;
        lifecycle.addListener((o, was, now) -> buildValues());
        canNext = Bindings.createBooleanBinding(() -> preview.get() != null && preview.get().importable() && !importing.get() && !done.get()
                && switch (step.get()) {
                    case WHO, INSIDE -> true;
                    case LIFECYCLE -> lifecycle.get() != null;
                    case VALUES -> missing.isEmpty();
                    default -> false;
                }, step, preview, lifecycle, missing, importing, done);
        canFinish = Bindings.createBooleanBinding(() -> preview.get() != null && preview.get().importable() && lifecycle.get() != null
                && step.get() >= VALUES && missing.isEmpty() && !importing.get() && !done.get(), step, preview, lifecycle, missing, importing, done);
    }

    /** Reads and verifies the bundle (secrets opened with the space's key), off the FX thread. */
    public void load() {
        boolean accept = acceptSequenceJump.get();
        runner.run("Opening " + fileName, () -> {
            Preview p = imports.preview(target, bundle, accept);
            var c = p.content();
            return new Opened(p, odcm.app.service.BundleService.fileFingerprint(bundle), c == null ? null : odcm.app.ui.release.ReleaseSnapshotView.Shown.of(new odcm.model.release.Release(0, 0,
                    p.remoteProject(), c.version(), c.notes(), c.channel(), c.releaseCreated(), c.snapshot())),
                    p.update().map(u -> odcm.app.ui.release.CompareViewModel.rows(u.diff(), true, java.util.Set.of()).stream()
                            .filter(r -> r.kind() != odcm.app.ui.release.CompareRow.Kind.SECTION || !u.diff().changes(r.section()).isEmpty())
                            .toList()).orElse(List.of())); // the sections that changed, with their changes
        }, opened -> {
            Preview p = opened.preview();
            fileSha256 = opened.sha256();
            inside = opened.inside();
            updateRows = opened.updateRows();
            preview.set(p);
            lifecycle.set(p.suggested().orElse(null));
        }, message::error);
    }

    private record Opened(Preview preview, odcm.model.cert.Fingerprint sha256, odcm.app.ui.release.ReleaseSnapshotView.Shown inside,
                          List<odcm.app.ui.release.CompareRow> updateRows) {
    }

    /**
     * For a later revision of a release imported here before (decision 0048): its changes against the revision here, as the
     * Compare window's rows (made with the preview, off the FX thread); empty otherwise.
     */
    public List<odcm.app.ui.release.CompareRow> updateRows() {
        return updateRows;
    }

    private List<odcm.app.ui.release.CompareRow> updateRows = List.of();

    private odcm.model.cert.Fingerprint fileSha256;

    /** The SHA-256 of the bundle file (computed with the preview, off the FX thread), to compare with the promoter's; null before. */
    public odcm.model.cert.Fingerprint fileSha256() {
        return fileSha256;
    }

    /** The release the bundle carries, as the "What's inside" step shows it (prepared with the preview, off the FX thread). */
    public odcm.app.ui.release.ReleaseSnapshotView.Shown inside() {
        return inside;
    }

    /**
     * The importer confirms a sequence jump the verifier held back (step 1): the bundle is checked again accepting it, and
     * the import will record the jump in the audit log.
     */
    public void acceptSequenceJump() {
        if (!acceptSequenceJump.get() && preview.get() != null && preview.get().outcome() instanceof odcm.packaging.bundle.VerificationOutcome.SequenceJump) {
            acceptSequenceJump.set(true);
            load();
        }
    }

    /** Whether the importer confirmed a sequence jump. */
    public BooleanProperty sequenceJumpAcceptedProperty() {
        return acceptSequenceJump;
    }

    private void buildValues() {
        values.clear();
        Lifecycle l = lifecycle.get();
        if (l != null && preview.get() != null && preview.get().importable()) {
            preview.get().form(l).forEach((env, fields) -> {
                Map<VariableTemplate, StringProperty> m = new LinkedHashMap<>();
                for (Field f : fields) {
                    StringProperty p = new SimpleStringProperty(f.value());
                    p.addListener((o, was, now) -> updateMissing());
                    m.put(f.template(), p);
                }
                values.put(env, m);
            });
        }
        updateMissing();
    }

    private void updateMissing() {
        List<String> now = new java.util.ArrayList<>();
        values.forEach((env, m) -> m.forEach((t, p) -> { // a template's may stay blank: each instance may still get its own (0057)
            if (t.mandatory() && (p.get() == null || p.get().isBlank()) && !isTemplate(env)) {
                now.add(env + ": " + t.label());
            }
        }));
        missing.setAll(now);
    }

    /** Whether a line of the Values step is an environment template's ("Feature (template)"), every instance's value. */
    public static boolean isTemplate(String scope) {
        return scope.endsWith(odcm.model.lifecycle.PhaseMember.TemplateMember.SUFFIX);
    }

    public void next() {
        if (canNext.get()) {
            step.set(step.get() + 1);
        }
    }

    public void back() {
        if (step.get() > WHO && !importing.get() && !done.get()) {
            step.set(step.get() - 1);
        }
    }

    /** Shows the summary and imports, all or nothing; the result (or refusal) lands in {@link #message()}. */
    public void finish() {
        if (!canFinish.get()) {
            return;
        }
        step.set(SUMMARY);
        importing.set(true);
        message.clear();
        Map<String, Map<String, String>> given = new LinkedHashMap<>();
        values.forEach((env, m) -> {
            Map<String, String> v = new LinkedHashMap<>();
            m.forEach((t, p) -> v.put(t.name(), p.get() == null ? "" : p.get()));
            given.put(env, v);
        });
        String lifecycleName = lifecycle.get().name();
        boolean acceptJump = acceptSequenceJump.get();
        odcm.app.ui.task.TaskProgress progress = runner.progress();
        running.set(progress);
        runner.run("Importing release " + preview.get().content().version() + " of '" + preview.get().remoteProject() + "'",
                () -> imports.importBundle(target, bundle, lifecycleName, given, acceptJump, progress), r -> {
                    running.set(null);
                    importing.set(false);
                    done.set(true);
                    message.info(r.sentence());
                }, problem -> {
                    running.set(null);
                    importing.set(false);
                    message.error(problem);
                });
    }

    /** The import under way, with its progress and Cancel; null when none. */
    public javafx.beans.property.ReadOnlyObjectProperty<odcm.app.ui.task.TaskProgress> runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Shows one sensitive value of the bundle, after recording in the audit log that it was revealed. */
    public void reveal(Variable v) {
        Preview p = preview.get();
        runner.run("Recording that a sensitive value was revealed", () -> {
            imports.recordReveal(target, p.content(), v);
            return v;
        }, shown -> revealed.put(key(shown), shown.value()), message::error);
    }

    /**
     * Shows a sensitive value filled in for the importer on the Values step ({@code show}), after recording in the audit
     * log that it was revealed; what they typed themselves is shown without.
     */
    public void revealFilledIn(String environment, VariableTemplate t, Runnable show) {
        Preview p = preview.get();
        runner.run("Recording that a sensitive value was revealed", () -> {
            imports.recordReveal(target, p.content(), new Variable(t.name(), "", true, odcm.model.project.Scope.of(List.of(environment))));
            return t;
        }, done -> show.run(), message::error);
    }

    public static String key(Variable v) {
        return v.name() + " (" + v.scope() + ")";
    }

    public IntegerProperty stepProperty() {
        return step;
    }

    public ObjectProperty<Preview> previewProperty() {
        return preview;
    }

    public ObjectProperty<Lifecycle> lifecycleProperty() {
        return lifecycle;
    }

    /** Environment → template → value, in the order of the lifecycle and the templates. */
    public Map<String, Map<VariableTemplate, StringProperty>> values() {
        return values;
    }

    /** The fields of the preview (for where a value came from), for one environment. */
    public List<Field> fields(String environment) {
        return preview.get().fields().getOrDefault(environment, List.of());
    }

    public ObservableList<String> missing() {
        return missing;
    }

    public ObservableMap<String, String> revealed() {
        return revealed;
    }

    public BooleanProperty importingProperty() {
        return importing;
    }

    public BooleanProperty doneProperty() {
        return done;
    }

    public StatusMessage message() {
        return message;
    }

    public BooleanBinding canNext() {
        return canNext;
    }

    public BooleanBinding canFinish() {
        return canFinish;
    }

    public String target() {
        return target;
    }

    public String fileName() {
        return fileName;
    }
}
