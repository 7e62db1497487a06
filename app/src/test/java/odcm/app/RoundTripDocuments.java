package odcm.app;

/**
 * The content of the round trip of PRODUCT.md, as {@code apply} documents: DevTest Space with Development, Test and
 * 'Prod Space: Production', lifecycle Main ending with the promotion to Prod Space, project Web with a mandatory
 * AdminEmail template and release 1.0.0; Prod Space with Production and lifecycle Prod. Used by the command-line and the
 * screen versions of the round trip alike.
 */
public final class RoundTripDocuments {
    private RoundTripDocuments() {
    }

    public static final String DEV_DOCUMENT = """
            {"space": "DevTest Space",
             "environments": [{"name": "Development"}, {"name": "Test"}],
             "remoteEnvironments": [{"space": "Prod Space", "name": "Production"}],
             "lifecycles": [{"name": "Main", "default": true, "phases": [
               {"name": "Development", "environments": ["Development"]},
               {"name": "Test", "environments": ["Test"]},
               {"name": "Production", "remoteEnvironments": ["Prod Space: Production"], "promotions": ["Prod Space"]}]}],
             "projects": [{"name": "Web", "lifecycle": "Main",
               "process": [{"name": "Deploy web", "actionType": "Octopus.Package", "packages": ["Acme.Web"]}],
               "variables": [{"name": "LogLevel", "value": "Warning", "sensitive": false, "environments": ["Prod Space: Production"]},
                 {"name": "AdminEmail", "value": "dev@example.org", "environments": ["Development", "Test"]}],
               "templates": [{"name": "AdminEmail", "label": "Admin e-mail", "type": "single-line", "mandatory": true}],
               "channels": [{"name": "Default", "default": true}]}],
             "releases": [{"project": "Web", "version": "1.0.0",
               "packages": [{"id": "Acme.Web", "version": "1.0.0", "sha256": "%s"}]}]}
            """.formatted("ab".repeat(32));
    public static final String PROD_DOCUMENT = """
            {"space": "Prod Space", "environments": [{"name": "Production"}],
             "lifecycles": [{"name": "Prod", "default": true, "phases": [{"name": "Production", "environments": ["Production"]}]}]}
            """;
}
