package odcm.model.trust;

import java.util.Locale;
import odcm.model.Refusal;

/** What a trust lets cross: a space accepts release bundles, or deployment receipts, from another. */
public enum TrustKind {
    RELEASE_BUNDLES("release bundles", "bundles"),
    DEPLOYMENT_RECEIPTS("deployment receipts", "receipts");

    private final String words;
    private final String shortName;

    TrustKind(String words, String shortName) {
        this.words = words;
        this.shortName = shortName;
    }

    public String words() {
        return words;
    }

    /** The word the command line takes: {@code bundles} or {@code receipts}. */
    public String shortName() {
        return shortName;
    }

    public static TrustKind parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        for (TrustKind k : values()) {
            if (t.equals(k.shortName) || t.equals(k.words) || t.equals(k.name().toLowerCase(Locale.ROOT).replace('_', ' '))) {
                return k;
            }
        }
        throw new Refusal("A trust is for 'bundles' (release bundles) or 'receipts' (deployment receipts), not '" + text + "'.");
    }

    @Override
    public String toString() {
        return words;
    }
}
