package odcm.app.ui.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.ImportService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.packaging.bundle.VerificationOutcome;

/**
 * The Inbox of the current space: bundle files in its watched folder, plus files dropped on the screen or opened with
 * the file chooser, each verified (off the FX thread, secrets left sealed) before anyone opens it.
 */
public final class InboxViewModel {
    /**
     * One file in the Inbox and what checking it found. {@code outcome} is null when the file could not be read;
     * {@code sha256} is the file's SHA-256 (null then too), to compare with the one the promoter reads out; {@code acceptance}
     * what became of an imported bundle's release where acceptance is required or decided (decision 0047), else "".
     */
    public record Item(Path file, VerificationOutcome outcome, String problem, odcm.model.cert.Fingerprint sha256, String acceptance) {
        public boolean importable() {
            return outcome instanceof VerificationOutcome.Genuine;
        }

        /**
         * Why the import wizard is not offered for it, or "" when it is: a genuine bundle, or one held back only for its
         * sequence jump (the wizard's first step accepts it).
         */
        public String notImportable() {
            if (importable() || outcome instanceof VerificationOutcome.SequenceJump) {
                return "";
            }
            if (outcome instanceof VerificationOutcome.AlreadyAccepted) {
                return "Nothing to import: " + name() + " was imported before.";
            }
            return "Not importable: " + sentence();
        }

        public String name() {
            return String.valueOf(file.getFileName());
        }

        /** A few words for the list: "Genuine", "Already imported", "Refused". */
        public String verdict() {
            if (outcome == null) {
                return "Unreadable";
            }
            return outcome.genuine() ? "Genuine" : outcome instanceof VerificationOutcome.AlreadyAccepted
                    ? (acceptance.isEmpty() ? "Already imported" : "Imported, " + acceptance.replaceFirst(" by .*", "")) : "Refused";
        }

        /** The whole sentence: the verifier's, or why the file could not be read; of an imported one, its acceptance. */
        public String sentence() {
            return outcome == null ? problem : outcome.sentence() + (acceptance.isEmpty() ? "" : " Its release " + acceptance + " here"
                    + (acceptance.equals("awaits acceptance") ? " (Releases, Accept…)." : "."));
        }

        /**
         * "1.2.0 of Web from DevTest Space", or "update of 1.2.0: revision 2 of Web from DevTest Space" for a later revision
         * (its variables updated at the source, decision 0048), for genuine bundles; "" otherwise.
         */
        public String release() {
            if (!(outcome instanceof VerificationOutcome.Genuine g)) {
                return "";
            }
            var c = g.content();
            return (c.revision() > 1 ? "update of " + c.version() + ": revision " + c.revision() : c.version()) + " of " + c.project() + " from "
                    + c.sourceSpace();
        }
    }

    private final ImportService imports;
    private final TaskRunner runner;
    private final CurrentSpace space;
    private final Path inboxRoot;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final Set<Path> added = new LinkedHashSet<>();
    private final StatusMessage message = new StatusMessage();
    private boolean folderChosen;
    /** A file just added, to select once the list shows it. */
    private Path toSelect;
    /** Where a change the watcher saw is handed on: the FX thread (Platform::runLater). */
    private final java.util.concurrent.Executor toScreen;
    /** The watcher while the screen is shown; null otherwise. */
    private java.util.concurrent.ScheduledExecutorService watcher;
    /** The watched folder as the watcher last listed it (names, sizes, times); read and written by the watcher only. */
    private volatile String lastListing = "";

    /** @param inboxRoot the folder holding one watched folder per space, {@code <store dir>/inbox} */
    public InboxViewModel(ImportService imports, TaskRunner runner, CurrentSpace space, Path inboxRoot) {
        this(imports, runner, space, inboxRoot, javafx.application.Platform::runLater);
    }

    /** @param toScreen where a change the watcher saw refreshes the list: the FX thread; at once in tests */
    public InboxViewModel(ImportService imports, TaskRunner runner, CurrentSpace space, Path inboxRoot, java.util.concurrent.Executor toScreen) {
        this.toScreen = toScreen;
        this.imports = imports;
        this.runner = runner;
        this.space = space;
        this.inboxRoot = inboxRoot;
        space.nameProperty().addListener((o, was, now) -> {
            folderChosen = false;
            added.clear();
            message.clear();
            refresh();
        });
    }

    /** The default watched folder of a space: {@code <store dir>/inbox/<space name, made safe as a folder name>}. */
    public static Path defaultFolder(Path inboxRoot, String space) {
        return odcm.app.service.BundleService.inboxFolder(inboxRoot, space);
    }

    /** Re-reads the watched folder and checks every file again (each check sees what was imported meanwhile). */
    public void refresh() {
        if (!space.isChosen()) {
            items.clear();
            folder.set(null);
            return;
        }
        String target = space.name();
        if (!folderChosen) {
            folder.set(defaultFolder(inboxRoot, target));
        }
        Path dir = folder.get();
        List<Path> extra = List.copyOf(added);
        runner.run("Checking the Inbox of '" + target + "'", () -> scan(target, dir, extra), this::show, message::error);
    }

    private List<Item> scan(String target, Path dir, List<Path> extra) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(odcm.app.service.BundleService.inboxFiles(dir));
        extra.stream().filter(p -> !files.contains(p)).forEach(files::add);
        List<Item> out = new ArrayList<>();
        for (Path f : files) {
            out.add(check(target, f));
        }
        return out;
    }

    private Item check(String target, Path f) {
        try {
            byte[] bytes = odcm.app.service.BundleService.readBundle(f);
            VerificationOutcome outcome = imports.check(target, bytes);
            String acceptance = outcome instanceof VerificationOutcome.AlreadyAccepted a ? imports.acceptanceOf(target, a.bundleId()).orElse("") : "";
            return new Item(f, outcome, "", odcm.app.service.BundleService.fileFingerprint(bytes), acceptance);
        } catch (odcm.model.Refusal r) {
            return new Item(f, null, r.getMessage(), null, "");
        }
    }

    private void show(List<Item> found) {
        Path was = toSelect != null ? toSelect : selected.get() == null ? null : selected.get().file();
        Item again = found.stream().filter(i -> i.file().equals(was)).findFirst().orElse(null);
        if (again != null) {
            toSelect = null; // kept while a check begun before the file was added ends without it (the screen's own on show)
        }
        items.setAll(found);
        selected.set(again);
        if (!message.isError()) {
            message.clear();
        }
    }

    /** Files dropped on the screen or opened with the chooser: listed (and checked) with the folder's. */
    public void add(List<Path> files) {
        if (!space.isChosen() || files.isEmpty()) {
            return;
        }
        added.addAll(files);
        toSelect = files.get(0);
        message.clear();
        refresh();
    }

    /** Watches another folder for this session. */
    public void watch(Path dir) {
        folderChosen = true;
        folder.set(dir);
        refresh();
    }

    /**
     * While the screen is shown: watches the folder by listing it every two seconds on a daemon thread (names, sizes,
     * times) — simpler and sturdier than a WatchService across folders that appear, vanish or change. A change refreshes
     * the list. {@link #stopWatching} when the screen goes out of sight.
     */
    public void startWatching() {
        if (watcher != null) {
            return;
        }
        lastListing = "";
        watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::look, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The watcher stops (it lists nothing more); called when the screen goes out of sight or the window closes. */
    public void stopWatching() {
        if (watcher != null) {
            watcher.shutdownNow(); // it only lists a folder: nothing of the store's to interrupt
            watcher = null;
        }
    }

    /** Whether the watcher runs. */
    public boolean watching() {
        return watcher != null;
    }

    /** On the watcher: lists the folder, and hands a change on to refresh the list. */
    void look() {
        Path dir = folder.get();
        if (dir == null) {
            return;
        }
        String listing = listing(dir);
        if (!listing.equals(lastListing)) {
            boolean first = lastListing.isEmpty();
            lastListing = listing;
            if (!first) {
                toScreen.execute(() -> {
                    if (watcher != null) {
                        refresh();
                    }
                });
            }
        }
    }

    private static String listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return dir + "\n" + s.sorted().map(p -> p.getFileName() + ":" + p.toFile().length() + ":" + p.toFile().lastModified())
                    .reduce("", (a, b) -> a + "\n" + b);
        } catch (IOException e) {
            return dir + "\n(unreadable)";
        }
    }

    /** On the worker: the import wizard's model for a listed bundle, its file read again (it may have changed since). */
    public ImportWizardModel wizardModel(Item item) {
        return new ImportWizardModel(imports, runner, space.name(), odcm.app.service.BundleService.readBundle(item.file()), item.name());
    }

    /** Opens the watched folder in the platform's file manager (made first if missing); says why not if it cannot. */
    public void openFolder() {
        Path dir = folder.get();
        if (dir != null) {
            runner.run("Opening " + dir, () -> odcm.app.io.FileManager.open(dir), ok -> { }, message::error);
        }
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public StatusMessage message() {
        return message;
    }

    public CurrentSpace space() {
        return space;
    }

    public ImportService imports() {
        return imports;
    }

    public TaskRunner runner() {
        return runner;
    }
}
