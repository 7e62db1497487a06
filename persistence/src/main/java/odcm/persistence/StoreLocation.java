package odcm.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a store lives: the folder of its H2 file, and the folder of master key files, which is kept
 * apart from the store so that a copy of the store alone reveals no private key.
 *
 * <p>Defaults: store in {@code $XDG_DATA_HOME/odcm/store} (else {@code ~/.local/share/odcm/store});
 * keys in {@code $XDG_CONFIG_HOME/odcm/keys} (else {@code ~/.config/odcm/keys}).
 * Overrides: {@code --store DIR} or {@code ODCM_STORE}; {@code ODCM_KEY_DIR}.
 */
public record StoreLocation(Path storeDir, Path keyDir) {

    /** @param storeOverride the {@code --store} option, or null */
    public static StoreLocation resolve(String storeOverride, Map<String, String> env, String userHome) {
        throw new UnsupportedOperationException("to be written");
    }
}
