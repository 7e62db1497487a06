package odcm.app.ui.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.ReleaseService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Refusal;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Project;
import odcm.model.release.Release;

/**
 * The "Create release" dialog: version (the next patch after the newest suggested), notes, channel, and a version
 * and SHA-256 for every package the process deploys. Create stays disabled while {@link #problemProperty()} says
 * what is missing; the service's refusals (a version already used) come back inline.
 */
public final class CreateReleaseViewModel {
    private static final Pattern SEMVER = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)(.*)$");
    private static final Pattern LAST_NUMBER = Pattern.compile("^(.*?)(\\d+)(\\D*)$");

    private final ReleaseService releases;
    private final String space;
    private final Project project;
    private final FormState state;
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty channel = new SimpleStringProperty("");
    private final ObservableList<String> channels = FXCollections.observableArrayList();
    private final ObservableList<PackageRow> packages = FXCollections.observableArrayList();
    private final StringBinding problem;

    /** @param newest the project's newest release version, or null when it has none */
    public CreateReleaseViewModel(ReleaseService releases, TaskRunner runner, String space, Project project, String newest) {
        this.releases = releases;
        this.space = space;
        this.project = project;
        this.state = new FormState(runner);
        version.set(nextVersion(newest));
        channels.setAll(project.channels().stream().map(Channel::name).toList());
        channel.set(project.defaultChannel());
        packages.setAll(neededPackages(project).stream().map(PackageRow::new).toList());
        List<Observable> deps = new ArrayList<>(List.of(version));
        packages.forEach(p -> deps.addAll(List.of(p.versionProperty(), p.sha256Property())));
        problem = Bindings.createStringBinding(this::firstProblem, deps.toArray(Observable[]::new));
    }

    /** The next patch version after {@code newest}: 2.0.0 → 2.0.1, 1.4 → 1.5, none → 1.0.0. */
    public static String nextVersion(String newest) {
        if (newest == null || newest.isBlank()) {
            return "1.0.0";
        }
        Matcher m = SEMVER.matcher(newest);
        if (m.matches()) {
            return m.group(1) + "." + m.group(2) + "." + (Long.parseLong(m.group(3)) + 1);
        }
        m = LAST_NUMBER.matcher(newest);
        if (m.matches()) {
            return m.group(1) + (Long.parseLong(m.group(2)) + 1) + m.group(3);
        }
        return "";
    }

    /** Package ids the steps deploy, each once, in the order of the process. */
    static List<String> neededPackages(Project p) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (DeploymentStep st : p.process()) {
            for (PackageReference r : st.packages()) {
                ids.putIfAbsent(r.packageId().toLowerCase(Locale.ROOT), r.packageId());
            }
        }
        return List.copyOf(ids.values());
    }

    private String firstProblem() {
        try {
            Release.checkVersion(version.get());
        } catch (Refusal r) {
            return r.getMessage();
        }
        return packages.stream().map(PackageRow::problem).filter(s -> !s.isEmpty()).findFirst().orElse("");
    }

    /** Creates the release; {@code onDone} gets it. A refusal stays in {@link #state()}. */
    public void create(Consumer<Release> onDone) {
        if (!problem.get().isEmpty()) {
            return;
        }
        String v = version.get().strip();
        var manifest = packages.stream().map(PackageRow::toPackageVersion).toList();
        state.submit("Creating release " + v + " of '" + project.name() + "'",
                () -> releases.create(space, project.name(), v, notes.get(), channel.get(), manifest), onDone);
    }

    public Project project() {
        return project;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public StringProperty channelProperty() {
        return channel;
    }

    public ObservableList<String> channels() {
        return channels;
    }

    public ObservableList<PackageRow> packages() {
        return packages;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public FormState state() {
        return state;
    }
}
