package odcm.model.cert;

import java.util.HexFormat;
import java.util.Locale;
import odcm.model.Refusal;

/**
 * A SHA-256 certificate fingerprint. Shown in groups of four hex digits so two people can read it
 * to each other over the phone and compare it group by group.
 */
public record Fingerprint(String hex) {
    public Fingerprint {
        if (!isSha256Hex(hex)) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 64 hex digits");
        }
        hex = hex.toUpperCase(Locale.ROOT);
    }

    /**
     * Whether {@code s} is exactly 64 hex digits (0-9, a-f, A-F): what {@code s.matches("[0-9a-fA-F]{64}")} says, without
     * compiling that pattern for every fingerprint and package checksum read (an import reads hundreds).
     */
    public static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    public static Fingerprint ofDigest(byte[] sha256) {
        return new Fingerprint(HexFormat.of().formatHex(sha256));
    }

    /**
     * Reads a fingerprint as a person would type or paste it: any case, with spaces, colons or dashes
     * between digits (openssl prints {@code AB:CD:...}, this console prints {@code ABCD EF01 ...}).
     */
    public static Fingerprint parse(String typed) {
        String digits = typed == null ? "" : typed.replaceAll("(?i)^sha-?256\\s*(fingerprint)?\\s*=?", "")
                .replaceAll("[\\s:\\-]", "");
        if (!isSha256Hex(digits)) {
            throw new Refusal("A SHA-256 fingerprint has 64 hexadecimal digits (0-9, A-F); '" + abbreviate(typed) + "' is not one.");
        }
        return new Fingerprint(digits);
    }

    /** {@code 3F2A 9C01 ...}: sixteen groups of four. */
    public String grouped() {
        StringBuilder sb = new StringBuilder(79);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(hex, i, i + 4);
        }
        return sb.toString();
    }

    /** {@code 3F:2A:...} as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String colonSeparated() {
        StringBuilder sb = new StringBuilder(95);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public String toString() {
        return grouped();
    }
}
