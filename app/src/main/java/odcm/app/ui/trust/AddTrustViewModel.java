package odcm.app.ui.trust;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.TrustService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;

/** Add trust: a local space accepts release bundles or deployment receipts from another space. */
public final class AddTrustViewModel {
    private final TrustService trusts;
    private final FormState form;
    private final List<Space> all;
    private final ObservableList<Space> trusters;
    private final ObservableList<Space> trustedOptions = FXCollections.observableArrayList();
    private final ObjectProperty<Space> truster = new SimpleObjectProperty<>();
    private final ObjectProperty<TrustKind> kind = new SimpleObjectProperty<>(TrustKind.RELEASE_BUNDLES);
    private final ObjectProperty<Space> trusted = new SimpleObjectProperty<>();
    private final StringBinding preview;
    private final BooleanBinding valid;

    /** @param all every space of this console, local and remote, as last loaded */
    public AddTrustViewModel(TrustService trusts, TaskRunner runner, List<Space> all) {
        this.trusts = trusts;
        this.form = new FormState(runner);
        this.all = List.copyOf(all);
        this.trusters = FXCollections.observableArrayList(all.stream().filter(Space::isLocal).toList());
        truster.addListener((o, was, now) -> {
            // "From" offers every other space: a space cannot trust itself.
            Space keep = trusted.get();
            trustedOptions.setAll(this.all.stream().filter(s -> now == null || s.id() != now.id()).toList());
            trusted.set(trustedOptions.contains(keep) ? keep : null);
        });
        truster.addListener((o, was, now) -> form.clearError());
        kind.addListener((o, was, now) -> form.clearError());
        trusted.addListener((o, was, now) -> form.clearError());
        preview = Bindings.createStringBinding(this::sentence, truster, kind, trusted);
        valid = truster.isNotNull().and(kind.isNotNull()).and(trusted.isNotNull());
        if (trusters.size() == 1) {
            truster.set(trusters.get(0));
        }
    }

    private String sentence() {
        if (truster.get() == null) {
            return trusters.isEmpty() ? "Only a local space can accept anything; create a space first." : "Choose the local space that accepts.";
        }
        if (trusted.get() == null) {
            return "Choose the space '" + truster.get().name() + "' accepts " + kind.get().words() + " from.";
        }
        return "'" + truster.get().name() + "' will accept " + kind.get().words() + " from '" + trusted.get().name() + "'"
                + (trusted.get().isLocal() ? " (connected: both spaces are in this console)."
                : " (disconnected: checked against the certificate of " + trusted.get().describe() + ").");
    }

    public void submit(Consumer<Trust> onAdded) {
        submit(onAdded, proposed -> { });
    }

    /**
     * Adds the trust, or where the local space needs two administrators for a trust (decision 0043) proposes it pinned to
     * the other space's certificate, for another administrator to confirm under Trusts.
     */
    public void submit(Consumer<Trust> onAdded, Consumer<TrustService.Added> onProposed) {
        if (!valid.get()) {
            return;
        }
        String a = truster.get().name();
        String b = trusted.get().name();
        TrustKind k = kind.get();
        form.submit("Adding the trust", () -> trusts.addOrPropose(a, b, k, null), added -> {
            if (added.trust() != null) {
                onAdded.accept(added.trust());
            } else {
                onProposed.accept(added);
            }
        });
    }

    public ObservableList<Space> trusters() {
        return trusters;
    }

    public ObservableList<Space> trustedOptions() {
        return trustedOptions;
    }

    public ObjectProperty<Space> trusterProperty() {
        return truster;
    }

    public ObjectProperty<TrustKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<Space> trustedProperty() {
        return trusted;
    }

    public StringBinding previewProperty() {
        return preview;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }
}
