package odcm.app.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableView;

/** Read-only text columns: the tables of this console show values, editing happens in dialogs. */
public final class Tables {
    private Tables() {
    }

    public static <T> TableColumn<T, String> column(String title, double prefWidth, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(prefWidth);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        // Long values are elided in the cell; the tooltip shows them whole.
        c.setCellFactory(col -> new TableCell<>() {
            {
                wholeOnHover(this);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        return c;
    }

    /**
     * A column that keeps its width and whose cells get {@code styleClass} where {@code marked} holds (an expired
     * certificate, say); the cells hold the row itself, so the mark always belongs to the row shown.
     */
    public static <T> TableColumn<T, T> marked(String title, double width, Function<T, String> text,
                                               java.util.function.Predicate<T> marked, String styleClass) {
        TableColumn<T, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.getProperties().put(TEXT, text);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            {
                wholeOnHover(this);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                getStyleClass().remove(styleClass);
                if (!empty && item != null && marked.test(item)) {
                    getStyleClass().add(styleClass);
                }
            }
        });
        return c;
    }

    /**
     * The cell's whole text as its tooltip, made when the pointer first moves over the cell: a tooltip is a popup window,
     * and one built for every cell in sight made the first show of a wide table of thousands of rows stall. The
     * tooltip follows the text as the cell is reused and is taken away while the cell is empty.
     */
    static void wholeOnHover(javafx.scene.control.Labeled cell) {
        tooltipOnHover(cell, cell.textProperty());
    }

    /**
     * A tooltip with this text, made when the pointer first moves over the control (a tooltip is a popup window with a
     * scene of its own, styled when made: decisions 0029 and 0033). It follows the text, and there is none while the
     * text is empty; for a cell, set the text on each update.
     */
    public static void tooltipOnHover(javafx.scene.control.Control control, javafx.beans.value.ObservableValue<String> text) {
        control.addEventHandler(javafx.scene.input.MouseEvent.ANY, e -> {
            if (control.getProperties().get(WHOLE) == null) {
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(text);
                control.getProperties().put(WHOLE, tip);
                text.addListener((o, was, now) -> control.setTooltip(now == null || now.isEmpty() ? null : tip));
                control.setTooltip(text.getValue() == null || text.getValue().isEmpty() ? null : tip);
            }
        });
    }

    private static final String WHOLE = "odcm.tables.whole";

    /** A column that keeps its width (dates, short codes) while the flexible ones share the rest. */
    public static <T> TableColumn<T, String> fixed(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = column(title, width, value);
        c.setMinWidth(width);
        return c;
    }

    /**
     * Keeps a table's selection and a view model's selected row in step. The table briefly selects nothing while
     * its rows are replaced; that does not clear the view model's selection unless the row left the table
     * (filtered out or gone).
     */
    public static <T> void bindSelection(TableView<T> table, javafx.beans.property.ObjectProperty<T> selected) {
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null || !table.getItems().contains(selected.get())) {
                selected.set(now);
            }
        });
        selected.addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
    }

    /** The Delete key on a table runs {@code action} (which checks there is something to act on). */
    public static void onDelete(TableView<?> table, Runnable action) {
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DELETE) {
                action.run();
            }
        });
    }

    public static <T> TableView<T> table(String id) {
        TableView<T> t = new TableView<>();
        t.setId(id);
        fitsContent(t);
        return t;
    }

    /** The widest a column grows to show its values; a longer value is cut, and whole in the cell's tooltip. */
    static final double MAX_FIT = 420;
    /** How many rows are measured: the first ones, so a table of thousands of rows is sized as fast as one of ten. */
    static final int MEASURED_ROWS = 200;
    private static final String TEXT = "odcm.tables.text";
    private static final String FIT_ASKED = "odcm.tables.fit";

    /**
     * Sizes the table's columns to their content whenever its rows or columns change, or it is put in a window (issue 16):
     * each column at least as wide as its header (never cut: the table scrolls sideways instead), and as wide as its
     * longest value in the first {@link #MEASURED_ROWS} rows up to {@link #MAX_FIT}; the last column takes what room is
     * left. The sizes are worked out on the FX thread, once per layout pulse however many changes came, and only for a table in
     * a window (fonts come from its styles). JavaFX's constrained policies share the width in proportion to the columns'
     * sizes and cut the headers of narrow ones ("Lifec…"), so the table has none.
     */
    public static void fitsContent(TableView<?> table) {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        javafx.beans.InvalidationListener ask = o -> askFit(table);
        // Invalidation, not change: a ChangeListener is not told when one empty list replaces another (they are equal).
        java.util.List<javafx.collections.ObservableList<?>> watched = new java.util.ArrayList<>(1);
        javafx.beans.InvalidationListener follow = o -> {
            watched.forEach(l -> l.removeListener(ask));
            watched.clear();
            if (table.getItems() != null) {
                table.getItems().addListener(ask);
                watched.add(table.getItems());
            }
            askFit(table);
        };
        table.itemsProperty().addListener(follow);
        follow.invalidated(table.itemsProperty());
        table.getColumns().addListener(ask);
        table.sceneProperty().addListener(ask);
        table.widthProperty().addListener(o -> spread(table));
    }

    private static void askFit(TableView<?> table) {
        if (!javafx.application.Platform.isFxApplicationThread() || table.getScene() == null
                || table.getProperties().put(FIT_ASKED, Boolean.TRUE) != null) {
            return;
        }
        // After the next layout: the table's header and cells are then styled, so measured in the fonts they show.
        javafx.scene.Scene scene = table.getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            table.getProperties().remove(FIT_ASKED);
            fit(table);
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** The sizes {@link #fitsContent} gives, now. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void fit(TableView table) {
        if (table.getScene() == null) {
            return;
        }
        table.applyCss();
        javafx.scene.text.Font font = table.lookup(".column-header .label") instanceof javafx.scene.control.Labeled l ? l.getFont()
                : javafx.scene.text.Font.getDefault();
        javafx.scene.text.Font headerFont = javafx.scene.text.Font.font(font.getFamily(), javafx.scene.text.FontWeight.BOLD, font.getSize());
        javafx.scene.text.Font cellFont = javafx.scene.text.Font.font(font.getFamily(), font.getSize());
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        java.util.List<?> items = table.getItems() == null ? java.util.List.of() : table.getItems();
        int rows = Math.min(items.size(), MEASURED_ROWS);
        for (TableColumn<?, ?> c : (java.util.List<TableColumn<?, ?>>) table.getVisibleLeafColumns()) {
            Function<Object, String> text = (Function<Object, String>) c.getProperties().get(TEXT);
            if (c.getText() == null || c.getText().isEmpty()) {
                continue; // a column with a drawn header (the dashboard's) sizes itself
            }
            double header = Math.ceil(width(measure, headerFont, c.getText())) + HEADER_PADDING;
            java.util.List<String> values = new java.util.ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                Object value = text != null ? text.apply(items.get(i)) : ((TableColumn) c).getCellData(i);
                if (value instanceof String s && !s.isEmpty()) {
                    values.add(s);
                }
            }
            double content = widest(measure, cellFont, values);
            Double fixed = (Double) c.getProperties().computeIfAbsent(FIXED_MIN, k -> c.getMinWidth());
            c.setMinWidth(Math.max(fixed, header));
            c.getProperties().put(NATURAL, Math.max(c.getMinWidth(), Math.min(MAX_FIT, Math.ceil(content) + CELL_PADDING)));
        }
        spread(table);
    }

    /** Each measured column at its natural width, the last one wider to fill the table. */
    private static void spread(TableView<?> table) {
        java.util.List<? extends TableColumn<?, ?>> columns = table.getVisibleLeafColumns();
        double sum = 0;
        for (TableColumn<?, ?> c : columns) {
            Object natural = c.getProperties().get(NATURAL);
            sum += natural == null ? c.getWidth() : (Double) natural;
        }
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - SCROLL_BAR - sum;
        for (int i = 0; i < columns.size(); i++) {
            TableColumn<?, ?> c = columns.get(i);
            if (c.getProperties().get(NATURAL) instanceof Double natural) {
                c.setPrefWidth(natural + (i == columns.size() - 1 ? Math.max(0, Math.floor(room)) : 0));
            }
        }
    }

    private static final String NATURAL = "odcm.tables.natural";
    /** Room kept for a vertical scroll bar, so a long list does not need a horizontal one as well. */
    private static final double SCROLL_BAR = 16;
    private static final String FIXED_MIN = "odcm.tables.min";
    /** A header's label padding and room for the sort arrow. */
    private static final double HEADER_PADDING = 30;
    /** A cell's padding, both sides, and a little room so the last letter is not cut by rounding. */
    private static final double CELL_PADDING = 26;

    /**
     * The width of the widest of {@code values} in {@code font}. Laying out each value's text was most of a table's first
     * pulse (200 rows of a few columns: a Compare or an import wizard page, decision 0033, 2026-12-05 evening), so each
     * value is first estimated by the sum of its characters' widths (each character measured once per font), and only
     * values whose estimate comes near the widest one are laid out whole: the same width as laying out every value.
     */
    static double widest(javafx.scene.text.Text measure, javafx.scene.text.Font font, java.util.List<String> values) {
        java.util.Map<Integer, Double> chars = CHAR_WIDTHS.computeIfAbsent(font, f -> new java.util.HashMap<>());
        double[] estimates = new double[values.size()];
        double most = 0;
        for (int i = 0; i < estimates.length; i++) {
            String s = values.get(i);
            double e = 0;
            for (int at = 0; at < s.length(); ) {
                int cp = s.codePointAt(at);
                at += Character.charCount(cp);
                Double w = chars.get(cp);
                if (w == null) {
                    w = width(measure, font, new String(Character.toChars(cp)));
                    chars.put(cp, w);
                }
                e += w;
            }
            estimates[i] = e;
            most = Math.max(most, e);
        }
        double widest = 0;
        java.util.Set<String> measured = new java.util.HashSet<>();
        for (int i = 0; i < estimates.length; i++) {
            if (estimates[i] >= most * NEAR_WIDEST && measured.add(values.get(i))) {
                widest = Math.max(widest, width(measure, font, values.get(i)));
            }
        }
        return widest;
    }

    /** How near the widest estimate a value's must come to be laid out whole (kerning and shaping move a width by far less). */
    private static final double NEAR_WIDEST = 0.8;
    /** Each character's width per font, for {@link #widest}: a few hundred entries, read and written on the FX thread only. */
    private static final java.util.Map<javafx.scene.text.Font, java.util.Map<Integer, Double>> CHAR_WIDTHS = new java.util.HashMap<>();

    private static double width(javafx.scene.text.Text measure, javafx.scene.text.Font font, String s) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }


}
