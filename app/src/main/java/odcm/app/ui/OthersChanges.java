package odcm.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;
import odcm.app.service.AuditService;
import odcm.app.ui.common.Css;
import odcm.app.ui.task.TaskRunner;
import odcm.model.audit.AuditEntry;
import odcm.persistence.Store;
import odcm.persistence.StoreChanges;

/**
 * On a team store: what other consoles and commands change, as they commit (decision 0037). The status line names the
 * last change of others (who, what, when; its tooltip the recent ones) and opens the Audit log; the screen shown loads
 * its data again, unless it holds edits not yet saved, where F5 does it when the user is ready. What changed is read from
 * the audit log; the server's notification only says that, and which entries.
 */
final class OthersChanges implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("odcm.changes");
    /** Entries read at a time, and changes named in the tooltip. */
    private static final int BATCH = 200;
    private static final int RECENT = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final AuditService audit;
    private final TaskRunner runner;
    private final MainWindow main;
    private final BooleanSupplier editing;
    private final Runnable changed;
    private final Hyperlink line = new Hyperlink();
    /** The changes told and not yet read; all on the FX thread. */
    private final List<StoreChanges.Change> told = new ArrayList<>();
    private final Deque<String> recent = new ArrayDeque<>();
    /** The last audit entry read; -1 until the log's end is known. */
    private long seen = -1;
    private boolean reading;
    /** The reading under way found new entries: the screen loads again once it is done (not for a notification naming none). */
    private boolean fresh;
    private StoreChanges watcher;

    private OthersChanges(AuditService audit, TaskRunner runner, MainWindow main, BooleanSupplier editing, Runnable changed) {
        this.audit = audit;
        this.runner = runner;
        this.main = main;
        this.editing = editing;
        this.changed = changed;
        line.setId("status-changes");
        line.setMnemonicParsing(false);
        line.setFocusTraversable(false);
        line.setMinWidth(120);
        line.setMaxWidth(520);
        line.setVisible(false);
        line.setManaged(false);
        line.setOnAction(e -> main.select("nav-audit"));
    }

    /**
     * Starts watching a team store for changes of others (nothing for an embedded store, which nobody else writes to).
     * {@code editing} says whether the screen shown holds edits that loading it again would lose; {@code changed} runs on
     * the FX thread after each change of others was read.
     */
    static Optional<OthersChanges> start(Store store, AuditService audit, TaskRunner runner, MainWindow main, BooleanSupplier editing,
                                         Runnable changed) {
        if (!store.location().onServer()) {
            return Optional.empty();
        }
        OthersChanges changes = new OthersChanges(audit, runner, main, editing, changed);
        main.showInStatusLine(changes.line);
        changes.watcher = StoreChanges.watch(store, c -> Platform.runLater(() -> changes.told(c)),
                sentence -> Platform.runLater(() -> changes.lost(sentence))).orElseThrow();
        runner.run("Reading the audit log", audit::lastSeq, last -> {
            changes.seen = last; // changes told before this are in it
            changes.told.removeIf(c -> c.last() <= last);
            changes.read();
        }, changes::failed);
        return Optional.of(changes);
    }

    private void told(StoreChanges.Change change) {
        told.add(change);
        read();
    }

    /** Reads the entries after the last one read, names the others' among them, and loads the screen again. */
    private void read() {
        if (reading || seen < 0 || told.isEmpty()) {
            return;
        }
        reading = true;
        long from = seen;
        runner.run("Reading what others changed", () -> audit.readAfter(from, BATCH), entries -> {
            reading = false;
            if (!entries.isEmpty()) {
                seen = entries.get(entries.size() - 1).entry().seq();
                fresh = true;
            }
            // Never this console's own changes (an unknown change spans them too), whatever a notification said.
            show(entries.stream().filter(r -> !r.madeHere() && told.stream().anyMatch(c -> c.holds(r.entry().seq()))).toList());
            told.removeIf(c -> c.last() <= seen);
            if (entries.size() == BATCH) {
                read(); // more than one batch behind
            } else {
                told.clear(); // all read: a change told by mistake (no such entries) is forgotten
                if (fresh) { // every change is audited: no new entry, nothing to load again
                    fresh = false;
                    reload();
                }
            }
        }, sentence -> {
            reading = false;
            failed(sentence);
        });
    }

    private void show(List<AuditService.Read> others) {
        boolean forged = false;
        for (AuditService.Read r : others) {
            AuditEntry e = r.entry();
            // A row written by hand (and announced by anyone's NOTIFY) is no one's change: its words are not repeated.
            forged |= r.forged();
            recent.addFirst(r.forged() ? "entry " + e.seq() + " of the audit log does not verify (it was not written with this store's key):"
                    + " see the Audit log" : TIME.format(e.at()) + " " + e.osUser() + ": " + e.action() + " " + e.subject());
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
        if (!others.isEmpty()) {
            line.getStyleClass().remove(Css.WARNING);
            if (forged) {
                line.getStyleClass().add(Css.WARNING);
            }
            line.setText("Changed by others — " + recent.getFirst());
            line.setTooltip(new Tooltip("Recent changes by other consoles (newest first; the Audit log has them all):\n"
                    + String.join("\n", recent)));
            line.setVisible(true);
            line.setManaged(true);
        }
    }

    /** The screen shown loads what the store holds now, unless that would lose edits (then F5, when the user is ready). */
    private void reload() {
        changed.run();
        if (editing.getAsBoolean()) {
            if (line.isVisible() && !line.getText().endsWith(" (F5 shows them)")) {
                line.setText(line.getText() + " (F5 shows them)");
            }
            return;
        }
        main.reload();
    }

    private void lost(String sentence) {
        if (sentence == null) {
            line.getStyleClass().remove(Css.WARNING);
            line.setText("Changes of others are shown again");
            return;
        }
        LOG.warning(sentence);
        line.setText("Changes of others not shown: the server cannot be reached");
        line.setTooltip(new Tooltip(sentence));
        if (!line.getStyleClass().contains(Css.WARNING)) {
            line.getStyleClass().add(Css.WARNING);
        }
        line.setVisible(true);
        line.setManaged(true);
    }

    private void failed(String sentence) {
        LOG.warning("Reading what others changed: " + sentence);
    }

    /** Stops listening (the console closes its store). */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
