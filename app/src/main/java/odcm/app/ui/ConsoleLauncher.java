package odcm.app.ui;
public final class ConsoleLauncher { public static void launch(odcm.persistence.StoreLocation l) { throw new UnsupportedOperationException(); } }
