package odcm.model.project;

import java.util.Locale;
import odcm.model.Refusal;

/** What kind of value a variable template asks for, and so which control the importer gets. */
public enum TemplateType {
    SINGLE_LINE("single-line text"),
    MULTI_LINE("multi-line text"),
    SENSITIVE("sensitive"),
    CHECKBOX("checkbox"),
    SELECT("select");

    private final String words;

    TemplateType(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public static TemplateType parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (TemplateType k : values()) {
            if (k.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(t) || k.words.replace(' ', '-').equals(t)) {
                return k;
            }
        }
        throw new Refusal("A template's type is single-line, multi-line, sensitive, checkbox or select, not '" + text + "'.");
    }
}
