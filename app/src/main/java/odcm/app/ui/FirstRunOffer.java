package odcm.app.ui;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.Forms;
import odcm.app.ui.task.TaskRunner;

/**
 * On a store without spaces, a panel above the screens offering the example organisation. Not a dialog: the
 * console stays usable beside it. Creating runs in the background with progress; "Not now" closes the panel and
 * the screens' empty states say what to do.
 */
final class FirstRunOffer extends VBox {
    private final FormState state;

    /**
     * @param demo      creates the example organisation (Demo), returning what it created, a line each
     * @param onCreated after it was created, on the FX thread
     * @param onClosed  when the panel goes away (created or declined)
     */
    FirstRunOffer(TaskRunner runner, Callable<List<String>> demo, Consumer<List<String>> onCreated, Runnable onClosed) {
        super(8);
        this.state = new FormState(runner);
        setId("demo-offer");
        getStyleClass().add(Css.OFFER);
        Label title = new Label("This store has no spaces yet. Create an example organisation to look around?");
        title.setId("demo-offer-title");
        title.getStyleClass().add(Css.SUBSECTION);
        title.setWrapText(true);
        Label what = Forms.hint("Local spaces DevTest Space and QA Space; remote spaces Prod Space, Prod EU Space and Prod US Space; "
                + "environments, trusts, lifecycles in the four shapes of a pipeline across spaces, and four projects with three releases each. "
                + "Not now leaves the store empty: create your own spaces on the Spaces screen.");
        Button create = Forms.button("demo-offer-create", "Create the _example organisation",
                "Create example spaces, environments, trusts, lifecycles, projects and releases in this store", () -> state.submit(
                        "Creating the example organisation", demo, done -> {
                            onCreated.accept(done);
                            created(onClosed);
                        }));
        create.setDefaultButton(false);
        Button notNow = Forms.button("demo-offer-dismiss", "Not now", "Close this offer and leave the store empty", onClosed);
        create.disableProperty().bind(state.submittingProperty());
        notNow.disableProperty().bind(state.submittingProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        Label working = new Label("Creating the example organisation…");
        HBox busy = new HBox(8, progress, working);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(state.submittingProperty());
        HBox actions = new HBox(8, create, notNow, busy);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label error = Forms.problem("demo-offer-error", state.errorProperty(), Css.ERROR);
        VBox text = new VBox(4, title, what);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(text, actions, error);
    }

    /** Says it is done and where to look, until closed. */
    private void created(Runnable onClosed) {
        Label done = new Label("Created the example organisation. Pick a space at the top left; Lifecycles and Pipeline show the four "
                + "shapes of a pipeline across spaces (projects Web Shop, Public API, Payments and Reports in DevTest Space).");
        done.setId("demo-offer-done");
        done.setWrapText(true);
        done.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        done.getStyleClass().add(Css.OK);
        Button close = Forms.button("demo-offer-close", "Close", "Close this note", onClosed);
        HBox row = new HBox(12, done, close);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(done, Priority.ALWAYS);
        getChildren().setAll(row);
    }

    FormState state() {
        return state;
    }
}
