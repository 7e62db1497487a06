package odcm.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import odcm.app.service.BundleService;
import odcm.app.service.ReceiptService;
import odcm.model.space.Space;
import odcm.packaging.bundle.BundleInspector;

/**
 * A release bundle or deployment receipt the console was opened with ({@code odcm FILE}, a double-click on the file;
 * docs/decisions/0050): read on the worker while the store opens, it says why it cannot be shown, or which local space
 * a bundle is for (the space it is then checked as).
 *
 * @param file     the file, as given
 * @param receipt  whether it is a deployment receipt (by its extension), else a release bundle
 * @param problem  why it cannot be shown (one sentence), or empty
 * @param space    the local space a bundle names as its target, or empty (a receipt, an unreadable bundle, a space not here)
 */
record FileToShow(Path file, boolean receipt, Optional<String> problem, Optional<String> space) {
    /** Off the FX thread: looks at the file (and reads what a bundle claims, unverified) against the store's local spaces. */
    static FileToShow look(Path file, List<Space> locals) {
        boolean receipt = file.getFileName() != null
                && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(ReceiptService.EXTENSION);
        String what = receipt ? "deployment receipt" : "release bundle";
        String why = !Files.exists(file) ? "it does not exist"
                : Files.isDirectory(file) ? "it is a folder, not a file"
                : !Files.isReadable(file) ? "it cannot be read (no permission)"
                : locals.isEmpty() ? "this store has no local space yet to check it as; create one (or the example organisation), then open the file again"
                : null;
        if (why != null) {
            return new FileToShow(file, receipt, Optional.of("The " + what + " " + file + " cannot be shown: " + why + "."), Optional.empty());
        }
        Optional<String> space = Optional.empty();
        if (!receipt && BundleService.inspect(file) instanceof BundleInspector.Unverified claims) {
            space = locals.stream().map(Space::name).filter(n -> n.equalsIgnoreCase(claims.targetSpace())).findFirst();
        }
        return new FileToShow(file, receipt, Optional.empty(), space);
    }
}
