package odcm.model.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import odcm.model.Names;
import odcm.model.dashboard.Dashboard.Cell;
import odcm.model.dashboard.Dashboard.Column;
import odcm.model.dashboard.Dashboard.ColumnKind;
import odcm.model.dashboard.Dashboard.Row;
import odcm.model.dashboard.Dashboard.Source;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;

/**
 * Builds a {@link Dashboard} from plain inputs: the space's environments, remote environments and lifecycles, its projects,
 * and every deployment known (recorded here, reported by other spaces, carried in bundles). Pure.
 *
 * <p><b>Columns</b>: local environments, then remote environments, each in <em>lifecycle order</em>: an environment comes
 * after every environment that an earlier phase of any of the space's lifecycles holds (lifecycles taken default first, then
 * as given); ties, and the order a contradiction between two lifecycles leaves open, go by first mention (lifecycles in that
 * order, phases in order, members in order). Environments no lifecycle holds follow in the order given. Then environments
 * that only a report named (no remote environment here), by owner then name; then the upstream environments of imported
 * projects, by their earliest known deployment.
 *
 * <p><b>Cells</b>: the deployment with the latest {@code deployedAt} wins; at the same instant a deployment recorded here
 * beats one reported directly, which beats a receipt, which beats bundle history; then the one given first.
 */
public final class DashboardBuilder {
    private final String space;
    private final Instant asOf;
    private final List<String> localEnvironments = new ArrayList<>();
    private final List<String[]> remoteEnvironments = new ArrayList<>();
    private final List<Lifecycle> lifecycles = new ArrayList<>();
    private final Map<String, Boolean> projects = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String project, ColumnKind kind, String owner, String environment, Cell cell, int order) {
    }

    public DashboardBuilder(String space, Instant asOf) {
        this.space = space;
        this.asOf = asOf;
    }

    /** The space's environments, in the order they were created. */
    public DashboardBuilder environments(List<String> names) {
        localEnvironments.addAll(names);
        return this;
    }

    /** A remote environment of the space: {@code environment} owned by {@code owner}. */
    public DashboardBuilder remoteEnvironment(String owner, String environment) {
        remoteEnvironments.add(new String[] {owner, environment});
        return this;
    }

    public DashboardBuilder lifecycles(List<Lifecycle> all) {
        lifecycles.addAll(all);
        return this;
    }

    /** A project of the space; {@code remote} when it was imported from another space. */
    public DashboardBuilder project(String name, boolean remote) {
        projects.put(name, remote);
        return this;
    }

    /** A deployment recorded here, to environment {@code environment} of this space. */
    public DashboardBuilder local(String project, String environment, String version, int revision, boolean succeeded, Instant at, String by) {
        return add(project, ColumnKind.LOCAL, space, environment, new Cell(version, revision, succeeded, at, by, new Source.Local()));
    }

    /**
     * What {@code reporter} says of a release of the project in its environment {@code environment}: from a receipt created at
     * {@code receiptCreated}, or directly (a space of this console) when that is null.
     */
    public DashboardBuilder reported(String project, String reporter, String environment, String version, int revision, boolean succeeded,
                                     Instant at, String by, Instant receiptCreated) {
        Source source = receiptCreated == null ? new Source.Connected(reporter) : new Source.Receipt(reporter, receiptCreated);
        return add(project, ColumnKind.REMOTE, reporter, environment, new Cell(version, revision, succeeded, at, by, source));
    }

    /** A deployment the bundle of an imported release carried: done in {@code space}'s {@code environment} before it came here. */
    public DashboardBuilder upstream(String project, String space, String environment, String version, int revision, boolean succeeded,
                                     Instant at) {
        return add(project, ColumnKind.UPSTREAM, space, environment, new Cell(version, revision, succeeded, at, "", new Source.Upstream(space)));
    }

    private DashboardBuilder add(String project, ColumnKind kind, String owner, String environment, Cell cell) {
        entries.add(new Entry(project, kind, owner, environment, cell, entries.size()));
        return this;
    }

    public Dashboard build() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String e : lifecycleOrder(localEnvironments, m -> m instanceof PhaseMember.LocalEnvironment l ? l.name() : null)) {
            put(columns, new Column(ColumnKind.LOCAL, space, e, true));
        }
        entries.stream().filter(e -> e.kind() == ColumnKind.LOCAL)
                .forEach(e -> put(columns, new Column(ColumnKind.LOCAL, space, e.environment(), true)));
        Map<String, String[]> remoteByName = new LinkedHashMap<>();
        remoteEnvironments.stream().sorted(Comparator.comparing((String[] r) -> Names.key(r[0])).thenComparing(r -> Names.key(r[1])))
                .forEach(r -> remoteByName.putIfAbsent(Names.key(r[0] + ": " + r[1]), r));
        List<String> remoteNames = remoteByName.values().stream().map(r -> r[0] + ": " + r[1]).toList();
        for (String d : lifecycleOrder(remoteNames, m -> m instanceof PhaseMember.RemoteEnvironmentMember r ? r.displayName() : null)) {
            String[] r = remoteByName.get(Names.key(d));
            put(columns, new Column(ColumnKind.REMOTE, r[0], r[1], true));
        }
        entries.stream().filter(e -> e.kind() == ColumnKind.REMOTE)
                .sorted(Comparator.comparing((Entry e) -> Names.key(e.owner())).thenComparing(e -> Names.key(e.environment())))
                .forEach(e -> put(columns, new Column(ColumnKind.REMOTE, e.owner(), e.environment(), false)));
        entries.stream().filter(e -> e.kind() == ColumnKind.UPSTREAM).sorted(Comparator.comparing((Entry e) -> e.cell().deployedAt())
                        .thenComparingInt(Entry::order))
                .forEach(e -> put(columns, new Column(ColumnKind.UPSTREAM, e.owner(), e.environment(), false)));

        Map<String, Map<String, Entry>> latest = new HashMap<>();
        for (Entry e : entries) {
            String column = Column.key(e.kind() == ColumnKind.LOCAL ? "" : e.owner(), e.environment());
            latest.computeIfAbsent(Names.key(e.project()), p -> new HashMap<>()).merge(column, e, DashboardBuilder::later);
        }
        List<Row> rows = new ArrayList<>();
        projects.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Boolean> p) -> p.getValue()).thenComparing(p -> Names.key(p.getKey())))
                .forEach(p -> {
                    Map<String, Cell> cells = new HashMap<>();
                    latest.getOrDefault(Names.key(p.getKey()), Map.of()).forEach((k, e) -> cells.put(k, e.cell()));
                    rows.add(new Row(p.getKey(), p.getValue(), cells));
                });
        return new Dashboard(space, asOf, List.copyOf(columns.values()), rows);
    }

    private static void put(Map<String, Column> columns, Column c) {
        columns.putIfAbsent(c.key(), c);
    }

    private static Entry later(Entry a, Entry b) {
        int byTime = a.cell().deployedAt().compareTo(b.cell().deployedAt());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        int byRank = Integer.compare(rank(a.cell().source()), rank(b.cell().source()));
        if (byRank != 0) {
            return byRank < 0 ? a : b;
        }
        return a.order() <= b.order() ? a : b;
    }

    private static int rank(Source s) {
        return s instanceof Source.Local ? 0 : s instanceof Source.Connected ? 1 : s instanceof Source.Receipt ? 2 : 3;
    }

    /**
     * {@code names} in lifecycle order: a topological order of "held by an earlier phase" over all lifecycles, ties and
     * cycles settled by first mention; names no lifecycle holds keep their given order at the end.
     */
    private List<String> lifecycleOrder(List<String> names, java.util.function.Function<PhaseMember, String> name) {
        Map<String, String> byKey = new LinkedHashMap<>();
        names.forEach(n -> byKey.putIfAbsent(Names.key(n), n));
        List<Lifecycle> ordered = new ArrayList<>(lifecycles);
        ordered.sort(Comparator.comparing(l -> !l.isDefault()));
        List<String> mention = new ArrayList<>();
        Map<String, java.util.Set<String>> before = new HashMap<>();
        for (Lifecycle l : ordered) {
            List<String> earlier = new ArrayList<>();
            for (Phase p : l.phases()) {
                List<String> here = new ArrayList<>();
                for (PhaseMember m : p.members()) {
                    String n = name.apply(m);
                    if (n == null || !byKey.containsKey(Names.key(n))) {
                        continue;
                    }
                    String k = Names.key(n);
                    if (!mention.contains(k)) {
                        mention.add(k);
                    }
                    before.computeIfAbsent(k, x -> new java.util.HashSet<>()).addAll(earlier);
                    here.add(k);
                }
                earlier.addAll(here);
            }
        }
        before.forEach((k, b) -> b.remove(k));
        List<String> out = new ArrayList<>();
        List<String> open = new ArrayList<>(mention);
        while (!open.isEmpty()) {
            String next = open.stream().filter(k -> before.getOrDefault(k, java.util.Set.of()).stream().noneMatch(open::contains))
                    .findFirst().orElse(open.get(0)); // a cycle between lifecycles: first mention decides
            open.remove(next);
            out.add(byKey.get(next));
        }
        byKey.forEach((k, n) -> {
            if (!mention.contains(k)) {
                out.add(n);
            }
        });
        return out;
    }
}
