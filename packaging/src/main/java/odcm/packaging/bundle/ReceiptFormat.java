package odcm.packaging.bundle;

import java.util.List;

/** Entry names and the schema version of deployment receipts (docs/bundle-format.md, "Deployment receipts"). */
public final class ReceiptFormat {
    public static final int SCHEMA_VERSION = 1;
    public static final List<Integer> SUPPORTED_SCHEMAS = List.of(1);

    /** The signed statement: everything a receipt says is in it. */
    public static final String RECEIPT = "receipt.json";
    /** CMS SignedData, detached, over the exact bytes of receipt.json. */
    public static final String SIGNATURE = "receipt.sig";

    private ReceiptFormat() {
    }
}
