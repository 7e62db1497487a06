package odcm.app.ui.receipt;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.ReceiptService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;

/**
 * "Create receipt…" and "Import receipt…" for the current space, off the FX thread: the spaces bundles came from, the file
 * written with its SHA-256, and the sentence an import ends with ({@code accepted} false when refused or already accepted).
 */
public final class ReceiptsViewModel {
    private final ReceiptService receipts;
    private final String space;
    private final FormState state;
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObjectProperty<String> forSpace = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<ReceiptService.Created> created = new SimpleObjectProperty<>();
    private final ObjectProperty<ReceiptService.Result> imported = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper sourcesHint = new ReadOnlyStringWrapper("");
    private final BooleanProperty replace = new SimpleBooleanProperty(true);
    private final BooleanProperty acceptSequenceJump = new SimpleBooleanProperty();

    public ReceiptsViewModel(ReceiptService receipts, TaskRunner runner, String space) {
        this.receipts = receipts;
        this.space = space;
        this.state = new FormState(runner);
    }

    /** Reads the spaces this space received bundles from; the only one is chosen. */
    public void loadSources() {
        state.submit("Reading the spaces '" + space + "' received bundles from", () -> receipts.sources(space), list -> {
            sources.setAll(list);
            if (list.size() == 1) {
                forSpace.set(list.get(0));
            }
            sourcesHint.set(list.isEmpty() ? "'" + space + "' has received no release bundles, so it has no receipt to write." : "");
        });
    }

    /** The file name offered in the save dialog. */
    public String suggestedFileName() {
        return ReceiptService.suggestedFileName(space, forSpace.get() == null ? "source" : forSpace.get());
    }

    /**
     * Writes the receipt. The save dialog already asked before replacing a file, so a chosen file is replaced (the
     * command line asks for --force instead).
     */
    public void create() {
        if (forSpace.get() == null) {
            state.showError("Choose the space the releases came from.");
            return;
        }
        if (file.get() == null) {
            state.showError("Choose where to save the receipt file.");
            return;
        }
        String s = forSpace.get();
        Path f = file.get();
        boolean r = replace.get();
        created.set(null);
        state.submit("Writing a receipt for '" + s + "'", () -> receipts.create(space, s, f, ReceiptService.DEFAULT_VALID_DAYS, r), created::set);
    }

    /** Checks and imports a receipt file; the outcome is a sentence either way, and nothing changes when it is refused. */
    public void importFile(Path receipt) {
        file.set(receipt);
        imported.set(null);
        boolean acceptJump = acceptSequenceJump.get();
        state.submitLong("Importing " + receipt.getFileName() + " into '" + space + "'",
                progress -> receipts.importReceipt(space, receipt, acceptJump, progress), imported::set);
    }

    /** The importer confirmed a receipt's sequence jump (the signer confirmed its number): the import accepts it, audited. */
    public BooleanProperty acceptSequenceJumpProperty() {
        return acceptSequenceJump;
    }

    public String space() {
        return space;
    }

    public ObservableList<String> sources() {
        return sources;
    }

    public ReadOnlyStringProperty sourcesHint() {
        return sourcesHint.getReadOnlyProperty();
    }

    public ObjectProperty<String> forSpaceProperty() {
        return forSpace;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ObjectProperty<ReceiptService.Created> createdProperty() {
        return created;
    }

    public ObjectProperty<ReceiptService.Result> importedProperty() {
        return imported;
    }

    public FormState state() {
        return state;
    }
}
