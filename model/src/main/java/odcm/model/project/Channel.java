package odcm.model.project;

import odcm.model.Names;

/** A project's release channel (e.g. "Default", "Hotfix"). Channels never cross to another space. */
public record Channel(String name, boolean isDefault) {
    public Channel {
        name = Names.check("A channel", name, 60);
    }
}
