package odcm.app.ui.common;

import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Small builders shared by the screens: labelled form grids, buttons with ids and tooltips. */
public final class Forms {
    private Forms() {
    }

    /** Two columns: field names on the left, fields growing on the right. */
    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints names = new ColumnConstraints();
        names.setHalignment(HPos.RIGHT);
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(names, fields);
        return grid;
    }

    /** Adds a row; the label becomes the field's mnemonic target when its text has an underscore. */
    public static Label row(GridPane grid, String name, Node field) {
        int row = grid.getRowCount();
        Label label = new Label(name);
        label.getStyleClass().add(Css.FIELD_NAME);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(label, 0, row);
        grid.add(field, 1, row);
        return label;
    }

    public static Button button(String id, String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setTooltip(new Tooltip(tooltip));
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a button label is never elided
        b.setOnAction(e -> action.run());
        Icons.onAction(b);
        return b;
    }

    /** A list above, its detail below: both get the full width, so names and fingerprints are never cut. */
    public static javafx.scene.control.SplitPane aboveBelow(Node list, Node detail, double divider) {
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(list, detail);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(divider);
        return split;
    }

    /** A detail's title with its actions at the right, so they stay in sight however small the pane is. */
    public static javafx.scene.layout.HBox detailHead(Node title, Node... actions) {
        javafx.scene.layout.Region spring = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(spring, Priority.ALWAYS);
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(8, actions);
        javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(16, title, spring, buttons);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return head;
    }

    /** A wrapped section title, e.g. the name of the selected space. */
    public static Label sectionTitle(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Css.SECTION_TITLE);
        l.setWrapText(true);
        return l;
    }

    /**
     * The detail of the selected row, scrolling when tall; while nothing is selected, a hint to select a row
     * (but none while there are no rows: the table's empty state says what to do then).
     */
    public static javafx.scene.layout.StackPane selectionDetail(Node filled, Label none,
                                                                 javafx.beans.value.ObservableObjectValue<?> selected,
                                                                 javafx.collections.ObservableList<?> rows) {
        filled.getStyleClass().add(Css.DETAIL);
        filled.visibleProperty().bind(javafx.beans.binding.Bindings.isNotNull(selected));
        none.visibleProperty().bind(javafx.beans.binding.Bindings.isNull(selected).and(javafx.beans.binding.Bindings.isNotEmpty(rows)));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(filled);
        scroll.setFitToWidth(true);
        return new javafx.scene.layout.StackPane(scroll, none);
    }

    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.HINT);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** A validation sentence under a form, wrapped (never elided) and hidden when empty. */
    public static Label problem(String id, javafx.beans.value.ObservableStringValue text, String styleClass) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** Gives {@code node} the style class {@code whenTrue} while {@code condition} holds, else {@code otherwise}. */
    public static void styleWhen(Node node, javafx.beans.value.ObservableValue<Boolean> condition, String whenTrue, String otherwise) {
        Runnable apply = () -> {
            node.getStyleClass().removeAll(whenTrue, otherwise);
            node.getStyleClass().add(Boolean.TRUE.equals(condition.getValue()) ? whenTrue : otherwise);
        };
        condition.addListener((o, was, now) -> apply.run());
        // Bindings listen weakly to what they depend on: the node keeps the condition alive as long as it lives.
        node.getProperties().put("styleWhen." + whenTrue + "." + otherwise, condition);
        apply.run();
    }

    /** The placeholder of an empty table: what to do first, not just "no content". */
    public static Label emptyState(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(Css.EMPTY_STATE);
        l.setWrapText(true);
        l.setMaxWidth(420);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all of the sentence, never "…"
        return l;
    }

    /**
     * A tab's content joins the scene when the tab is first chosen, and stays: the hidden tabs' contents would otherwise
     * get their skins, styles and layout on the first show of the pane (decisions 0029, 0033). The tab chosen now keeps
     * its content.
     */
    public static void contentWhenChosen(javafx.scene.control.TabPane tabs) {
        java.util.Map<javafx.scene.control.Tab, Node> later = new java.util.HashMap<>();
        for (javafx.scene.control.Tab t : tabs.getTabs()) {
            if (t != tabs.getSelectionModel().getSelectedItem() && t.getContent() != null) {
                later.put(t, t.getContent());
                t.setContent(null);
            }
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            Node content = later.remove(now);
            if (content != null) {
                now.setContent(content);
            }
        });
    }

    /** A resizable dialog over {@code owner} with only Close, styled, its pane named {@code id}-dialog. */
    public static javafx.scene.control.Dialog<javafx.scene.control.ButtonType> closeOnly(javafx.stage.Window owner, String id, String title) {
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setResizable(true);
        d.getDialogPane().setId(id + "-dialog");
        d.getDialogPane().getStylesheets().add(Css.stylesheet());
        d.getDialogPane().getButtonTypes().setAll(javafx.scene.control.ButtonType.CLOSE);
        return d;
    }
}
