package odcm.model.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import odcm.model.Names;

/**
 * What changed from one release snapshot to the next, counted per kind: packages (by id), steps (by name), variables
 * (by name and scope) and templates (by name). A changed sensitive value counts as changed without being shown.
 */
public record SnapshotChanges(Counts packages, Counts steps, Counts variables, Counts templates) {
    public record Counts(int added, int removed, int changed) {
        public boolean none() {
            return added == 0 && removed == 0 && changed == 0;
        }

        @Override
        public String toString() {
            return added + " added, " + removed + " removed, " + changed + " changed";
        }
    }

    public static SnapshotChanges between(ReleaseSnapshot before, ReleaseSnapshot after) {
        return new SnapshotChanges(
                counts(before.packages(), after.packages(), p -> Names.key(p.packageId())),
                counts(before.process(), after.process(), s -> Names.key(s.name())),
                counts(before.variables(), after.variables(), v -> Names.key(v.name()) + "\n" + v.scope().environments().stream().map(Names::key).sorted().toList()),
                counts(before.templates(), after.templates(), t -> Names.key(t.name())));
    }

    public boolean none() {
        return packages.none() && steps.none() && variables.none() && templates.none();
    }

    /** "packages 1 added, 0 removed, 1 changed; steps …". */
    public String words() {
        return "packages " + packages + "; steps " + steps + "; variables " + variables + "; templates " + templates;
    }

    private static <T> Counts counts(List<T> before, List<T> after, Function<T, String> key) {
        Map<String, T> old = new LinkedHashMap<>();
        before.forEach(b -> old.putIfAbsent(key.apply(b), b));
        Map<String, T> now = new LinkedHashMap<>();
        after.forEach(a -> now.putIfAbsent(key.apply(a), a));
        int added = 0;
        int changed = 0;
        for (Map.Entry<String, T> e : now.entrySet()) {
            T was = old.get(e.getKey());
            if (was == null) {
                added++;
            } else if (!Objects.equals(was, e.getValue())) {
                changed++;
            }
        }
        int removed = (int) old.keySet().stream().filter(k -> !now.containsKey(k)).count();
        return new Counts(added, removed, changed);
    }
}
