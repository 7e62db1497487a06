package odcm.persistence.project;

import java.util.List;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;

/** What a project row holds, checked and resolved by the caller; sensitive values still in clear (sealed on write). */
public record ProjectData(String name, String description, long lifecycleId, List<DeploymentStep> process, List<Variable> variables,
                          List<VariableTemplate> templates, List<Channel> channels) {
    public ProjectData {
        process = List.copyOf(process);
        variables = List.copyOf(variables);
        templates = List.copyOf(templates);
        channels = List.copyOf(channels);
    }
}
