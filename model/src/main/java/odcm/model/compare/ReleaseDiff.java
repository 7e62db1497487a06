package odcm.model.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.release.ReleaseSnapshot;

/**
 * What changed from one release of a project to another, structurally: steps, variables, templates and packages
 * matched by name (see docs/decisions/0010-release-comparison.md).
 * <ul>
 *   <li>Steps by name (case-insensitive; the n-th of a repeated name with the n-th). A step is moved when its
 *   relative order changed: the steps in a longest run kept in order stay, the others moved, so one step moved
 *   up does not flag every step it passed.</li>
 *   <li>Variables by name and scope; a name left with exactly one unmatched value on each side is the same
 *   variable with its scope changed. A sensitive value (on either side) is compared but never shown: its change
 *   says "changed" with both sides masked.</li>
 *   <li>Templates by name, packages by id.</li>
 * </ul>
 */
public final class ReleaseDiff {
    /** The release metadata of one side. */
    public record Side(String version, String channel, java.time.Instant createdAt, String notes) {
        public static Side of(Release r) {
            return new Side(r.version(), r.channel(), r.createdAt(), r.notes());
        }
    }

    private final String project;
    private final Side from;
    private final Side to;
    /** Templates and packages, made at once; steps and variables: their changes at once, every entry when first asked. */
    private final Map<Section, List<Entry>> sections = new EnumMap<>(Section.class);
    private final Steps steps;
    private final Variables variables;
    private final Map<Section, List<Entry>> changesBySection = new EnumMap<>(Section.class);
    private final int[][] counts = new int[Section.values().length][Change.values().length];
    private final List<Entry> changes;
    private final int moved;
    private List<Entry> entries;

    private ReleaseDiff(String project, Side from, Side to, Steps steps, Variables variables, List<Entry> templates, List<Entry> packages) {
        this.project = project;
        this.from = from;
        this.to = to;
        this.steps = steps;
        this.variables = variables;
        sections.put(Section.TEMPLATES, List.copyOf(templates));
        sections.put(Section.PACKAGES, List.copyOf(packages));
        List<Entry> changed = new ArrayList<>();
        int m = 0;
        for (Section s : Section.values()) {
            List<Entry> inSection = new ArrayList<>();
            if (s == Section.VARIABLES) {
                inSection.addAll(variables.changes);
                System.arraycopy(variables.counts, 0, counts[s.ordinal()], 0, variables.counts.length);
            } else {
                for (Entry e : s == Section.PROCESS ? java.util.Arrays.asList(steps.entries) : sections.get(s)) {
                    if (e == null) { // an equal step, not moved
                        counts[s.ordinal()][Change.UNCHANGED.ordinal()]++;
                        continue;
                    }
                    counts[s.ordinal()][e.change().ordinal()]++;
                    m += e.moved() ? 1 : 0;
                    if (e.isChange()) {
                        inSection.add(e);
                    }
                }
            }
            changesBySection.put(s, List.copyOf(inSection));
            changed.addAll(inSection);
        }
        this.changes = List.copyOf(changed);
        this.moved = m;
    }

    public static ReleaseDiff of(Release from, Release to) {
        return of(from.projectName(), Side.of(from), from.snapshot(), Side.of(to), to.snapshot());
    }

    public static ReleaseDiff of(String project, Side from, ReleaseSnapshot a, Side to, ReleaseSnapshot b) {
        return new ReleaseDiff(project, from, to, steps(a.process(), b.process()), new Variables(a.variables(), b.variables()),
                templates(a.templates(), b.templates()), packages(a.packages(), b.packages()));
    }

    public String project() {
        return project;
    }

    public Side from() {
        return from;
    }

    public Side to() {
        return to;
    }

    /** Every item of both releases, by section, changed or not. */
    public synchronized List<Entry> entries() {
        if (entries == null) {
            List<Entry> all = new ArrayList<>();
            for (Section s : Section.values()) {
                all.addAll(section(s));
            }
            entries = List.copyOf(all);
        }
        return entries;
    }

    /** The items added, removed, changed or moved, in the order of {@link #entries()}. */
    public List<Entry> changes() {
        return changes;
    }

    /** Every item of one section, changed or not; the unchanged variables are made on the first call. */
    public List<Entry> section(Section s) {
        return s == Section.VARIABLES ? variables.all() : s == Section.PROCESS ? steps.all() : sections.get(s);
    }

    /** The items of one section that are a change, in the order of {@link #section}: {@code section(s)} filtered by {@link Entry#isChange}. */
    public List<Entry> changes(Section s) {
        return changesBySection.get(s);
    }

    public int count(Section s, Change c) {
        return counts[s.ordinal()][c.ordinal()];
    }

    public int moved() {
        return moved;
    }

    /** "2 steps added, 1 changed, 1 moved, 1 variable changed, 2 packages changed" or "No changes." */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (Section s : Section.values()) {
            List<String> counts = new ArrayList<>();
            for (Change c : List.of(Change.ADDED, Change.REMOVED, Change.CHANGED)) {
                int n = count(s, c);
                if (n > 0) {
                    counts.add((counts.isEmpty() ? s.count(n) : Integer.toString(n)) + " " + c.words());
                }
            }
            if (s == Section.PROCESS && moved() > 0) {
                counts.add((counts.isEmpty() ? s.count(moved()) : Integer.toString(moved())) + " moved");
            }
            parts.addAll(counts);
        }
        return parts.isEmpty() ? "No changes." : String.join(", ", parts) + ".";
    }

    // ---- steps

    /** A name ignoring case, as everything is matched. */
    private static NameKey key(String name) {
        return new NameKey(name.strip(), "");
    }

    /** Keys (name, "n") so a repeated step name matches its n-th occurrence on the other side. */
    private static List<NameKey> stepKeys(List<DeploymentStep> steps) {
        Map<NameKey, Integer> seen = new HashMap<>(steps.size() * 2);
        List<NameKey> keys = new ArrayList<>(steps.size());
        for (DeploymentStep s : steps) {
            int n = seen.merge(key(s.name()), 1, Integer::sum);
            keys.add(new NameKey(s.name().strip(), Integer.toString(n)));
        }
        return keys;
    }

    static Steps steps(List<DeploymentStep> a, List<DeploymentStep> b) {
        List<NameKey> keysA = stepKeys(a);
        List<NameKey> keysB = stepKeys(b);
        Map<NameKey, Integer> indexB = new HashMap<>(keysB.size() * 2);
        for (int j = 0; j < keysB.size(); j++) {
            indexB.put(keysB.get(j), j);
        }
        // Matched steps in FROM order, and their positions in TO: those off a longest increasing run moved.
        int[] matchedA = new int[a.size()];
        int[] positionsB = new int[a.size()];
        int matched = 0;
        int[] matchOfB = new int[b.size()];
        java.util.Arrays.fill(matchOfB, -1);
        for (int i = 0; i < keysA.size(); i++) {
            Integer j = indexB.get(keysA.get(i));
            if (j != null) {
                matchedA[matched] = i;
                positionsB[matched] = j;
                matchOfB[j] = i;
                matched++;
            }
        }
        boolean[] kept = Sequences.longestIncreasing(java.util.Arrays.copyOf(positionsB, matched));
        boolean[] movedA = new boolean[a.size()];
        for (int k = 0; k < matched; k++) {
            movedA[matchedA[k]] = !kept[k];
        }
        // In TO order; a removed step right after the FROM step it followed (or first).
        Map<Integer, List<int[]>> removedAfter = new HashMap<>(); // FROM index of the previous matched step (-1: none) → removed
        int lastMatched = -1;
        for (int i = 0; i < a.size(); i++) {
            if (!indexB.containsKey(keysA.get(i))) {
                removedAfter.computeIfAbsent(lastMatched, x -> new ArrayList<>()).add(new int[] {i, -1, 0});
            } else {
                lastMatched = i;
            }
        }
        List<int[]> out = new ArrayList<>(removedAfter.getOrDefault(-1, List.of()));
        for (int j = 0; j < b.size(); j++) {
            int i = matchOfB[j];
            out.add(new int[] {i, j, i >= 0 && movedA[i] ? 1 : 0});
            if (i >= 0) {
                out.addAll(removedAfter.getOrDefault(i, List.of()));
            }
        }
        return new Steps(a, b, out);
    }

    /**
     * The steps in order as (FROM index, TO index, moved), -1 where absent. A pair of equal steps that did not move
     * is unchanged in every field, so its entry is made only when every entry is asked for, as for variables.
     */
    static final class Steps {
        private final List<DeploymentStep> a;
        private final List<DeploymentStep> b;
        private final List<int[]> made;
        /** The entry of each made step; null for an unchanged one until {@link #all} is asked for. */
        final Entry[] entries;
        private List<Entry> all;

        Steps(List<DeploymentStep> a, List<DeploymentStep> b, List<int[]> made) {
            this.a = a;
            this.b = b;
            this.made = made;
            this.entries = new Entry[made.size()];
            for (int k = 0; k < entries.length; k++) {
                int[] m = made.get(k);
                if (m[0] < 0 || m[1] < 0 || m[2] == 1 || !a.get(m[0]).equals(b.get(m[1]))) {
                    entries[k] = entry(m);
                }
            }
        }

        private Entry entry(int[] m) {
            return step(m[0] < 0 ? null : a.get(m[0]), m[1] < 0 ? null : b.get(m[1]), m[0] + 1, m[1] + 1, m[2] == 1);
        }

        synchronized List<Entry> all() {
            if (all == null) {
                List<Entry> every = new ArrayList<>(entries.length);
                for (int k = 0; k < entries.length; k++) {
                    every.add(entries[k] != null ? entries[k] : entry(made.get(k)));
                }
                all = List.copyOf(every);
            }
            return all;
        }
    }

    private static Entry step(DeploymentStep a, DeploymentStep b, int fromPos, int toPos, boolean moved) {
        List<FieldChange> fields = new ArrayList<>();
        fields.add(field("Action type", a == null ? null : a.actionType(), b == null ? null : b.actionType()));
        fields.add(field("Scope", a == null ? null : a.scope().toString(), b == null ? null : b.scope().toString()));
        fields.add(field("Packages", a == null ? null : packages(a), b == null ? null : packages(b)));
        Set<String> properties = new LinkedHashSet<>();
        if (a != null) {
            properties.addAll(a.properties().keySet());
        }
        if (b != null) {
            properties.addAll(b.properties().keySet());
        }
        for (String p : properties) {
            fields.add(field("Property " + p, a == null ? null : a.properties().get(p), b == null ? null : b.properties().get(p)));
        }
        DeploymentStep any = b != null ? b : a;
        return entry(Section.PROCESS, any.name(), a != null, b != null, fromPos, toPos, moved, fields);
    }

    private static String packages(DeploymentStep s) {
        return s.packages().isEmpty() ? "none" : String.join(", ", s.packages().stream().map(PackageReference::packageId).toList());
    }

    // ---- variables

    /**
     * The variables matched: by name and scope; then a name left with exactly one unmatched value on each side is the
     * same variable with its scope changed. Sorted by name ignoring case, then position. A pair of equal variables is
     * unchanged, so its entry is made only when every entry is asked for (the console's "everything", {@code --all}):
     * the changes alone are sorted the same way, so they keep the order they have among every entry.
     */
    static final class Variables {
        private final List<Variable> a;
        private final List<Variable> b;
        /** (FROM index, TO index), -1 where absent, in the order the entries are made before sorting. */
        private final List<int[]> made = new ArrayList<>();
        final List<Entry> changes;
        final int[] counts = new int[Change.values().length];
        private List<Entry> all;

        Variables(List<Variable> a, List<Variable> b) {
            this.a = a;
            this.b = b;
            Map<NameKey, List<Integer>> unmatchedA = new LinkedHashMap<>(); // name key → indexes not matched exactly
            Map<NameKey, List<Integer>> unmatchedB = new LinkedHashMap<>();
            Map<NameKey, Integer> exactB = new HashMap<>(b.size() * 2);
            for (int j = 0; j < b.size(); j++) {
                exactB.putIfAbsent(variableKey(b.get(j)), j);
            }
            boolean[] usedB = new boolean[b.size()];
            for (int i = 0; i < a.size(); i++) {
                Integer j = exactB.get(variableKey(a.get(i)));
                if (j != null && !usedB[j]) {
                    usedB[j] = true;
                    made.add(new int[] {i, j});
                } else {
                    unmatchedA.computeIfAbsent(key(a.get(i).name()), k -> new ArrayList<>()).add(i);
                }
            }
            for (int j = 0; j < b.size(); j++) {
                if (!usedB[j]) {
                    unmatchedB.computeIfAbsent(key(b.get(j).name()), k -> new ArrayList<>()).add(j);
                }
            }
            for (Map.Entry<NameKey, List<Integer>> e : unmatchedA.entrySet()) {
                List<Integer> other = unmatchedB.getOrDefault(e.getKey(), List.of());
                if (e.getValue().size() == 1 && other.size() == 1) { // unambiguous: the same variable, its scope changed
                    made.add(new int[] {e.getValue().get(0), other.get(0)});
                    unmatchedB.remove(e.getKey());
                } else {
                    e.getValue().forEach(i -> made.add(new int[] {i, -1}));
                }
            }
            unmatchedB.values().forEach(js -> js.forEach(j -> made.add(new int[] {-1, j})));
            List<Entry> changed = new ArrayList<>();
            for (int[] m : made) {
                if (m[0] >= 0 && m[1] >= 0 && same(a.get(m[0]), b.get(m[1]))) {
                    counts[Change.UNCHANGED.ordinal()]++; // same name, value, sensitivity and scope: every field unchanged
                    continue;
                }
                Entry e = entry(m);
                counts[e.change().ordinal()]++;
                if (e.isChange()) {
                    changed.add(e);
                }
            }
            this.changes = sorted(changed);
        }

        /** {@link Variable#equals}, spelt out: the record's generated equals costs more than the comparison at this size. */
        private static boolean same(Variable x, Variable y) {
            return x.sensitive() == y.sensitive() && x.name().equals(y.name()) && x.value().equals(y.value()) && x.scope().equals(y.scope());
        }

        synchronized List<Entry> all() {
            if (all == null) {
                List<Entry> every = new ArrayList<>(made.size());
                made.forEach(m -> every.add(entry(m)));
                all = sorted(every);
            }
            return all;
        }

        private Entry entry(int[] m) {
            return variable(m[0] < 0 ? null : a.get(m[0]), m[1] < 0 ? null : b.get(m[1]), m[0] + 1, m[1] + 1);
        }

        /** By name ignoring case, then position; each name lowered once, not at every comparison. */
        private static List<Entry> sorted(List<Entry> entries) {
            List<Map.Entry<String, Entry>> keyed = new ArrayList<>(entries.size());
            entries.forEach(x -> keyed.add(Map.entry(x.name().toLowerCase(Locale.ROOT), x)));
            keyed.sort(Map.Entry.<String, Entry>comparingByKey().thenComparingInt(x -> x.getValue().toPosition())
                    .thenComparingInt(x -> x.getValue().fromPosition()));
            return keyed.stream().map(Map.Entry::getValue).toList();
        }
    }

    /** A variable's name and scope ignoring case: the scope's environments joined by "\n". */
    private static NameKey variableKey(Variable v) {
        List<String> scope = v.scope().environments();
        return new NameKey(v.name().strip(), scope.isEmpty() ? "" : scope.size() == 1 ? scope.get(0) : String.join("\n", scope));
    }

    /**
     * A name and what qualifies it (a variable's scope, a step's occurrence), both ignoring case: equal exactly when
     * both, lowered ({@code toLowerCase(Locale.ROOT)}), are. For speed, a string of ASCII only is lowered as it is
     * compared and hashed, not copied; any other string is lowered once.
     */
    private static final class NameKey {
        private final String name; // as it is when ASCII, else already lowered
        private final String qualifier; // likewise
        private final boolean asciiName;
        private final boolean asciiQualifier;
        private final int hash;

        NameKey(String name, String qualifier) {
            this.asciiName = ascii(name);
            this.name = asciiName ? name : name.toLowerCase(Locale.ROOT);
            this.asciiQualifier = ascii(qualifier);
            this.qualifier = asciiQualifier ? qualifier : qualifier.toLowerCase(Locale.ROOT);
            this.hash = 31 * hash(this.name, asciiName) + hash(this.qualifier, asciiQualifier);
        }

        private static boolean ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        /** The i-th character of the lowered string. */
        private static char lowered(String s, boolean ascii, int i) {
            char c = s.charAt(i);
            return ascii && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        /** {@link String#hashCode} of the lowered string. */
        private static int hash(String s, boolean ascii) {
            int h = 0;
            for (int i = 0; i < s.length(); i++) {
                h = 31 * h + lowered(s, ascii, i);
            }
            return h;
        }

        private static boolean same(String s, boolean ascii, String t, boolean asciiT) {
            if (s.length() != t.length()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (lowered(s, ascii, i) != lowered(t, asciiT, i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NameKey k && k.hash == hash && same(k.name, k.asciiName, name, asciiName)
                    && same(k.qualifier, k.asciiQualifier, qualifier, asciiQualifier);
        }
    }

    private static Entry variable(Variable a, Variable b, int fromPos, int toPos) {
        boolean sensitive = (a != null && a.sensitive()) || (b != null && b.sensitive());
        List<FieldChange> fields = List.of(
                new FieldChange("Value", a == null ? null : new Value(a.value(), sensitive), b == null ? null : new Value(b.value(), sensitive)),
                field("Sensitive", a == null ? null : yesNo(a.sensitive()), b == null ? null : yesNo(b.sensitive())),
                field("Scope", a == null ? null : a.scope().toString(), b == null ? null : b.scope().toString()));
        Variable any = b != null ? b : a;
        String name = any.name() + (a != null && b != null && !a.scope().equals(b.scope()) ? "" : " (" + any.scope() + ")");
        return entry(Section.VARIABLES, name, a != null, b != null, fromPos, toPos, false, fields);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    // ---- templates and packages

    static List<Entry> templates(List<VariableTemplate> a, List<VariableTemplate> b) {
        return byName(Section.TEMPLATES, a, b, VariableTemplate::name, (x, y, i, j) -> {
            List<FieldChange> fields = List.of(
                    field("Label", x == null ? null : x.label(), y == null ? null : y.label()),
                    field("Help text", x == null ? null : x.helpText(), y == null ? null : y.helpText()),
                    field("Type", x == null ? null : x.type().words(), y == null ? null : y.type().words()),
                    field("Options", x == null ? null : String.join(", ", x.options()), y == null ? null : String.join(", ", y.options())),
                    field("Mandatory", x == null ? null : (x.mandatory() ? "mandatory" : "optional"),
                            y == null ? null : (y.mandatory() ? "mandatory" : "optional")),
                    field("Default", x == null ? null : x.defaultValue(), y == null ? null : y.defaultValue()));
            return entry(Section.TEMPLATES, (y != null ? y : x).name(), x != null, y != null, i, j, false, fields);
        });
    }

    static List<Entry> packages(List<PackageVersion> a, List<PackageVersion> b) {
        return byName(Section.PACKAGES, a, b, PackageVersion::packageId, (x, y, i, j) -> entry(Section.PACKAGES,
                (y != null ? y : x).packageId(), x != null, y != null, i, j, false, List.of(
                        field("Version", x == null ? null : x.version(), y == null ? null : y.version()),
                        field("SHA-256", x == null ? null : x.sha256(), y == null ? null : y.sha256()))));
    }

    private interface Pairing<T> {
        Entry entry(T from, T to, int fromPos, int toPos);
    }

    /** In TO order, the removed ones last. */
    private static <T> List<Entry> byName(Section s, List<T> a, List<T> b, java.util.function.Function<T, String> name, Pairing<T> pairing) {
        Map<NameKey, Integer> indexA = new HashMap<>(a.size() * 2);
        for (int i = 0; i < a.size(); i++) {
            indexA.putIfAbsent(key(name.apply(a.get(i))), i);
        }
        boolean[] usedA = new boolean[a.size()];
        List<Entry> out = new ArrayList<>();
        for (int j = 0; j < b.size(); j++) {
            Integer i = indexA.get(key(name.apply(b.get(j))));
            if (i != null && !usedA[i]) {
                usedA[i] = true;
                out.add(pairing.entry(a.get(i), b.get(j), i + 1, j + 1));
            } else {
                out.add(pairing.entry(null, b.get(j), 0, j + 1));
            }
        }
        for (int i = 0; i < a.size(); i++) {
            if (!usedA[i]) {
                out.add(pairing.entry(a.get(i), null, i + 1, 0));
            }
        }
        return out;
    }

    // ---- shared

    private static FieldChange field(String name, String from, String to) {
        return new FieldChange(name, from == null ? null : Value.of(from), to == null ? null : Value.of(to));
    }

    private static Entry entry(Section s, String name, boolean inFrom, boolean inTo, int fromPos, int toPos, boolean moved,
                               List<FieldChange> fields) {
        Change c = !inFrom ? Change.ADDED : !inTo ? Change.REMOVED : Change.UNCHANGED;
        for (int i = 0; c == Change.UNCHANGED && i < fields.size(); i++) {
            c = fields.get(i).changed() ? Change.CHANGED : c;
        }
        return new Entry(s, name, c, moved, fromPos, toPos, fields);
    }

    /** Counts per section and change, for renderers that show a table of them. */
    public Map<Section, Map<Change, Integer>> counts() {
        Map<Section, Map<Change, Integer>> m = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            Map<Change, Integer> c = new EnumMap<>(Change.class);
            for (Change ch : Change.values()) {
                c.put(ch, count(s, ch));
            }
            m.put(s, c);
        }
        return m;
    }
}
