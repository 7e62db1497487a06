package odcm.persistence.keys;

/** Whether this store's master key is usable. */
public enum MasterKeyState {
    /** The key file is there and opens this store's keys. */
    PRESENT,
    /** No key file for this store in the key folder (a restore without it): keys are unusable, all else intact. */
    MISSING,
    /** A key file is there but it is not this store's key. */
    WRONG
}
