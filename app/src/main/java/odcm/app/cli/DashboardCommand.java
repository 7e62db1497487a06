package odcm.app.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.Dashboard.Cell;
import odcm.model.dashboard.Dashboard.Column;
import odcm.model.dashboard.Dashboard.Row;
import odcm.model.dashboard.Dashboard.Source;
import odcm.model.dashboard.DashboardText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dashboard --space S [--json]}: where each project's releases are, here and in other spaces. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, description = {"Show a space's dashboard: a row per project, a column per",
        "environment (local, then remote, in lifecycle order), each cell the latest release there, its outcome (✓/✗) and age;",
        "where the space uses a package store, how many packages of each release shown are not present (a look, nothing hashed)."})
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand
    OdcmCommand root;

    @Option(names = "--space", required = true, paramLabel = "SPACE")
    String space;

    @Option(names = "--json", description = "print the dashboard as JSON")
    boolean json;

    @Override
    public Integer call() {
        Dashboard d = root.cli.reading(root.store, ctx -> ctx.dashboards().withPackages(space));
        if (json) {
            root.cli.printJson(json(d));
        } else {
            text(d, ZoneId.systemDefault()).forEach(root.cli.out()::println);
        }
        return 0;
    }

    /** The table, then a legend numbering every source that is not "recorded here": "[1] from a receipt of Prod Space created …". */
    static List<String> text(Dashboard d, ZoneId zone) {
        List<String> out = new ArrayList<>();
        if (d.rows().isEmpty()) {
            out.add("'" + Printed.clean(d.space()) + "' has no projects yet, so its dashboard is empty.");
            return out;
        }
        Map<Source, Integer> notes = new LinkedHashMap<>();
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("Project"));
        d.columns().forEach(c -> header.add(Printed.clean(c.title())));
        table.add(header);
        for (Row r : d.rows()) {
            List<String> line = new ArrayList<>(List.of(Printed.clean(r.project())));
            for (Column c : d.columns()) {
                Optional<Cell> cell = r.cell(c);
                line.add(cell.map(x -> Printed.clean(DashboardText.cell(x, d.asOf())) + (x.local() ? ""
                        : " [" + notes.computeIfAbsent(x.source(), s -> notes.size() + 1) + "]")).orElse("-"));
            }
            table.add(line);
        }
        int[] widths = new int[header.size()];
        table.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        for (List<String> line : table) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                sb.append(i == 0 ? "" : "  ").append(line.get(i)).append(" ".repeat(widths[i] - line.get(i).length()));
            }
            out.add(sb.toString().stripTrailing());
        }
        out.add("");
        out.add("✓ succeeded, ✗ failed, - nothing deployed; ages as of " + DashboardText.time(d.asOf(), zone) + ".");
        notes.forEach((s, n) -> out.add("[" + n + "] " + Printed.clean(s.words(zone))));
        if (d.noDeployments()) {
            out.add("Nothing deployed yet; record a deployment with 'odcm deploy'.");
        }
        if (!d.packages().isEmpty()) {
            out.add(Printed.clean(d.packagesWords()));
        }
        return out;
    }

    static Map<String, Object> json(Dashboard d) {
        List<Object> columns = d.columns().stream().map(c -> (Object) Printed.fields("title", c.title(), "kind", c.kind().name().toLowerCase(java.util.Locale.ROOT),
                "space", c.owner(), "environment", c.environment(), "remoteEnvironmentHere", c.known())).toList();
        List<Object> rows = new ArrayList<>();
        for (Row r : d.rows()) {
            List<Object> cells = new ArrayList<>();
            for (Column c : d.columns()) {
                r.cell(c).ifPresent(x -> cells.add(Printed.fields("column", c.title(), "version", x.version(), "revision", x.revision(),
                        "outcome", x.outcome(), "deployedAt", x.deployedAt().toString(), "deployedBy", x.deployedBy(),
                        "ageSeconds", x.age(d.asOf()).toSeconds(), "source", source(x.source()))));
            }
            rows.add(Printed.fields("project", r.project(), "remote", r.remote(), "cells", cells));
        }
        List<Object> packages = d.packages().stream().map(n -> (Object) Printed.fields("project", n.project(), "release", n.release(),
                "packages", n.packages(), "notPresent", n.notPresent())).toList();
        return Printed.fields("space", d.space(), "asOf", d.asOf().toString(), "columns", columns, "rows", rows, "packages", packages);
    }

    private static Map<String, Object> source(Source s) {
        if (s instanceof Source.Receipt r) {
            return Printed.fields("kind", "receipt", "space", r.reporter(), "receiptCreated", r.receiptCreated().toString());
        }
        if (s instanceof Source.Connected c) {
            return Printed.fields("kind", "connected", "space", c.reporter());
        }
        if (s instanceof Source.Upstream u) {
            return Printed.fields("kind", "upstream", "space", u.space());
        }
        return Printed.fields("kind", "local");
    }
}
