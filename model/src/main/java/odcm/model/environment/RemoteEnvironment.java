package odcm.model.environment;

/**
 * A local placeholder, in space {@code spaceId}, for environment {@code name} owned by another space.
 * Steps and variable values can be scoped to it; it is shown namespaced, as {@code Prod Space: Production}.
 */
public record RemoteEnvironment(long id, long spaceId, long ownerSpaceId, String ownerSpaceName, String name) {
    public String displayName() {
        return displayName(ownerSpaceName, name);
    }

    public static String displayName(String ownerSpaceName, String environmentName) {
        return ownerSpaceName + ": " + environmentName;
    }
}
