package odcm.model.environment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import odcm.model.Names;
import odcm.model.Refusal;

/**
 * How an environment template names its instances: text with {@code #{Name}} in it, e.g. {@code #{Release.Channel}-#{Release.Number}}.
 * <ul>
 * <li>{@code #{Name}} is replaced by the value of Name: {@code Release.Number}, {@code Release.Channel}, {@code Project.Name},
 * {@code Template.Name}, {@code Space.Name}, or one of the template's parameters by its name. Spaces inside the braces are
 * ignored; a name is letters, digits, '.', '_' and '-', compared without regard to letter case.</li>
 * <li>{@code ##{} writes {@code #{} itself; every other character is itself.</li>
 * </ul>
 * The result must be a valid environment name (1 to 60 characters, no ':'): text that never gives one (a ':', more than 60
 * characters besides the names, ending in '(template)') is refused here, and a ':' in a value (an imported project's name,
 * "DevTest Space: Reports") becomes '-'. Each refusal is one sentence naming the expression
 * and, for an unknown name, the names it knows (docs/decisions/0057).
 */
public final class NameExpression {
    public static final int MAX_LENGTH = 200;
    public static final String RELEASE_NUMBER = "Release.Number";
    public static final String RELEASE_CHANNEL = "Release.Channel";
    public static final String PROJECT_NAME = "Project.Name";
    public static final String TEMPLATE_NAME = "Template.Name";
    public static final String SPACE_NAME = "Space.Name";
    /** The names every expression knows, whatever the template's parameters. */
    public static final List<String> BUILT_IN = List.of(RELEASE_NUMBER, RELEASE_CHANNEL, PROJECT_NAME, TEMPLATE_NAME, SPACE_NAME);

    /** A part of the expression: literal text, or a name to replace. */
    private record Part(String text, boolean isName) {
    }

    private final String text;
    private final List<Part> parts;

    private NameExpression(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads {@code text}, refusing a malformed one ("opens #{ … and never closes it", an empty or invalid name) or one that uses a
     * name neither built in nor among {@code parameters}.
     */
    public static NameExpression parse(String text, Iterable<String> parameters) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new Refusal("A template's name expression is empty; write e.g. '#{Release.Channel}-#{Release.Number}'.");
        }
        if (t.length() > MAX_LENGTH) {
            throw new Refusal("A template's name expression is at most " + MAX_LENGTH + " characters; this one has " + t.length() + ".");
        }
        Names.value("A template's name expression", t, false);
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            if (t.startsWith("##{", i)) {
                literal.append("#{");
                i += 3;
            } else if (t.startsWith("#{", i)) {
                int close = t.indexOf('}', i + 2);
                if (close < 0) {
                    throw new Refusal("The name expression '" + t + "' opens #{ at character " + (i + 1) + " and never closes it with }.");
                }
                String name = t.substring(i + 2, close).strip();
                if (name.isEmpty()) {
                    throw new Refusal("The name expression '" + t + "' has an empty #{} at character " + (i + 1) + "; put a name inside, e.g. #{Release.Number}.");
                }
                if (!name.matches("[\\p{L}\\p{N}._-]+")) {
                    throw new Refusal("The name expression '" + t + "' has '" + name + "' inside #{} at character " + (i + 1)
                            + "; a name is letters, digits, '.', '_' and '-'.");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(known(t, name, parameters), true));
                i = close + 1;
            } else {
                literal.append(t.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), false));
        }
        String fixed = parts.stream().filter(p -> !p.isName()).map(Part::text).collect(java.util.stream.Collectors.joining());
        if (fixed.indexOf(':') >= 0) {
            throw new Refusal("The name expression '" + t + "' has ':' in its text, which no environment name has.");
        }
        if (fixed.strip().length() > Environment.MAX_NAME) {
            throw new Refusal("The name expression '" + t + "' has " + fixed.strip().length() + " characters of text besides its #{} names; an environment name has at most "
                    + Environment.MAX_NAME + ".");
        }
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).isName() && Names.key(t).endsWith("(template)")) {
            throw new Refusal("The name expression '" + t + "' ends in '(template)', which no environment name may (it names a template's instances as a scope).");
        }
        return new NameExpression(t, parts);
    }

    /** The name as the template knows it (its spelling), or a refusal naming what is known. */
    private static String known(String expression, String name, Iterable<String> parameters) {
        Set<String> all = new LinkedHashSet<>(BUILT_IN);
        parameters.forEach(all::add);
        for (String k : all) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        List<String> params = new ArrayList<>(all);
        params.removeAll(BUILT_IN);
        throw new Refusal("The name expression '" + expression + "' uses #{" + name + "}, which is not a name it knows; it knows "
                + String.join(", ", BUILT_IN) + (params.isEmpty() ? " (the template has no parameters)" : " and the parameters " + String.join(", ", params)) + ".");
    }

    public String text() {
        return text;
    }

    /** The names it uses, in order, once each. */
    public List<String> names() {
        return parts.stream().filter(Part::isName).map(Part::text).distinct().toList();
    }

    /** Whether it names something of a release (Release.*, Project.Name), which a manual instance has no value for. */
    public boolean needsRelease() {
        return names().stream().anyMatch(n -> n.startsWith("Release.") || n.equals(PROJECT_NAME));
    }

    /**
     * The environment name for {@code values} (by name, as {@link #names()} spells them), checked as an environment name. A name
     * without a value is refused: outside a release, Release.* and Project.Name have none.
     */
    public String evaluate(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (!p.isName()) {
                out.append(p.text());
                continue;
            }
            String v = values.get(p.text());
            if (v == null) {
                throw new Refusal("The name expression '" + text + "' uses #{" + p.text() + "}, which has no value "
                        + (p.text().startsWith("Release.") || p.text().equals(PROJECT_NAME) ? "outside a release; give the instance a name." : "here."));
            }
            out.append(v.replace(": ", "-").replace(':', '-')); // "DevTest Space: Reports" (an imported project) gives "DevTest Space-Reports"
        }
        String name = out.toString().strip();
        try {
            return Environment.checkName(name);
        } catch (Refusal r) {
            throw new Refusal("The name expression '" + text + "' gives '" + name + "', which is no environment name: " + r.getMessage());
        }
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameExpression e && e.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
