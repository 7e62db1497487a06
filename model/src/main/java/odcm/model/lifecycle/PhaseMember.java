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

    /**
     * @param template the remote template it is a live instance of, as a receipt from its space said (decision 0058), in a
     *                 lifecycle {@link Lifecycle#withInstances with its instances}; else null (remoteEnvironmentId 0 then)
     */
    record RemoteEnvironmentMember(long remoteEnvironmentId, long ownerSpaceId, String ownerSpaceName, String name, String template) implements PhaseMember {
        public RemoteEnvironmentMember(long remoteEnvironmentId, long ownerSpaceId, String ownerSpaceName, String name) {
            this(remoteEnvironmentId, ownerSpaceId, ownerSpaceName, name, null);
        }

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

    /**
     * An environment template of another space (decision 0058): this space's placeholder of it, holding the definition its
     * bundles carry there; shown "Prod Space: Feature (template)". Its instances there, as receipts report them, are the
     * phase's remote environments; it is never deployed to itself.
     */
    record RemoteTemplateMember(long templateId, long ownerSpaceId, String ownerSpaceName, String name) implements PhaseMember {
        @Override
        public String displayName() {
            return odcm.model.environment.RemoteTemplate.displayName(ownerSpaceName, name);
        }
    }

    /** Whether {@code m} is a template (local or remote): never deployed to, its instances are counted. */
    static boolean isTemplate(PhaseMember m) {
        return m instanceof TemplateMember || m instanceof RemoteTemplateMember;
    }

    /** The template {@code m} is a live instance of (in a lifecycle with its instances), or null. */
    static String instanceOf(PhaseMember m) {
        return m instanceof LocalEnvironment l ? l.template() : m instanceof RemoteEnvironmentMember r ? r.template() : null;
    }

    /** Whether {@code instance} is an instance of template member {@code template}, local or remote. */
    static boolean instanceOf(PhaseMember instance, PhaseMember template) {
        if (template instanceof TemplateMember t) {
            return instance instanceof LocalEnvironment l && t.name().equals(l.template());
        }
        return template instanceof RemoteTemplateMember t && instance instanceof RemoteEnvironmentMember r && t.name().equals(r.template())
                && t.ownerSpaceId() == r.ownerSpaceId();
    }

    /** Hands the release on to another space (local or remote): a release bundle crosses there. */
    record Promotion(long targetSpaceId, String targetSpaceName) implements PhaseMember {
        @Override
        public String displayName() {
            return "Promote to " + targetSpaceName;
        }
    }
}
