package odcm.model.deployment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The mandatory values one environment of a project's lifecycle lacks (docs/decisions/0049). For an environment of
 * this space: what a deployment there would be refused for. For a remote environment ({@code remote}): what a bundle
 * for it would carry no value for, so the importer there has to give it.
 */
public record MissingValues(String project, String environment, boolean remote, List<String> templates) {
    public MissingValues {
        templates = List.copyOf(templates);
    }

    /** "Payments lacks DbPassword, ApiUrl for Prod". */
    public String words() {
        return project + " lacks " + String.join(", ", templates) + " for " + environment
                + (environment.endsWith(odcm.model.lifecycle.PhaseMember.TemplateMember.SUFFIX) ? " (each instance it makes, unless the instance gets its own)" : "")
                + (remote ? " (its bundles carry no value for " + (templates.size() == 1 ? "it" : "them") + ": the importer there will be asked)" : "");
    }

    /** "Payments lacks DbPassword, ApiUrl for Prod; Web Shop lacks Host for Prod", or "" for none. */
    public static String words(List<MissingValues> all) {
        return words(all, "; ");
    }

    /** As {@link #words(List)}, each one after the other with {@code separator} between them. */
    public static String words(List<MissingValues> all, String separator) {
        return all.stream().map(MissingValues::words).collect(Collectors.joining(separator));
    }
}
