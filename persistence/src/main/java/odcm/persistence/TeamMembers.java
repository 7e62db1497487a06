package odcm.persistence;

import odcm.model.Refusal;
import org.jooq.DSLContext;

/**
 * Letting a person into a team store, and out again (docs/decisions/0040-people.md). A team store's people are the
 * members of one group role per store, {@code <database>_members}: made on the first admission (the owner's login needs
 * CREATEROLE), given CONNECT, and SELECT, INSERT, UPDATE and DELETE on every table (the schema's history only SELECT; no
 * TRUNCATE, no ownership, so no member can drop a trigger), and the same on tables later migrations make. The person's
 * own login is then made a member; an audit entry records it. Only the tables' owner, or a login with its rights, can.
 */
public final class TeamMembers {
    /** The group of a team store's people is named by its database and this. */
    public static final String GROUP_SUFFIX = "_members";

    private TeamMembers() {
    }

    /** The group role of the team store at {@code server}. */
    public static String group(ServerAddress server) {
        return server.database() + GROUP_SUFFIX;
    }

    /** Lets the database role {@code login} into {@code store}; the sentence that says so. */
    public static String admit(Store store, String login) {
        String group = checkedGroup(store);
        return store.writeTables((tx, sql) -> {
            String owner = owner(store, sql, "let someone in");
            String role = existing(store, sql, login, group);
            if (!Boolean.TRUE.equals(sql.fetchValue("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = ?)", group))) {
                if (!Boolean.TRUE.equals(sql.fetchValue("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = session_user"))) {
                    throw new Refusal("The group " + group + " of the team store's people does not exist yet, and making it needs a login"
                            + " with CREATEROLE, which " + store.person().name() + " is not: nothing was changed.");
                }
                sql.execute("CREATE ROLE " + quoted(sql, group) + " NOLOGIN");
            }
            String g = quoted(sql, group);
            String db = quoted(sql, store.location().server().database());
            sql.execute("GRANT CONNECT ON DATABASE " + db + " TO " + g);
            // Only the group connects: PostgreSQL lets every login connect to a new database, so a login never let in, or
            // dismissed, could still sign in, listen to the store's changes and signal false ones (review of 2026-12-05; a
            // no-op, with a warning, where this login does not own the database).
            sql.execute("REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC");
            sql.execute("GRANT USAGE ON SCHEMA public TO " + g);
            // Members make no objects of their own (PostgreSQL before 15 lets everyone create in public; a no-op, with a
            // warning, where this login does not own the schema).
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + g);
            sql.execute("REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM " + g);
            sql.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + g);
            sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + g);
            sql.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + g);
            sql.execute("GRANT " + g + " TO " + role);
            tx.audit().append("store.admit", login, login + " let into the team store as a member of " + group);
            return login + " may now use the team store " + store.location().describe() + " as a member of " + group
                    + ", signing in with their own login (postgresql://" + login + "@" + store.location().server().host() + ":"
                    + store.location().server().port() + "/" + store.location().server().database()
                    + ", the password in their ~/.pgpass); they need the store's master key file too to change anything.";
        });
    }

    /** Takes {@code login} out of {@code store}'s group; the sentence that says so. */
    public static String dismiss(Store store, String login) {
        String group = checkedGroup(store);
        return store.writeTables((tx, sql) -> {
            owner(store, sql, "let someone out");
            String role = existing(store, sql, login, group);
            if (!Boolean.TRUE.equals(sql.fetchValue("SELECT EXISTS (SELECT FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
                    + " JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = ? AND m.rolname = ?)", group, login))) {
                throw new Refusal(login + " is not a member of " + group + ", the team store's people: nothing was changed.");
            }
            sql.execute("REVOKE " + quoted(sql, group) + " FROM " + role);
            tx.audit().append("store.dismiss", login, login + " taken out of " + group + ", the team store's people");
            return login + " is no longer a member of " + group + " and cannot use the team store " + store.location().describe()
                    + " (unless through another role).";
        });
    }

    private static String checkedGroup(Store store) {
        if (!store.location().onServer()) {
            throw new Refusal("An embedded store has one person, this computer's user: nobody else can be let in or out."
                    + " A team store on PostgreSQL has people (README, 'A team store on PostgreSQL').");
        }
        String group = group(store.location().server());
        if (group.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            throw new Refusal("The database name " + store.location().server().database() + " is too long for its group's name " + group
                    + " (PostgreSQL takes 63 bytes): nothing was changed.");
        }
        return group;
    }

    /** The tables' owner, quoted; refuses unless this login has its rights. */
    private static String owner(Store store, DSLContext sql, String what) {
        org.jooq.Record r = sql.fetchOne("SELECT pg_has_role(session_user, c.relowner, 'USAGE') AS may,"
                + " quote_ident(pg_get_userbyid(c.relowner)) AS owner FROM pg_class c WHERE c.oid = 'audit_event'::regclass");
        if (!Boolean.TRUE.equals(r.get("may", Boolean.class))) {
            throw new Refusal("Only the owner of the team store's tables (" + r.get("owner", String.class) + ") or a login with its"
                    + " rights can " + what + "; " + store.person().name() + " cannot: nothing was changed.");
        }
        return r.get("owner", String.class);
    }

    /** {@code login}, quoted, once it is known to be a role that may be let in or out. */
    private static String existing(Store store, DSLContext sql, String login, String group) {
        if (login == null || login.isBlank() || login.length() > 63 || login.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal("'" + login + "' is not a database login's name: nothing was changed.");
        }
        if (login.equals(group) || login.startsWith("pg_")
                || !Boolean.TRUE.equals(sql.fetchValue("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = ?)", login))) {
            throw new Refusal(login.equals(group) || login.startsWith("pg_")
                    ? login + " is not a person's login: nothing was changed."
                    : "There is no login " + login + " on the server " + store.location().server().host() + ": its administrator makes it"
                            + " first (CREATE ROLE " + login + " LOGIN PASSWORD '…'), then it can be let in; nothing was changed.");
        }
        return quoted(sql, login);
    }

    private static String quoted(DSLContext sql, String name) {
        return String.valueOf(sql.fetchValue("SELECT quote_ident(?)", name));
    }
}
