package odcm.model.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import odcm.model.Names;

/**
 * What a space knows of where its projects' releases are: a row per project (local ones first, then remote projects, each
 * by name), a column per environment (local ones, then remote environments, then the source's environments known from
 * imported bundles), and in each cell the latest release deployed there. Built by {@link DashboardBuilder}; immutable.
 *
 * @param asOf     the time ages are counted to (the store's clock when it was read)
 * @param packages a note per release shown that names packages, where the space uses a package store (decision 0059); none
 *                 otherwise, and none unless asked for
 */
public record Dashboard(String space, Instant asOf, List<Column> columns, List<Row> rows, List<PackageNote> packages) {
    public Dashboard {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(asOf, "asOf");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        packages = List.copyOf(packages);
    }

    public Dashboard(String space, Instant asOf, List<Column> columns, List<Row> rows) {
        this(space, asOf, columns, rows, List.of());
    }

    public Dashboard withPackages(List<PackageNote> notes) {
        return new Dashboard(space, asOf, columns, rows, notes);
    }

    /**
     * How many of the {@code packages} a release names were not found where this space deploys it, by a look only (a file under
     * its hash in the store, or one a feed names; nothing hashed).
     */
    public record PackageNote(String project, String release, int packages, int notPresent) {
        /** "Web 2.0.0: 2 of 500 packages not present". */
        public String words() {
            return project + " " + release + ": " + notPresent + " of " + packages + (packages == 1 ? " package" : " packages") + " not present";
        }
    }

    /**
     * One sentence on the notes: those of releases with packages not present, or that all are present; "" without notes.
     */
    public String packagesWords() {
        List<String> lacking = packages.stream().filter(n -> n.notPresent() > 0).map(PackageNote::words).toList();
        if (packages.isEmpty()) {
            return "";
        }
        String how = " (a look for each file in the package store and feeds, nothing hashed; a deployment checks their hashes)";
        return lacking.isEmpty() ? "Packages: all present for the " + (packages.size() == 1 ? "release" : packages.size() + " releases") + " shown"
                + how + "." : "Packages" + how + ": " + String.join("; ", lacking) + ".";
    }

    public enum ColumnKind {
        /** An environment of this space. */
        LOCAL,
        /** An environment owned by another space: a remote environment here, or one a report named. */
        REMOTE,
        /** An environment of the space an imported project came from (or one before it), known from the bundle's history. */
        UPSTREAM
    }

    /**
     * @param owner       the space owning the environment; this space's name for a local column
     * @param environment the environment's name in its own space
     * @param known       for a remote column: this space has the remote environment (false when only a report named it)
     */
    public record Column(ColumnKind kind, String owner, String environment, boolean known) {
        public Column {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(environment, "environment");
        }

        /** "Test" for a local column, "Prod Space: Production" otherwise. */
        public String title() {
            return kind == ColumnKind.LOCAL ? environment : owner + ": " + environment;
        }

        /** One sentence on what the column is. */
        public String description() {
            return switch (kind) {
                case LOCAL -> "Environment " + environment + " of " + owner + ".";
                case REMOTE -> known ? "Remote environment: " + environment + " of " + owner + ", known from its reports."
                        : "Environment " + environment + " of " + owner + ": reported by it, not a remote environment here.";
                case UPSTREAM -> "Environment " + environment + " of " + owner + ", as the imported release bundles reported it.";
            };
        }

        String key() {
            return key(kind == ColumnKind.LOCAL ? "" : owner, environment);
        }

        static String key(String owner, String environment) {
            return Names.key(owner) + "\u0000" + Names.key(environment);
        }
    }

    /** Where a cell's outcome is known from. */
    public sealed interface Source {
        /** A deployment recorded in this space. */
        record Local() implements Source {
        }

        /** From a deployment receipt of {@code reporter}, created at {@code receiptCreated}. */
        record Receipt(String reporter, Instant receiptCreated) implements Source {
        }

        /** Reported directly by {@code reporter}, a space of this console. */
        record Connected(String reporter) implements Source {
        }

        /** Carried inside an imported release bundle: done in {@code space} before the release arrived here. */
        record Upstream(String space) implements Source {
        }

        /** The words for a tooltip or a legend: "from a receipt of Prod Space created 2026-11-20 10:00". */
        default String words(java.time.ZoneId zone) {
            if (this instanceof Receipt r) {
                return "from a receipt of " + r.reporter() + " created " + DashboardText.time(r.receiptCreated(), zone);
            }
            if (this instanceof Connected c) {
                return "reported directly by " + c.reporter() + ", a space of this console";
            }
            if (this instanceof Upstream u) {
                return "from the history in the release bundle: deployed in " + u.space() + " before it was imported";
            }
            return "recorded here";
        }
    }

    /** The latest deployment known in one column for one project. {@code revision} is 1 unless an import superseded one. */
    public record Cell(String version, int revision, boolean succeeded, Instant deployedAt, String deployedBy, Source source) {
        public Cell {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(deployedAt, "deployedAt");
            Objects.requireNonNull(source, "source");
            deployedBy = deployedBy == null ? "" : deployedBy;
            revision = Math.max(1, revision);
        }

        /** "1.2.0", or "1.2.0 (revision 2)". */
        public String release() {
            return odcm.model.release.ReleaseHead.named(version, revision);
        }

        public boolean local() {
            return source instanceof Source.Local;
        }

        public String outcome() {
            return succeeded ? "succeeded" : "failed";
        }

        /** Time since the deployment, never negative. */
        public Duration age(Instant asOf) {
            Duration d = Duration.between(deployedAt, asOf);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** @param remote the project was imported from another space */
    public record Row(String project, boolean remote, Map<String, Cell> cells) {
        public Row {
            Objects.requireNonNull(project, "project");
            cells = Map.copyOf(cells);
        }

        public Optional<Cell> cell(Column column) {
            return Optional.ofNullable(cells.get(column.key()));
        }

        /** The cell of an environment of {@code owner} (null or empty for this space's own). */
        public Optional<Cell> cell(String owner, String environment) {
            return Optional.ofNullable(cells.get(Column.key(owner == null ? "" : owner, environment)));
        }
    }

    public Optional<Row> row(String project) {
        return rows.stream().filter(r -> Names.key(r.project()).equals(Names.key(project))).findFirst();
    }

    /** Nothing deployed anywhere yet. */
    public boolean noDeployments() {
        return rows.stream().allMatch(r -> r.cells().isEmpty());
    }
}
