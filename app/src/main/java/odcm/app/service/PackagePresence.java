package odcm.app.service;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import odcm.model.release.PackageVersion;

/**
 * Whether a release's packages are where a space deploys them, by a look only (decision 0059, 2026-12-05): a regular file under
 * the package's hash in the store folder, or one a feed names as {@link PackageService#verify} finds it ({@code <id>.<version>.*},
 * {@code <id>-<version>.*}, its SHA-256). Nothing is read nor hashed, so the dashboard stays cheap: one file-system look per
 * package in the store, each feed listed once. A file present here may still be wrong; a deployment and {@code package verify}
 * hash it.
 */
final class PackagePresence {
    private final Path folder;
    private final List<Path> feeds;
    /** Each feed's entries by their names in lower case, listed on the first package the store lacks. */
    private List<NavigableMap<String, Path>> listed;

    PackagePresence(Path folder, List<String> feeds) {
        this.folder = folder;
        this.feeds = feeds.stream().map(Path::of).toList();
    }

    /** How many of {@code packages} are not present. */
    int notPresent(List<PackageVersion> packages) {
        return (int) packages.stream().filter(p -> !present(p)).count();
    }

    boolean present(PackageVersion p) {
        if (Files.isRegularFile(PackageService.contentPath(folder, p.sha256()), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (listed == null) {
            listed = feeds.stream().map(PackagePresence::files).toList();
        }
        String dot = (p.packageId() + "." + p.version() + ".").toLowerCase(Locale.ROOT);
        String dash = (p.packageId() + "-" + p.version() + ".").toLowerCase(Locale.ROOT);
        for (NavigableMap<String, Path> files : listed) {
            if (file(files, p.sha256() + "\u0000") || file(files, dot) || file(files, dash)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a regular file (never a link) of the feed has a key starting with {@code start}: looked at only then. */
    private static boolean file(NavigableMap<String, Path> files, String start) {
        for (Map.Entry<String, Path> f : files.tailMap(start, true).entrySet()) {
            if (!f.getKey().startsWith(start)) {
                return false;
            }
            if (Files.isRegularFile(f.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A feed's entries by their names in lower case (a name and the entry's whole name: two that differ only in letter case are
     * both kept), listed without a look at each; none when it cannot be listed (a feed gone).
     */
    private static NavigableMap<String, Path> files(Path feed) {
        NavigableMap<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(feed)) {
            for (Path f : all) {
                files.put(f.getFileName().toString().toLowerCase(Locale.ROOT) + "\u0000" + f.getFileName(), f);
            }
        } catch (IOException e) {
            return files;
        }
        return files;
    }
}
