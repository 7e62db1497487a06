package odcm.app.apply;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The declarative file of {@code odcm apply}: what one local space should hold. Documented in docs/apply-format.md.
 * Kept apart from the model: this is a file format, and it changes on its own schedule.
 */
public record ApplyDocument(
        @JsonProperty(required = true) String space,
        List<EnvironmentDoc> environments,
        List<RemoteEnvironmentDoc> remoteEnvironments,
        List<LifecycleDoc> lifecycles,
        List<ProjectDoc> projects,
        List<ReleaseDoc> releases,
        List<EnvironmentTemplateDoc> environmentTemplates) {

    public ApplyDocument {
        environmentTemplates = orEmpty(environmentTemplates);
        environments = orEmpty(environments);
        remoteEnvironments = orEmpty(remoteEnvironments);
        lifecycles = orEmpty(lifecycles);
        projects = orEmpty(projects);
        releases = orEmpty(releases);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public record EnvironmentDoc(@JsonProperty(required = true) String name, String description) {
    }

    public record RemoteEnvironmentDoc(@JsonProperty(required = true) String space, @JsonProperty(required = true) String name) {
    }

    public record LifecycleDoc(@JsonProperty(required = true) String name, String description, @JsonProperty("default") Boolean isDefault, List<PhaseDoc> phases) {
        public LifecycleDoc {
            isDefault = Boolean.TRUE.equals(isDefault);
            phases = orEmpty(phases);
        }
    }

    /** @param progression "all", "optional" or "at least N" */
    public record PhaseDoc(@JsonProperty(required = true) String name, List<String> environments, List<String> remoteEnvironments,
                           List<String> promotions, String progression, List<String> templates) {
        public PhaseDoc {
            templates = orEmpty(templates);
            environments = orEmpty(environments);
            remoteEnvironments = orEmpty(remoteEnvironments);
            promotions = orEmpty(promotions);
        }
    }

    public record ProjectDoc(@JsonProperty(required = true) String name, String description, @JsonProperty(required = true) String lifecycle,
                             List<ChannelDoc> channels, List<StepDoc> process, List<VariableDoc> variables, List<TemplateDoc> templates) {
        public ProjectDoc {
            channels = orEmpty(channels);
            process = orEmpty(process);
            variables = orEmpty(variables);
            templates = orEmpty(templates);
        }
    }

    /**
     * An environment template (docs/decisions/0057). @param onExisting "reprovision" or "skip" (the default);
     * @param deprovisionWhenProgressed true unless false; @param deprovisionAfterDays 0 (never) unless given
     */
    public record EnvironmentTemplateDoc(@JsonProperty(required = true) String name, String description,
                                         @JsonProperty(required = true) String nameExpression, List<TemplateDoc> parameters,
                                         List<StepDoc> provisioning, List<StepDoc> deprovisioning, String onExisting,
                                         Boolean deprovisionWhenProgressed, Integer deprovisionAfterDays, String owner) {
        public EnvironmentTemplateDoc {
            parameters = orEmpty(parameters);
            provisioning = orEmpty(provisioning);
            deprovisioning = orEmpty(deprovisioning);
            deprovisionWhenProgressed = !Boolean.FALSE.equals(deprovisionWhenProgressed);
            deprovisionAfterDays = deprovisionAfterDays == null ? 0 : deprovisionAfterDays;
        }
    }

    public record ChannelDoc(@JsonProperty(required = true) String name, @JsonProperty("default") Boolean isDefault) {
        public ChannelDoc {
            isDefault = Boolean.TRUE.equals(isDefault);
        }
    }

    public record StepDoc(@JsonProperty(required = true) String name, @JsonProperty(required = true) String actionType,
                          Map<String, String> properties, List<String> environments, List<String> packages) {
        public StepDoc {
            properties = properties == null ? Map.of() : properties;
            environments = orEmpty(environments);
            packages = orEmpty(packages);
        }
    }

    public record VariableDoc(@JsonProperty(required = true) String name, String value, Boolean sensitive, List<String> environments) {
        public VariableDoc {
            sensitive = Boolean.TRUE.equals(sensitive);
            environments = orEmpty(environments);
        }
    }

    /** @param type single-line, multi-line, sensitive, checkbox or select */
    public record TemplateDoc(@JsonProperty(required = true) String name, String label, String helpText,
                              @JsonProperty(required = true) String type, List<String> options, Boolean mandatory, String defaultValue) {
        public TemplateDoc {
            mandatory = Boolean.TRUE.equals(mandatory);
            options = orEmpty(options);
        }
    }

    public record ReleaseDoc(@JsonProperty(required = true) String project, @JsonProperty(required = true) String version, String notes,
                             String channel, List<PackageDoc> packages) {
        public ReleaseDoc {
            packages = orEmpty(packages);
        }
    }

    public record PackageDoc(@JsonProperty(required = true) String id, @JsonProperty(required = true) String version,
                             @JsonProperty(required = true) String sha256) {
    }
}
