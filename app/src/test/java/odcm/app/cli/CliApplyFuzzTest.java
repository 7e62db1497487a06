package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import odcm.app.apply.ApplyService;
import odcm.model.Refusal;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 11 of issue 11 (apply part), and point 7's "a number is not a name": malformed and mistyped apply documents
 * are each refused with one plain sentence naming the file, line, column and path, never a Java class or a parser's
 * feature name, exit 1, and the store unchanged.
 */
class CliApplyFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTERNALS = List.of("odcm.", "java.", "Jackson", "jackson", "FAIL_ON", "$", "`", "Exception", "creator", "POJO",
            "ArrayList", "LinkedHashMap", "START_", "END_", "token");
    private static final Pattern SENTENCE = Pattern.compile("^devtest\\.json line \\d+, column \\d+: [^\\n]+\\.$");

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void space() {
        cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
    }

    /** Every document: every value replaced by each wrong kind, an unknown and a twice-given field in each object. */
    static List<String> mistyped() throws Exception {
        JsonNode doc = JSON.readTree(CliProjectsTest.DOC);
        List<String> out = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        collect(doc, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            JsonNode node = at(doc, path);
            for (String wrong : wrongKinds(node)) {
                JsonNode copy = doc.deepCopy();
                out.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(set(copy, path, JSON.readTree(wrong))));
            }
            if (node.isObject() && node.size() > 0) {
                if (!path.contains("properties")) { // a step's properties are free-form: any key is allowed there
                    JsonNode copy = doc.deepCopy();
                    ((ObjectNode) at(copy, path)).put("colour", "blue");
                    out.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(copy));
                }
                String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
                String first = node.fieldNames().next();
                String marked = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(markFirst(doc.deepCopy(), path));
                out.add(marked.replaceFirst("\"\\u00a7" + Pattern.quote(first) + "\"", "\"" + first + "\": " + JSON.writeValueAsString(node.get(first))
                        + ", \"" + first + "\""));
                assertFalse(text.contains("\u00a7"));
            }
        }
        return out;
    }

    private static List<String> wrongKinds(JsonNode n) {
        if (n.isTextual()) {
            return List.of("123", "1.5", "true", "{}", "[]", "[\"a\"]", "{\"name\": \"a\"}");
        }
        if (n.isBoolean()) {
            return List.of("\"yes\"", "\"true\"", "1", "{}", "[]");
        }
        if (n.isArray()) {
            return List.of("123", "\"x\"", "true", "{}", "{\"name\": \"a\"}", "[7]", "[null]", "[[]]");
        }
        return List.of("123", "\"x\"", "false", "[]", "[{}]");
    }

    private static void collect(JsonNode n, List<Object> path, List<List<Object>> all) {
        all.add(List.copyOf(path));
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                path.add(f.getKey());
                collect(f.getValue(), path, all);
                path.remove(path.size() - 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                path.add(i);
                collect(n.get(i), path, all);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode at(JsonNode n, List<Object> path) {
        for (Object p : path) {
            n = p instanceof Integer i ? n.get(i) : n.get((String) p);
        }
        return n;
    }

    private static JsonNode set(JsonNode root, List<Object> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return root;
    }

    /** The object at path with its first field renamed "§name", so its text can be found and the field given twice. */
    private static JsonNode markFirst(JsonNode root, List<Object> path) {
        ObjectNode o = (ObjectNode) at(root, path);
        String first = o.fieldNames().next();
        ObjectNode renamed = JSON.createObjectNode();
        o.fields().forEachRemaining(f -> renamed.set(f.getKey().equals(first) ? "\u00a7" + first : f.getKey(), f.getValue()));
        return path.isEmpty() ? renamed : set(root, path, renamed);
    }

    static List<String> malformed() {
        String doc = CliProjectsTest.DOC;
        List<String> out = new ArrayList<>();
        for (int cut = 1; cut < doc.strip().length(); cut += 5) {
            out.add(doc.substring(0, cut));
        }
        for (String tail : List.of("x", "{}", "]", "null", "1", "\"a\"", "}", ",", "// comment", "{\"space\": \"X\"}")) {
            out.add(doc.strip() + "\n" + tail);
        }
        out.addAll(List.of("[]", "\"DevTest Space\"", "42", "true", "{\"space\": 7}", "{\"space\": null, \"x\": 1}", "{'space': 'DevTest Space'}",
                "{\"space\": \"DevTest Space\",}", "{\"space\": \"DevTest Space\" \"environments\": []}", "\ufeff{\"space\": 1}", "{\"space\": \"a\\q\"}",
                "{\"environments\": []}", "{\"space\": \"DevTest Space\", \"environments\": [{\"name\": \"A\"}, {}]}"));
        return out;
    }

    /** All documents through the parser the command uses: each a refusal, one sentence, in the document's words. */
    @Test
    void everyMistypedOrMalformedApplyDocumentIsRefusedInPlainWords() throws Exception {
        List<String> docs = new ArrayList<>(mistyped());
        docs.addAll(malformed());
        int located = 0;
        for (String d : docs) {
            String err;
            try {
                ApplyService.parse(d.getBytes(StandardCharsets.UTF_8), "devtest.json");
                throw new AssertionError("accepted:\n" + d);
            } catch (Refusal r) {
                err = r.getMessage();
            }
            assertPlain(err, "document:\n" + d);
            located += SENTENCE.matcher(err).matches() ? 1 : 0;
        }
        assertTrue(docs.size() > 300, "documents tried: " + docs.size());
        assertTrue(located > docs.size() * 9 / 10, located + " of " + docs.size() + " say line and column");
        System.out.println("apply fuzz: " + docs.size() + " documents refused, " + located + " with line and column");
    }

    /** A sample of them through the command line: exit 1, one line on stderr, nothing on stdout, the store unchanged. */
    @Test
    void onTheCommandLineEachIsOneLineExitOneAndTheStoreUnchanged() throws Exception {
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("base.json"), CliProjectsTest.DOC).toString()));
        String before = cli.listings() + cli.run("project", "list", "--space", "DevTest Space", "--json").out();
        List<String> all = new ArrayList<>(mistyped());
        all.addAll(malformed());
        Path file = tmp.resolve("devtest.json");
        int tried = 0;
        for (int i = 0; i < all.size(); i += 20) {
            String d = all.get(i);
            Files.writeString(file, d);
            Result r = cli.run("apply", file.toString());
            String what = "document:\n" + d + "\nstderr: " + r.err();
            assertEquals(Cli.REFUSED, r.exit(), what);
            assertEquals("", r.out(), what);
            assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, "one line: " + what);
            assertPlain(r.err().strip().replace(file.toString(), "devtest.json"), what);
            tried++;
        }
        String after = cli.listings() + cli.run("project", "list", "--space", "DevTest Space", "--json").out();
        assertEquals(before, after, "the store is unchanged after " + tried + " refused documents");
    }

    private static void assertPlain(String err, String what) {
        assertFalse(err.isEmpty() || err.contains("\n"), "one line: " + what);
        assertTrue(err.startsWith("devtest.json"), "names the file: " + err + "\n" + what);
        assertTrue(err.endsWith("."), "a sentence: " + err);
        for (String internal : INTERNALS) {
            assertFalse(err.contains(internal), "'" + internal + "' in " + err + "\n" + what);
        }
    }

    @Test
    void sentencesSayWhereAndWhatInTheDocumentsWords() throws Exception {
        Path file = tmp.resolve("devtest.json");
        Files.writeString(file, "{\n  \"space\": \"DevTest Space\",\n  \"environments\": {\"name\": \"Dev\"}\n}\n");
        assertEquals(file + " line 3, column 19: environments must be a list of objects.", refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\", \"environments\": [{\"name\": 42}]}");
        assertEquals(file + " line 1, column 54: environments[0].name must be a text in quotes.", refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\", \"lifecycles\": [{\"name\": \"Main\", \"default\": \"yes\"}]}");
        assertTrue(refusal(file).endsWith(": lifecycles[0].default must be true or false."), refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\"} {}");
        assertTrue(refusal(file).endsWith(": there is more after the end of the document; the file holds one JSON object."), refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\", \"space\": \"X\"}");
        assertTrue(refusal(file).endsWith(": space is given twice; each field is given once."), refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\", \"projects\": [{\"name\": \"Web\"}]}");
        assertTrue(refusal(file).endsWith(": projects[0] needs the field 'lifecycle'."), refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\", \"environments\": [{\"name\": \"Dev\", \"colour\": 1}]}");
        assertTrue(refusal(file).endsWith(": environments[0] has no field 'colour'; its fields are description, name."), refusal(file));
        Files.writeString(file, "{\"space\": \"DevTest Space\", \"projects\": [{\"name\": \"Web\", \"lifecycle\": \"Main\", \"process\": [{\"name\": \"S\", "
                + "\"actionType\": \"A\", \"properties\": [1]}]}]}");
        assertTrue(refusal(file).endsWith(": projects[0].process[0].properties must be an object whose values are texts in quotes."), refusal(file));
    }

    private String refusal(Path file) {
        Result r = cli.run("apply", file.toString());
        assertEquals(Cli.REFUSED, r.exit(), r.err());
        return r.err().strip();
    }
}
