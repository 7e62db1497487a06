package odcm.model.project;

import java.util.List;
import odcm.model.Names;

/**
 * A project of a space: its lifecycle, deployment process, variables, variable templates and channels.
 * A remote project (imported from another space) is named {@code DevTest Space: My Project}.
 */
public record Project(long id, long spaceId, String name, String description, long lifecycleId, String lifecycleName,
                      List<DeploymentStep> process, List<Variable> variables, List<VariableTemplate> templates, List<Channel> channels,
                      long version) {
    public static final int MAX_NAME = 100;

    public Project {
        process = List.copyOf(process);
        variables = List.copyOf(variables);
        templates = List.copyOf(templates);
        channels = List.copyOf(channels);
    }

    public static String checkName(String name) {
        return Names.check("A project", name, MAX_NAME);
    }

    /** The channel a release gets when none is named. */
    public String defaultChannel() {
        return channels.stream().filter(Channel::isDefault).map(Channel::name).findFirst()
                .orElse(channels.isEmpty() ? "Default" : channels.get(0).name());
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
