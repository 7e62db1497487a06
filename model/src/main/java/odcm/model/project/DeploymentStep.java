package odcm.model.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import odcm.model.Names;

/** One step of a deployment process: what it runs, with which properties, where, and which packages. */
public record DeploymentStep(String name, String actionType, Map<String, String> properties, Scope scope, List<PackageReference> packages) {
    public DeploymentStep {
        name = Names.check("A step", name, 100);
        actionType = Names.check("A step's action type", actionType, 100);
        String step = name;
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String key = Names.value(() -> "A property name of step '" + step + "'", p.getKey(), false);
            Names.value(() -> "Property '" + key + "' of step '" + step + "'", p.getValue(), true);
        }
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        scope = scope == null ? Scope.ALL : scope;
        packages = List.copyOf(packages);
    }
}
