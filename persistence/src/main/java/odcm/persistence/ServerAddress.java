package odcm.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import odcm.model.Refusal;

/**
 * The address of a team store on a PostgreSQL server, as a user writes it: {@code postgresql://[user@]host[:port]/database}
 * with optional TLS settings ({@code ?sslmode=verify-full&sslrootcert=...}). Never a password: that comes from
 * {@code ~/.pgpass} (or {@code PGPASSFILE}), read by the driver, so it is not in the process list, the shell history or a
 * config file of ours (docs/decisions/0035).
 */
public record ServerAddress(String host, int port, String database, String user, Map<String, String> options) {
    public static final String SCHEME = "postgresql://";
    /** The driver settings a user may give in the address; anything else is refused rather than silently passed on. */
    private static final Set<String> OPTIONS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connectTimeout", "applicationName");

    public static boolean isServer(String text) {
        return text != null && text.strip().toLowerCase(java.util.Locale.ROOT).startsWith(SCHEME);
    }

    public static ServerAddress parse(String text) {
        String t = text.strip();
        String form = " A team store's address has the form postgresql://[user@]host[:port]/database.";
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new Refusal("'" + t + "' is not a store address." + form);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new Refusal("A store address must not hold a password (it would show in the process list and the shell history);"
                    + " put it in ~/.pgpass instead, as the README says.");
        }
        String path = uri.getRawPath();
        if (uri.getHost() == null || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new Refusal("'" + t + "' names no server and database." + form);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (key.equalsIgnoreCase("password")) {
                    throw new Refusal("A store address must not hold a password (it would show in the process list and the shell"
                            + " history); put it in ~/.pgpass instead, as the README says.");
                }
                if (!OPTIONS.contains(key)) {
                    throw new Refusal("The store address has the setting '" + key + "', which ODCM Console does not know; it knows "
                            + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ".");
                }
                if (options.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1))) != null) {
                    // which one the driver would take is not for the user to guess (sslmode=verify-full&sslmode=disable)
                    throw new Refusal("The store address gives the setting '" + key + "' twice; give it once.");
                }
            }
        }
        String sslmode = options.getOrDefault("sslmode", "");
        if (options.containsKey("sslrootcert") && !sslmode.equals("verify-ca") && !sslmode.equals("verify-full")) {
            // pgjdbc checks the server's certificate only for these two; with any other sslmode it ignores sslrootcert
            // (libpq does not), so the CA named would not be checked at all.
            throw new Refusal("The store address names a CA (sslrootcert) but sslmode " + (sslmode.isEmpty() ? "is not given" : "is " + sslmode)
                    + ", with which the server's certificate is not checked against it; use sslmode=verify-full (or verify-ca).");
        }
        String user = userInfo == null ? System.getProperty("user.name", "") : decode(userInfo);
        String database = decode(path.substring(1));
        // Decoded, the name goes into the driver's URL: no '?', '&', '/', '#' or '%' there, which the driver would read as
        // settings (a password among them) or decode again. Nor a ':' in the user, which would show a password.
        if (!database.matches("[^/?&#%\\p{Cntrl}]+") || user.contains(":")) {
            throw new Refusal("'" + uri.getHost() + "' names a database or user the address cannot hold (no / ? & # % or :)." + form);
        }
        return new ServerAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, Map.copyOf(options));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The address as the user sees it: no password is ever part of it. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(SCHEME).append(user).append('@').append(host).append(':').append(port).append('/').append(database);
        if (!options.isEmpty()) {
            b.append('?');
            options.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(b.charAt(b.length() - 1) == '?' ? "" : "&").append(e.getKey()).append('=').append(e.getValue()));
        }
        return b.toString();
    }

    /** A new connection to this address's database, as this address's user (the password from ~/.pgpass). */
    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(), properties());
    }

    /** The driver's URL; the user and settings go as connection properties ({@link #properties}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The connection's properties: the user, the TLS settings, and no password (the driver reads ~/.pgpass). */
    public java.util.Properties properties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user);
        p.setProperty("ApplicationName", options.getOrDefault("applicationName", "ODCM Console"));
        options.forEach((k, v) -> {
            if (!k.equals("applicationName")) {
                p.setProperty(k, v);
            }
        });
        return p;
    }

    /**
     * Makes database {@code name} on this server, owned by this address's user (who needs CREATEDB), and returns its
     * address. For tests and for `store copy` into a new team store; {@code name} is of letters, digits and '_' only.
     */
    public ServerAddress createDatabase(String name) {
        admin("CREATE DATABASE " + checkedName(name));
        return new ServerAddress(host, port, name, user, options);
    }

    /** Like {@link #createDatabase(String)}, as a copy of {@code template} (a database nobody is connected to). */
    public ServerAddress createDatabase(String name, ServerAddress template) {
        admin("CREATE DATABASE " + checkedName(name) + " TEMPLATE " + checkedName(template.database()));
        return new ServerAddress(host, port, name, user, options);
    }

    /** Drops this address's database, connected to the server's maintenance database {@code postgres}. */
    public void dropDatabase() {
        new ServerAddress(host, port, "postgres", user, options).admin("DROP DATABASE IF EXISTS " + checkedName(database) + " WITH (FORCE)");
    }

    private void admin(String statement) {
        try (java.sql.Connection c = connect(); java.sql.Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (java.sql.SQLException e) {
            throw new Refusal("The server " + host + ":" + port + " refused '" + statement + "': " + e.getMessage(), e);
        }
    }

    private static String checkedName(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }

    /** A name for the local folder of this server's store (its inbox, its state), made of safe characters only. */
    String folderName() {
        return (host + "-" + port + "-" + database + "-" + user).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
