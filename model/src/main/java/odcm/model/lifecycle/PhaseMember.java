package odcm.model.lifecycle;

/**
 * What a phase holds: environments of its space, remote environments, environment templates (whose instances count as the
 * phase's environments, see {@link Lifecycle#withInstances}), and promotions to other spaces.
 */
public sealed interface PhaseMember {
    /** How the member is shown and matched: environment name, "Prod Space: Production", or the target space's name. */
    String displayName();

    /** @param template the environment template it is a live instance of, in a lifecycle {@link Lifecycle#withInstances with its instances}; else null */
    record LocalEnvironment(long environmentId, String name, String template) implements PhaseMember {
        public LocalEnvironment(long environmentId, String name) {
            this(environmentId, name, null);
        }

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

    /** An environment template: its live instances are environments of the phase; it is never deployed to itself. */
    record TemplateMember(long templateId, String name) implements PhaseMember {
        @Override
        public String displayName() {
            return displayName(name);
        }

        /** What a template's name has after it where it stands for every instance: " (template)". */
        public static final String SUFFIX = " (template)";

        /** "Feature (template)". */
        public static String displayName(String template) {
            return template + SUFFIX;
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
