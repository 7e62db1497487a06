package odcm.app.ui.project;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import odcm.app.ui.common.Forms;

/** Release channels; one is the default a release gets when none is chosen. Channels never cross to another space. */
final class ChannelsTab {
    private ChannelsTab() {
    }

    static Tab create(ProjectEditor editor) {
        TextField name = new TextField();
        name.setId("channel-name");
        CheckBox isDefault = new CheckBox("Default channel of new releases");
        isDefault.setId("channel-default");
        GridPane form = Forms.grid();
        Forms.row(form, "_Name", name);
        Forms.row(form, "", isDefault);
        Forms.row(form, "", Forms.hint("Channels stay in this space: they never travel in a release bundle."));
        RowsPane<ChannelRow> pane = new RowsPane<>("channels", "channel", editor.channels(), () -> new ChannelRow("New channel", false), List.of(
                LiveColumns.<ChannelRow>column("Name", 220, ChannelRow::nameProperty),
                LiveColumns.<ChannelRow>column("Default", 100, r -> Bindings.when(r.defaultProperty()).then("default").otherwise(""))),
                form, (row, binder) -> {
                    if (row == null) {
                        name.setText("");
                        isDefault.setSelected(false);
                        return;
                    }
                    binder.bind(name.textProperty(), row.nameProperty());
                    binder.bind(isDefault.selectedProperty(), row.defaultProperty());
                }, "No channels: releases get the channel 'Default'.");
        Tab tab = new Tab("Channels", pane.node());
        tab.setId("tab-channels");
        tab.setClosable(false);
        return tab;
    }
}
