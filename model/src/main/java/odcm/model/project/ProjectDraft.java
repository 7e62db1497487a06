package odcm.model.project;

import java.util.List;

/** A project as a person writes it; its lifecycle by name. Scopes name environments and remote environments. */
public record ProjectDraft(String name, String description, String lifecycleName, List<DeploymentStep> process, List<Variable> variables,
                           List<VariableTemplate> templates, List<Channel> channels) {
    public ProjectDraft {
        process = List.copyOf(process);
        variables = List.copyOf(variables);
        templates = List.copyOf(templates);
        channels = List.copyOf(channels);
    }
}
