package odcm.app.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Help that is never cut mid-word or mid-sentence: picocli's own wrapping breaks after '/', '-' and '.' (a path, a URL,
 * "SHA-256" across two lines), and shows a description given as several strings one string a line, so a sentence
 * continued in the next string ended its line half way. Here picocli lays out each section on one long line, which is
 * then wrapped at spaces only, to the terminal's width ({@code COLUMNS}) or 80, continuation lines indented as picocli
 * indents them; a description's strings that do not end a sentence are joined with the next.
 */
final class HelpText {
    /** The width picocli lays out at: wider than any line, so only {@link #wrap} breaks lines. */
    private static final int UNWRAPPED = 10_000;
    static final int DEFAULT_WIDTH = 80;

    private HelpText() {
    }

    /** The terminal's width as the shell exports it ({@code COLUMNS}, 60 to 240), else 80. */
    static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return Math.max(60, Math.min(240, columns));
        } catch (NumberFormatException none) {
            return DEFAULT_WIDTH;
        }
    }

    /** Makes the help of {@code root} and every command under it wrap at spaces to {@code width}. */
    static void wrapAtSpaces(CommandLine root, int width) {
        root.setUsageHelpWidth(UNWRAPPED);
        Set<CommandLine> done = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CommandLine> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.remove(todo.size() - 1);
            if (done.add(cl)) {
                cl.getCommandSpec().usageMessage().description(sentences(cl.getCommandSpec().usageMessage().description()));
                Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(cl.getHelpSectionMap());
                sections.replaceAll((key, section) -> new Wrapped(key, section, width));
                cl.setHelpSectionMap(sections);
                todo.addAll(cl.getSubcommands().values());
            }
        }
    }

    /**
     * A section laid out by picocli on one line, wrapped at spaces. A class rather than a lambda: a lambda of picocli's
     * (Java 5) interface leaves picocli's help classes out of the class-data archive (see Cli.Handlers).
     */
    private record Wrapped(String key, IHelpSectionRenderer section, int width) implements IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            return key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)
                    ? synopsis(section.render(help), help.synopsisHeading().length(), help.commandSpec().qualifiedName().length() + 1, width)
                    : wrap(section.render(help), width, -1);
        }
    }

    /**
     * The synopsis follows its heading ("Usage: ") on the same line: wrapped as if the heading were there, continuations
     * under the first option (after the command's name).
     */
    private static String synopsis(String text, int heading, int name, int width) {
        return wrap(" ".repeat(heading) + text, width, heading + name).substring(heading);
    }

    /** A description's strings, each that does not end a sentence (with '.', '!' or '?') joined with the next. */
    static String[] sentences(String[] strings) {
        List<String> out = new ArrayList<>();
        StringBuilder open = new StringBuilder();
        for (String s : strings) {
            if (open.length() > 0 && !s.isEmpty()) {
                open.append(' ');
            }
            open.append(s.strip());
            if (s.isEmpty() || s.strip().matches(".*[.!?]\\)?$")) {
                out.add(open.toString());
                open.setLength(0);
            }
        }
        if (open.length() > 0) {
            out.add(open.toString());
        }
        return out.toArray(String[]::new);
    }

    /**
     * Each line of {@code text} wrapped at spaces to {@code width}. A continuation is indented by {@code hanging} when it
     * is not negative, else two more than the column after the line's first gap of two or more spaces (an option's or a
     * command's description, as picocli indents it), else as the line is. A word longer than a line stays whole.
     */
    static String wrap(String text, int width, int hanging) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(wrapLine(lines[i], width, hanging));
        }
        return out.toString();
    }

    private static String wrapLine(String line, int width, int hanging) {
        if (line.length() <= width) {
            return line; // as it is: a heading's trailing space ("Usage: ") belongs to it
        }
        String trimmed = line.stripTrailing();
        int lead = trimmed.length() - trimmed.stripLeading().length();
        int indent = hanging >= 0 ? hanging : lead;
        if (hanging < 0) {
            java.util.regex.Matcher gap = java.util.regex.Pattern.compile("\\S {2,}(?=\\S)").matcher(trimmed);
            if (gap.find(lead) && gap.end() + 2 < width / 2) {
                indent = gap.end() + 2;
            }
        }
        StringBuilder out = new StringBuilder();
        StringBuilder current = new StringBuilder(trimmed.substring(0, lead));
        boolean empty = true;
        // the first line keeps its own spacing up to the gap (an option's column); words after it are wrapped
        for (String word : trimmed.substring(lead).split(" ", -1)) {
            int add = (empty ? 0 : 1) + word.length();
            if (!empty && current.length() + add > width) {
                out.append(current.toString().stripTrailing()).append('\n');
                current = new StringBuilder(" ".repeat(indent));
                empty = true;
                add = word.length();
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = empty && word.isEmpty() ? true : false;
        }
        out.append(current.toString().stripTrailing());
        return out.toString();
    }
}
