package odcm.model.environment;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.project.DeploymentStep;
import odcm.model.project.TemplateType;
import odcm.model.project.VariableTemplate;

/**
 * A recipe for environments made on demand (a feature branch, a tester): its parameters (typed, with defaults, as variable
 * templates), optional provisioning and de-provisioning processes (steps as a project's), how its instances are named, what a
 * later release whose name is taken does, and after how many days without a deployment an instance goes (0: never). Its
 * instances are environments like any other, marked with it (docs/decisions/0057).
 */
public record EnvironmentTemplate(long id, long spaceId, String name, String description, List<VariableTemplate> parameters,
                                  List<DeploymentStep> provisioning, List<DeploymentStep> deprovisioning, NameExpression nameExpression,
                                  OnExisting onExisting, boolean deprovisionWhenProgressed, int deprovisionAfterDays, long version) {
    public static final int MAX_NAME = 60;
    public static final int MAX_DAYS = 3650;

    /** What a release does whose instance name is already an instance of this template. */
    public enum OnExisting {
        /** De-provision the existing instance and provision it again for the new release. */
        REPROVISION,
        /** Keep the existing instance as it is. */
        SKIP;

        public String words() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static OnExisting parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("-", "");
            return switch (t) {
                case "reprovision" -> REPROVISION;
                case "skip" -> SKIP;
                default -> throw new Refusal("When an instance of that name exists, a template re-provisions it or skips: 'reprovision' or 'skip', not '" + text + "'.");
            };
        }
    }

    public EnvironmentTemplate {
        name = checkName(name);
        description = Names.text("A description", description, 2000);
        parameters = List.copyOf(parameters);
        Map<String, String> seen = new HashMap<>();
        for (VariableTemplate p : parameters) {
            String other = seen.put(Names.key(p.name()), p.name());
            if (other != null) {
                throw new Refusal("Template '" + name + "' has the parameter '" + p.name() + "' twice.");
            }
            if (NameExpression.BUILT_IN.stream().anyMatch(b -> b.equalsIgnoreCase(p.name()))) {
                throw new Refusal("A parameter of template '" + name + "' cannot be called '" + p.name() + "': the name expression already uses that name.");
            }
        }
        provisioning = List.copyOf(provisioning);
        deprovisioning = List.copyOf(deprovisioning);
        if (nameExpression == null) {
            throw new Refusal("Template '" + name + "' needs a name expression for its instances.");
        }
        nameExpression = NameExpression.parse(nameExpression.text(), parameters.stream().map(VariableTemplate::name).toList());
        for (VariableTemplate p : parameters) {
            if (p.type() == TemplateType.SENSITIVE && nameExpression.names().contains(p.name())) {
                throw new Refusal("Template '" + name + "' cannot name its instances by sensitive parameter '" + p.name() + "': an environment name is shown everywhere.");
            }
        }
        onExisting = onExisting == null ? OnExisting.SKIP : onExisting;
        if (deprovisionAfterDays < 0 || deprovisionAfterDays > MAX_DAYS) {
            throw new Refusal("A template de-provisions an instance after 1 to " + MAX_DAYS + " days without a deployment, or never (0); not " + deprovisionAfterDays + ".");
        }
    }

    /** A template as a person writes it, before it is stored (id, space and version 0). */
    public static EnvironmentTemplate draft(String name, String description, List<VariableTemplate> parameters, List<DeploymentStep> provisioning,
                                            List<DeploymentStep> deprovisioning, String nameExpression, OnExisting onExisting,
                                            boolean deprovisionWhenProgressed, int deprovisionAfterDays) {
        return new EnvironmentTemplate(0, 0, name, description, parameters, provisioning, deprovisioning, expression(nameExpression, parameters),
                onExisting, deprovisionWhenProgressed, deprovisionAfterDays, 0);
    }

    /** The same template in space {@code spaceId}. */
    public EnvironmentTemplate in(long spaceId) {
        return new EnvironmentTemplate(id, spaceId, name, description, parameters, provisioning, deprovisioning, nameExpression, onExisting,
                deprovisionWhenProgressed, deprovisionAfterDays, version);
    }

    /** The parameters' values as they may be recorded and shown: a sensitive one masked. */
    public Map<String, String> shown(Map<String, String> values) {
        Map<String, String> out = new java.util.LinkedHashMap<>(values);
        parameters.stream().filter(p -> p.type() == TemplateType.SENSITIVE && !values.getOrDefault(p.name(), "").isEmpty())
                .forEach(p -> out.put(p.name(), odcm.model.project.Variable.MASK));
        return out;
    }

    /**
     * A parameter as a person writes it on one line: {@code NAME[:TYPE][=DEFAULT]}, TYPE single-line (without one), multi-line,
     * sensitive, checkbox or {@code select(a|b)}; mandatory unless it has a default. "Region:select(eu|us)=eu", "Tester".
     */
    public static VariableTemplate parameter(String line) {
        String spec = line == null ? "" : line.strip();
        int eq = spec.indexOf('=');
        String head = eq < 0 ? spec : spec.substring(0, eq);
        String def = eq < 0 ? "" : spec.substring(eq + 1);
        int colon = head.indexOf(':');
        String type = colon < 0 ? "single-line" : head.substring(colon + 1).strip();
        List<String> options = List.of();
        if (type.matches("(?i)select\\(.*\\)")) {
            options = List.of(type.substring(7, type.length() - 1).split("\\|"));
            type = "select";
        }
        return new VariableTemplate((colon < 0 ? head : head.substring(0, colon)).strip(), "", "", TemplateType.parse(type), options, def.isEmpty(), def);
    }

    /** {@code p} as {@link #parameter} reads it back: "Region:select(eu|us)=eu", "Tester", "Notes:multi-line". */
    public static String line(VariableTemplate p) {
        String type = switch (p.type()) {
            case SINGLE_LINE -> "";
            case SELECT -> ":select(" + String.join("|", p.options()) + ")";
            default -> ":" + p.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
        return p.name() + type + (p.defaultValue().isEmpty() ? "" : "=" + p.defaultValue());
    }

    /** {@code s} as {@link #step} reads it back: "Stack up:Run a script" (its properties, scope and packages are not on the line). */
    public static String line(DeploymentStep s) {
        return s.name() + ":" + s.actionType();
    }

    /**
     * The same template with everything a person may edit taken from {@code edited} (a draft): its id, space and version stay.
     */
    public EnvironmentTemplate edited(EnvironmentTemplate edited) {
        return new EnvironmentTemplate(id, spaceId, edited.name, edited.description, edited.parameters, edited.provisioning, edited.deprovisioning,
                edited.nameExpression, edited.onExisting, edited.deprovisionWhenProgressed, edited.deprovisionAfterDays, version);
    }

    /** What {@code after} changes of this template, one phrase each ("renamed from 'A' to 'B'", "parameters Tester, Region"); empty: nothing. */
    public List<String> changes(EnvironmentTemplate after) {
        List<String> out = new java.util.ArrayList<>();
        if (!name.equals(after.name)) {
            out.add("renamed from '" + name + "' to '" + after.name + "'");
        }
        if (!description.equals(after.description)) {
            out.add("description " + (after.description.isEmpty() ? "removed" : "'" + after.description + "'"));
        }
        if (!parameters.equals(after.parameters)) {
            out.add("parameters " + (after.parameters.isEmpty() ? "none" : String.join(", ", after.parameters.stream().map(EnvironmentTemplate::line).toList())));
        }
        if (!provisioning.equals(after.provisioning)) {
            out.add(after.provisioning.size() + " provisioning steps");
        }
        if (!deprovisioning.equals(after.deprovisioning)) {
            out.add(after.deprovisioning.size() + " de-provisioning steps");
        }
        if (!nameExpression.text().equals(after.nameExpression.text())) {
            out.add("instances named '" + after.nameExpression.text() + "'");
        }
        if (onExisting != after.onExisting) {
            out.add("an existing one: " + after.onExisting.words());
        }
        if (deprovisionWhenProgressed != after.deprovisionWhenProgressed) {
            out.add(after.deprovisionWhenProgressed ? "de-provisioned when its release goes on" : "kept when its release goes on");
        }
        if (deprovisionAfterDays != after.deprovisionAfterDays) {
            out.add(after.deprovisionAfterDays == 0 ? "never de-provisioned for idleness" : "de-provisioned after " + after.deprovisionAfterDays + " days without a deployment");
        }
        return out;
    }

    /** A step as a person writes it on one line: {@code NAME:ACTION} ("Stack up:Run a script"), for every environment, no properties. */
    public static DeploymentStep step(String line) {
        String spec = line == null ? "" : line.strip();
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new Refusal("A step is NAME:ACTION, as 'Stack up:Run a script', not '" + spec + "'.");
        }
        return new DeploymentStep(spec.substring(0, colon).strip(), spec.substring(colon + 1).strip(), Map.of(), odcm.model.project.Scope.ALL, List.of());
    }

    /** Parameters' values as a person writes them, one {@code NAME=VALUE} each; blank lines are none. */
    public static Map<String, String> values(List<String> lines) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new Refusal("A parameter's value is NAME=VALUE, not '" + line.strip() + "'.");
            }
            out.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return out;
    }

    public static String checkName(String name) {
        return Names.checkWithoutColon("An environment template", name, MAX_NAME);
    }

    /** The expression as written by a person, checked against {@code parameters}. */
    public static NameExpression expression(String text, List<VariableTemplate> parameters) {
        return NameExpression.parse(text, parameters.stream().map(VariableTemplate::name).toList());
    }

    /**
     * Why it cannot provision on its own (in a lifecycle phase), or empty: every parameter needs a value nobody types, so a
     * default; a sensitive one can have none.
     */
    public Optional<String> automaticRefusal() {
        List<String> without = parameters.stream().filter(p -> p.defaultValue().isBlank()).map(VariableTemplate::name).toList();
        if (without.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Template '" + name + "' cannot provision on its own in a lifecycle phase: parameter" + (without.size() == 1 ? " " : "s ")
                + String.join(", ", without) + (without.size() == 1 ? " has" : " have") + " no default"
                + (parameters.stream().anyMatch(p -> p.type() == TemplateType.SENSITIVE && without.contains(p.name())) ? " (a sensitive one can have none)" : "") + ".");
    }

    /**
     * The parameters' values for an instance: {@code given} (by name, any case) over the defaults; an unknown name, a value a
     * select does not offer, a checkbox other than true/false, or a mandatory one left blank is refused.
     */
    public Map<String, String> parameterValues(Map<String, String> given) {
        Map<String, String> byKey = new HashMap<>();
        for (Map.Entry<String, String> g : given.entrySet()) {
            VariableTemplate p = parameters.stream().filter(x -> Names.same(x.name(), g.getKey())).findFirst()
                    .orElseThrow(() -> new Refusal("Template '" + name + "' has no parameter '" + g.getKey() + "'"
                            + (parameters.isEmpty() ? "; it has none." : "; it has " + String.join(", ", parameters.stream().map(VariableTemplate::name).toList()) + ".")));
            byKey.put(p.name(), Names.value("The value of parameter '" + p.name() + "'", g.getValue(), p.type() == TemplateType.MULTI_LINE));
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (VariableTemplate p : parameters) {
            String v = byKey.getOrDefault(p.name(), p.defaultValue());
            if (p.type() == TemplateType.SELECT && !v.isEmpty() && !p.options().contains(v)) {
                throw new Refusal("Parameter '" + p.name() + "' is one of " + String.join(", ", p.options()) + ", not '" + v + "'.");
            }
            if (p.type() == TemplateType.CHECKBOX && !v.isEmpty() && !v.equals("true") && !v.equals("false")) {
                throw new Refusal("Parameter '" + p.name() + "' is a checkbox: true or false.");
            }
            if (p.mandatory() && v.isBlank()) {
                throw new Refusal("Parameter '" + p.name() + "' of template '" + name + "' needs a value.");
            }
            out.put(p.name(), v);
        }
        return out;
    }

    /**
     * The name of the instance for a release ({@code number}, {@code channel} of {@code project}) in {@code space}, with the
     * parameters' {@code values}; {@code number} null for a manual instance, which has no release.
     */
    public String instanceName(String space, String project, String number, String channel, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put(NameExpression.TEMPLATE_NAME, name);
        all.put(NameExpression.SPACE_NAME, space);
        if (number != null) {
            all.put(NameExpression.RELEASE_NUMBER, number);
            all.put(NameExpression.RELEASE_CHANNEL, channel == null ? "" : channel);
            all.put(NameExpression.PROJECT_NAME, project);
        }
        return nameExpression.evaluate(all);
    }

    /**
     * Whether an instance is due to be de-provisioned at {@code now}: it has gone {@link #deprovisionAfterDays} days since
     * {@code lastActivity} (its last deployment, else its provisioning); never when the template says 0.
     */
    public boolean due(Instant lastActivity, Instant now) {
        return deprovisionAfterDays > 0 && !lastActivity.plus(Duration.ofDays(deprovisionAfterDays)).isAfter(now);
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
