package odcm.app.canary;

/** Stands for a class of the app module in persistence's ArchitectureTest canary (test sources only). */
public final class AppSide {
}
