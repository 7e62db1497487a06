package odcm.model.role;

import odcm.model.Refusal;

/** Whom a role is granted to: one person, or everyone in a group (a database role of the team store). */
public record Grantee(boolean group, String name) {
    public static final int MAX_NAME = 200;

    public Grantee {
        if (name == null || name.isBlank()) {
            throw new Refusal("Name the " + (group ? "group" : "person") + " the role is for.");
        }
        name = name.strip();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal("A " + (group ? "group" : "person") + "'s name is one line of at most " + MAX_NAME + " characters.");
        }
    }

    public static Grantee person(String name) {
        return new Grantee(false, name);
    }

    public static Grantee group(String name) {
        return new Grantee(true, name);
    }

    /** "bob", or "the group 'ops'". */
    public String describe() {
        return group ? "the group '" + name + "'" : name;
    }
}
