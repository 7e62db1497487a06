package odcm.model.release;

import java.util.List;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;

/** What a release froze when it was created: build once, deploy many. Never changes afterwards. */
public record ReleaseSnapshot(List<DeploymentStep> process, List<Variable> variables, List<VariableTemplate> templates,
                              List<PackageVersion> packages) {
    public ReleaseSnapshot {
        process = List.copyOf(process);
        variables = List.copyOf(variables);
        templates = List.copyOf(templates);
        packages = List.copyOf(packages);
    }
}
