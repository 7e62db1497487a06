package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    @Test
    void defaultsFollowXdgFallbacks() {
        StoreLocation l = StoreLocation.resolve(null, Map.of(), "/home/ann");
        assertEquals(Path.of("/home/ann/.local/share/odcm/store"), l.storeDir());
        assertEquals(Path.of("/home/ann/.config/odcm/keys"), l.keyDir());
    }

    @Test
    void xdgVariablesAreUsed() {
        StoreLocation l = StoreLocation.resolve(null, Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "/conf"), "/home/ann");
        assertEquals(Path.of("/data/odcm/store"), l.storeDir());
        assertEquals(Path.of("/conf/odcm/keys"), l.keyDir());
    }

    @Test
    void overrideBeatsEnvironmentWhichBeatsXdg() {
        Map<String, String> env = Map.of("ODCM_STORE", "/env/store", "XDG_DATA_HOME", "/data", "ODCM_KEY_DIR", "/env/keys/../keys2");
        assertEquals(Path.of("/opt/s"), StoreLocation.resolve("/opt/./s", env, "/home/ann").storeDir());
        assertEquals(Path.of("/env/store"), StoreLocation.resolve(null, env, "/home/ann").storeDir());
        assertEquals(Path.of("/env/keys2"), StoreLocation.resolve(null, env, "/home/ann").keyDir());
    }

    @Test
    void relativePathsBecomeAbsolute() {
        StoreLocation l = StoreLocation.resolve("rel/store", Map.of(), "/home/ann");
        assertTrue(l.storeDir().isAbsolute());
        assertEquals(Path.of("rel/store").toAbsolutePath().normalize(), l.storeDir());
    }
}
