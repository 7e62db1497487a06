package odcm.app.ui.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.compare.ComparisonReport;
import odcm.app.io.UserFiles;
import odcm.app.service.ApprovalService;
import odcm.app.service.ReleaseService;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.compare.Entry;
import odcm.model.compare.FieldChange;
import odcm.model.compare.ReleaseDiff;
import odcm.model.compare.Section;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Verdict;

/**
 * The comparison of two releases of one project: which two (FROM older, TO newer by default), the rows shown
 * (all, or only changes), the selected row and next/previous change, the audited reveal of a sensitive item,
 * export, and the approver's decision on TO. The diff and every store access run on the task runner.
 */
public final class CompareViewModel {
    private final ReleaseService releases;
    private final ApprovalService approvals;
    private final TaskRunner runner;
    private final String space;
    private final String project;
    private final ObservableList<String> versions;
    private final ObjectProperty<String> from = new SimpleObjectProperty<>();
    private final ObjectProperty<String> to = new SimpleObjectProperty<>();
    private final BooleanProperty onlyChanges = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<ReleaseDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<CompareRow> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty approval = new SimpleStringProperty("");
    private final StringProperty approveRefusal = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    private final Set<String> revealed = new HashSet<>();

    /** @param versions the project's releases, newest first */
    /** The space the releases are of (and decided in). */
    public String space() {
        return space;
    }

    public CompareViewModel(ReleaseService releases, ApprovalService approvals, TaskRunner runner, String space, String project,
                            List<String> versions, String fromVersion, String toVersion) {
        this.releases = releases;
        this.approvals = approvals;
        this.runner = runner;
        this.space = space;
        this.project = project;
        this.versions = FXCollections.observableArrayList(versions);
        from.set(fromVersion);
        to.set(toVersion);
        from.addListener((o, was, now) -> load());
        to.addListener((o, was, now) -> load());
        onlyChanges.addListener((o, was, now) -> fill());
    }

    /** TO: the chosen release; FROM: the one before it, or itself when it is the first. */
    public static String[] defaultPair(List<String> newestFirst, String chosen) {
        int i = chosen == null ? 0 : Math.max(0, newestFirst.indexOf(chosen));
        return new String[] {newestFirst.get(Math.min(i + 1, newestFirst.size() - 1)), newestFirst.get(i)};
    }

    public void load() {
        String f = from.get();
        String t = to.get();
        if (f == null || t == null) {
            return;
        }
        message.clear();
        revealed.clear();
        boolean only = onlyChanges.get();
        CompareRow keep = selected.get();
        runner.run("Comparing release " + f + " with " + t, () -> {
            ReleaseDiff d = releases.compare(space, project, f, t);
            List<CompareRow> out = rows(d, only, Set.of());
            return new Loaded(d, approvalState(t), out, sameAs(out, keep));
        }, loaded -> {
            if (f.equals(from.get()) && t.equals(to.get())) {
                diff.set(loaded.diff());
                summary.set(loaded.diff().summary());
                approval.set(loaded.approval().text());
                approveRefusal.set(loaded.approval().refusal());
                if (only == onlyChanges.get()) {
                    show(loaded.rows(), keep, loaded.kept());
                } else {
                    fill(); // "Only changes" was switched while the comparison loaded
                }
                if (f.equals(t)) {
                    message.warning("FROM and TO are the same release; choose another to see changes.");
                }
            }
        }, sentence -> {
            diff.set(null);
            rows.clear();
            summary.set("");
            message.error(sentence);
        });
    }

    private record Loaded(ReleaseDiff diff, Approval approval, List<CompareRow> rows, CompareRow kept) {
    }

    /** The approval line, and why the person may not approve TO under the space's separation of duties ("" when they may). */
    private record Approval(String text, String refusal) {
    }

    /** Called on the task runner: what the approval requirement, the latest decision and the count say about TO. */
    private Approval approvalState(String version) {
        ApprovalService.Gates gates = approvals.gates(space);
        ApprovalService.History history = approvals.history(space, project, version);
        String req = !gates.every() && gates.environments().isEmpty() ? "'" + space + "' gates no environment (a rejection still stops deployments)."
                : "'" + space + "' needs approval before a release's first deployment to " + gates.words() + ".";
        String tally = approvals.tally(space, project, version).map(t -> " " + version + " has " + t + ".").orElse("");
        String refusal = approvals.approvalRefusal(space, project, version).or(() -> approvals.alreadyDecided(space, project, version)).orElse("");
        if (history.decisions().isEmpty()) {
            return new Approval(req + " No decision on " + version + " yet." + tally, refusal);
        }
        ApprovalService.Decided latest = history.decisions().get(0);
        ApprovalDecision d = latest.decision();
        return new Approval(req + " " + version + " was " + d.verdict().words() + " by " + d.decidedBy() + " on "
                + odcm.app.ui.common.Formats.dateTime(d.decidedAt()) + (d.against() == null ? "" : " against " + d.against())
                + (d.comment().isEmpty() ? "." : ": " + d.comment()) + (latest.voided() ? " That approval was of revision " + d.revision()
                + ", voided by revision " + history.revision() + "." : "") + tally, refusal);
    }

    /**
     * Shows the rows of the diff as the options say (only changes, which items are revealed). The rows of two releases
     * of thousands of items are built on the task runner; the FX thread only sets them, and keeps the selection.
     */
    private void fill() {
        ReleaseDiff d = diff.get();
        boolean only = onlyChanges.get();
        Set<String> open = Set.copyOf(revealed);
        CompareRow keep = selected.get();
        runner.run("Listing the changes", () -> {
            List<CompareRow> out = rows(d, only, open);
            return new Listed(out, sameAs(out, keep));
        }, listed -> {
            if (d == diff.get() && only == onlyChanges.get() && open.equals(revealed)) {
                show(listed.rows(), keep, listed.kept());
            }
        }, message::error);
    }

    private record Listed(List<CompareRow> rows, CompareRow kept) {
    }

    /**
     * Shows {@code out} with the row that stands for the one selected before, {@code kept}, found on the runner for
     * {@code keep} (tens of thousands of rows: not a search for the FX thread); found again here only if the selection
     * moved meanwhile.
     */
    private void show(List<CompareRow> out, CompareRow keep, CompareRow kept) {
        CompareRow now = selected.get();
        rows.setAll(out);
        selected.set(now == keep ? kept : sameAs(out, now));
    }

    /** The row of {@code out} that stands for {@code keep} (same kind, section, item and field), or null. */
    private static CompareRow sameAs(List<CompareRow> out, CompareRow keep) {
        return keep == null ? null : out.stream().filter(r -> same(r, keep)).findFirst().orElse(null);
    }

    /** The rows of {@code d}: every item, or {@code only} the changes; the items in {@code revealed} unmasked. Any thread. */
    public static List<CompareRow> rows(ReleaseDiff d, boolean only, Set<String> revealed) {
        List<CompareRow> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        for (Section s : Section.values()) {
            out.add(CompareRow.section(s, d));
            for (Entry e : d.section(s)) {
                if (only && !e.isChange()) {
                    continue;
                }
                boolean open = revealed.contains(key(e));
                out.add(new CompareRow(CompareRow.Kind.ENTRY, s, e, null, null, open));
                List<FieldChange> fields = only && e.change() == odcm.model.compare.Change.CHANGED ? e.changedFields()
                        : e.moved() && e.change() == odcm.model.compare.Change.UNCHANGED && only ? List.of() : e.fields();
                fields.forEach(f -> out.add(new CompareRow(CompareRow.Kind.FIELD, s, e, f, null, open)));
            }
        }
        return out;
    }

    private static boolean same(CompareRow a, CompareRow b) {
        return a.kind() == b.kind() && a.section() == b.section() && (a.entry() == null ? b.entry() == null
                : b.entry() != null && key(a.entry()).equals(key(b.entry()))) && (a.field() == null ? b.field() == null
                : b.field() != null && a.field().field().equals(b.field().field()));
    }

    private static String key(Entry e) {
        return e.section() + "\n" + e.name() + "\n" + e.fromPosition() + "\n" + e.toPosition();
    }

    /** Selects the next item that changed, after the selected row; false (and nothing moves) when there is none. */
    public boolean next() {
        return step(1);
    }

    public boolean previous() {
        return step(-1);
    }

    private boolean step(int direction) {
        int at = selected.get() == null ? (direction > 0 ? -1 : rows.size()) : rows.indexOf(selected.get());
        for (int i = at + direction; i >= 0 && i < rows.size(); i += direction) {
            if (rows.get(i).isChange()) {
                selected.set(rows.get(i));
                return true;
            }
        }
        message.info(direction > 0 ? "No further change below; Shift+F7 goes back." : "No change above; F7 goes on.");
        return false;
    }

    /** The item of the selected row, if it has sensitive values that are still masked. */
    public boolean canReveal() {
        CompareRow r = selected.get();
        return r != null && r.entry() != null && r.entry().sensitive() && !revealed.contains(key(r.entry()));
    }

    /** Records the reveal in the audit log, then shows the item's sensitive values; nothing is shown if that is refused. */
    public void reveal() {
        if (!canReveal()) {
            message.error("Select a sensitive variable to reveal its values.");
            return;
        }
        Entry e = selected.get().entry();
        ReleaseDiff d = diff.get();
        String name = e.name();
        runner.run("Recording the reveal of '" + name + "'", () -> {
            releases.recordReveal(space, project, d.from().version(), d.to().version(), name);
            return name;
        }, n -> {
            revealed.add(key(e));
            fill();
            message.warning("Revealed the sensitive values of '" + n + "'; this is recorded in the audit log.");
        }, message::error);
    }

    public void export(ComparisonReport.Format format, Path file) {
        ReleaseDiff d = diff.get();
        if (d == null) {
            message.error("Nothing to export yet: the comparison has not loaded.");
            return;
        }
        boolean only = onlyChanges.get(); // the report shows what the screen shows
        runner.run("Exporting the comparison", () -> {
            UserFiles.write(file, ComparisonReport.render(d, format, only).getBytes(StandardCharsets.UTF_8));
            return file;
        }, p -> message.info("Exported the comparison of " + d.from().version() + " and " + d.to().version() + " to " + p
                + " (sensitive values are never in it)."), message::error);
    }

    /**
     * Records an approval or rejection of TO through the dialog's form state, so a refusal (a rejection without
     * a comment) stays in the dialog and nothing is recorded; on success the approval line and the message say so.
     */
    public void decide(odcm.app.ui.common.FormState form, Verdict verdict, String comment, Runnable done) {
        String version = to.get();
        String against = from.get(); // what it was compared against is recorded with it (decision 0046)
        form.submit((verdict == Verdict.APPROVED ? "Approving " : "Rejecting ") + version, () -> {
            approvals.decide(space, project, version, verdict, comment, version.equals(against) ? null : against);
            return approvalState(version);
        }, state -> {
            approval.set(state.text());
            approveRefusal.set(state.refusal());
            message.info("Release " + version + " " + verdict.words() + (version.equals(against) ? "" : " against " + against)
                    + "; recorded in the audit log.");
            done.run();
        });
    }

    public TaskRunner runner() {
        return runner;
    }

    public String toVersion() {
        return to.get();
    }

    /** The FROM release, which an approval records as what TO was compared against. */
    public String fromVersion() {
        return from.get();
    }

    public String suggestedFileName(ComparisonReport.Format f) {
        return (project + "-" + from.get() + "-to-" + to.get()).replaceAll("[^A-Za-z0-9._-]+", "-") + "." + f.extension();
    }

    public String project() {
        return project;
    }

    public ObservableList<String> versions() {
        return versions;
    }

    public ObjectProperty<String> fromProperty() {
        return from;
    }

    public ObjectProperty<String> toProperty() {
        return to;
    }

    public BooleanProperty onlyChangesProperty() {
        return onlyChanges;
    }

    public ReadOnlyObjectProperty<ReleaseDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ObservableList<CompareRow> rows() {
        return rows;
    }

    public ObjectProperty<CompareRow> selectedProperty() {
        return selected;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** Why the person may not approve TO under the space's separation of duties, or "" (decision 0043). */
    public javafx.beans.value.ObservableStringValue approveRefusalProperty() {
        return approveRefusal;
    }

    public StringProperty approvalProperty() {
        return approval;
    }

    public StatusMessage message() {
        return message;
    }
}
