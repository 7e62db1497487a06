package odcm.model.environment;

import odcm.model.lifecycle.PhaseMember;

/**
 * A local placeholder, in the template's space, for environment template {@code template.name()} of another space (decision
 * 0058): it holds the definition this space's release bundles carry there; shown "Prod Space: Feature (template)". It has
 * no instances here: its instances are the owner's, reported back by receipts.
 */
public record RemoteTemplate(EnvironmentTemplate template, long ownerSpaceId, String ownerSpaceName) {
    public String displayName() {
        return displayName(ownerSpaceName, template.name());
    }

    /** "Prod Space: Feature (template)". */
    public static String displayName(String ownerSpaceName, String template) {
        return RemoteEnvironment.displayName(ownerSpaceName, PhaseMember.TemplateMember.displayName(template));
    }

    public PhaseMember.RemoteTemplateMember member() {
        return new PhaseMember.RemoteTemplateMember(template.id(), ownerSpaceId, ownerSpaceName, template.name());
    }
}
