package odcm.app.ui.project;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.model.project.Channel;

/** A release channel as it is being edited. */
public final class ChannelRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty isDefault = new SimpleBooleanProperty(false);

    public ChannelRow(String name, boolean isDefault) {
        this.name.set(name);
        this.isDefault.set(isDefault);
    }

    public Channel toChannel() {
        return new Channel(name.get(), isDefault.get());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty defaultProperty() {
        return isDefault;
    }
}
