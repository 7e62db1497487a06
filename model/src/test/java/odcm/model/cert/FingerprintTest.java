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
    void refusesWrongLengthOrLetters() {
        assertThrows(Refusal.class, () -> Fingerprint.parse("3F2A 9C01"));
        assertThrows(Refusal.class, () -> Fingerprint.parse(HEX.substring(1) + "G"));
        assertThrows(Refusal.class, () -> Fingerprint.parse(null));
    }
}
