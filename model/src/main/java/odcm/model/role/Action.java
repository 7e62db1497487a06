package odcm.model.role;

/**
 * Every change a person may make in a local space, with the one role it needs (docs/decisions/0041): the only place
 * the mapping from actions to roles is written. The services check one action per change; the console disables what
 * the person may not do with the same sentence.
 */
public enum Action {
    CHANGE_SPACE("change the space", Role.ADMINISTRATOR),
    CHANGE_ENVIRONMENTS("change the environments", Role.ADMINISTRATOR),
    CHANGE_REMOTE_SPACES("add or change a remote space", Role.ADMINISTRATOR),
    TRUST("trust a space", Role.ADMINISTRATOR),
    REVOKE_TRUST("revoke a trust", Role.ADMINISTRATOR),
    SET_APPROVAL_RULE("change the approval rule", Role.ADMINISTRATOR),
    SET_DUTIES("change the separation of duties", Role.ADMINISTRATOR),
    GRANT_ROLES("grant or revoke roles", Role.ADMINISTRATOR),
    ACCEPT_ROLLBACK("accept an audit rollback (the older store's trusts and certificates with it)", Role.ADMINISTRATOR),
    CHANGE_LIFECYCLES("change lifecycles", Role.RELEASE_MANAGER),
    CHANGE_PROJECTS("change projects", Role.RELEASE_MANAGER),
    CREATE_RELEASE("create a release", Role.RELEASE_MANAGER),
    PROMOTE("promote a release (write a release bundle)", Role.RELEASE_MANAGER),
    PROMOTE_OUT_OF_ORDER("promote a release out of lifecycle order", Role.RELEASE_MANAGER),
    WRITE_RECEIPT("write a deployment receipt", Role.RELEASE_MANAGER),
    APPROVE("approve or reject a release", Role.APPROVER),
    IMPORT_BUNDLE("import a release bundle", Role.IMPORTER),
    IMPORT_RECEIPT("import a deployment receipt", Role.IMPORTER),
    DEPLOY("record a deployment", Role.DEPLOYER);

    private final String words;
    private final Role role;

    Action(String words, Role role) {
        this.words = words;
        this.role = role;
    }

    /** "trust a space": what follows "bob may not". */
    public String words() {
        return words;
    }

    public Role role() {
        return role;
    }
}
