package odcm.model.lifecycle;

/** What a phase holds: environments of its space, remote environments, and promotions to other spaces. */
public sealed interface PhaseMember {
    /** How the member is shown and matched: environment name, "Prod Space: Production", or the target space's name. */
    String displayName();

    record LocalEnvironment(long environmentId, String name) implements PhaseMember {
        @Override
        public String displayName() {
            return name;
        }
    }

    record RemoteEnvironmentMember(long remoteEnvironmentId, long ownerSpaceId, String ownerSpaceName, String name) implements PhaseMember {
        @Override
        public String displayName() {
            return odcm.model.environment.RemoteEnvironment.displayName(ownerSpaceName, name);
        }
    }

    /** Hands the release on to another space (local or remote): a release bundle crosses there. */
    record Promotion(long targetSpaceId, String targetSpaceName) implements PhaseMember {
        @Override
        public String displayName() {
            return "Promote to " + targetSpaceName;
        }
    }
}
