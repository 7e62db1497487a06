package odcm.model.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import odcm.model.Refusal;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    static final String HEX = "3f2a9c01" + "0".repeat(48) + "deadbeef";

    @Test
    void groupsOfFourForReadingAloud() {
        Fingerprint f = new Fingerprint(HEX);
        assertEquals("3F2A 9C01 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 DEAD BEEF", f.grouped());
        assertEquals(16, f.grouped().split(" ").length);
    }

    @Test
    void parsesWhatPeopleTypeAndWhatOpensslPrints() {
        Fingerprint f = new Fingerprint(HEX);
        assertEquals(f, Fingerprint.parse(f.grouped().toLowerCase()));
        assertEquals(f, Fingerprint.parse(f.colonSeparated()));
        assertEquals(f, Fingerprint.parse("sha256 Fingerprint=" + f.colonSeparated()));
        assertEquals(f, Fingerprint.parse(" " + HEX + "\n"));
    }

    @Test
    void sha256HexIsWhatThePatternMatched() {
        java.util.Random random = new java.util.Random(12);
        String hex = "0123456789abcdefABCDEF";
        String other = "gG:- /@`\u0660\uff10\uff21\u00e9";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 64; i++) {
                s.append(hex.charAt(random.nextInt(hex.length())));
            }
            switch (random.nextInt(4)) {
                case 0 -> s.setCharAt(random.nextInt(64), other.charAt(random.nextInt(other.length()))); // one non-hex character
                case 1 -> s.setLength(random.nextInt(64)); // too short
                case 2 -> s.append(hex.charAt(random.nextInt(hex.length()))); // too long
                default -> { } // 64 hex digits
            }
            assertEquals(s.toString().matches("[0-9a-fA-F]{64}"), Fingerprint.isSha256Hex(s.toString()), s.toString());
        }
        assertEquals(false, Fingerprint.isSha256Hex(null));
        assertEquals(true, Fingerprint.isSha256Hex(HEX));
    }

    @Test
    void refusesWrongLengthOrLetters() {
        assertThrows(Refusal.class, () -> Fingerprint.parse("3F2A 9C01"));
        assertThrows(Refusal.class, () -> Fingerprint.parse(HEX.substring(1) + "G"));
        assertThrows(Refusal.class, () -> Fingerprint.parse(null));
    }
}
