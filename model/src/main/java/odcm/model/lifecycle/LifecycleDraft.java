package odcm.model.lifecycle;

import java.util.List;

/**
 * A lifecycle as a person writes it (screen, command line, apply file): members by name, resolved and
 * checked by the service when saved.
 */
public record LifecycleDraft(String name, String description, boolean isDefault, List<PhaseDraft> phases) {
    public LifecycleDraft {
        phases = List.copyOf(phases);
    }

    /**
     * @param environments       names of the space's own environments
     * @param remoteEnvironments display names, "Prod Space: Production"
     * @param promotions         names of the spaces promoted to
     * @param templates          names of the space's environment templates
     */
    public record PhaseDraft(String name, List<String> environments, List<String> remoteEnvironments, List<String> promotions,
                             ProgressionRule rule, List<String> templates) {
        public PhaseDraft(String name, List<String> environments, List<String> remoteEnvironments, List<String> promotions, ProgressionRule rule) {
            this(name, environments, remoteEnvironments, promotions, rule, List.of());
        }

        public PhaseDraft {
            templates = templates == null ? List.of() : List.copyOf(templates);
            environments = List.copyOf(environments);
            remoteEnvironments = List.copyOf(remoteEnvironments);
            promotions = List.copyOf(promotions);
            rule = rule == null ? ProgressionRule.ALL : rule;
        }
    }
}
