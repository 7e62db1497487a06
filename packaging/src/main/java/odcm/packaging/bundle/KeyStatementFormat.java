package odcm.packaging.bundle;

import java.util.List;

/** Entry names, kinds and the schema version of key statements (docs/bundle-format.md, "Key statements"; decision 0056). */
public final class KeyStatementFormat {
    public static final int SCHEMA_VERSION = 1;
    public static final List<Integer> SUPPORTED_SCHEMAS = List.of(1);
    /** The file name's ending the console suggests. */
    public static final String EXTENSION = ".odcmkeys";

    /** The signed statement: everything a key statement says is in it. */
    public static final String STATEMENT = "statement.json";
    /** CMS SignedData, detached, over the exact bytes of statement.json, by the key the statement is about. */
    public static final String SIGNATURE = "statement.sig";
    /** A rotation's second signature: the same, by the new key. */
    public static final String NEW_KEY_SIGNATURE = "statement-new.sig";

    private KeyStatementFormat() {
    }
}
