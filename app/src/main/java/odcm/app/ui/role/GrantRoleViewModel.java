package odcm.app.ui.role;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.EnvironmentService;
import odcm.app.service.RoleService;
import odcm.app.ui.common.FormState;
import odcm.model.environment.Environment;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;
import odcm.model.space.Space;

/**
 * Grant role: a local space, a role, for a deployer one environment or all, and a person or a group by name. The
 * sentence under the form says what will be granted, or what is still missing; OK only when it can be tried.
 */
public final class GrantRoleViewModel {
    /** The environment choice "every environment of the space". */
    public static final String EVERY = "Every environment";

    private final RoleService roles;
    private final EnvironmentService environments;
    private final FormState form;
    private final ObservableList<String> spaces;
    private final ObjectProperty<String> space = new SimpleObjectProperty<>();
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>();
    private final ObservableList<String> environmentChoices = FXCollections.observableArrayList(EVERY);
    private final ObjectProperty<String> environment = new SimpleObjectProperty<>(EVERY);
    private final BooleanProperty group = new SimpleBooleanProperty(false);
    private final StringProperty grantee = new SimpleStringProperty("");
    private final StringBinding preview;
    private final BooleanBinding valid;

    GrantRoleViewModel(RoleService roles, EnvironmentService environments, FormState form, List<Space> locals, String preferred) {
        this.roles = roles;
        this.environments = environments;
        this.form = form;
        this.spaces = FXCollections.observableArrayList(locals.stream().map(Space::name).toList());
        space.addListener((o, was, now) -> loadEnvironments(now));
        for (var p : List.of(space, role, environment)) {
            p.addListener((o, was, now) -> form.clearError());
        }
        group.addListener((o, was, now) -> form.clearError());
        grantee.addListener((o, was, now) -> form.clearError());
        preview = Bindings.createStringBinding(this::sentence, space, role, environment, group, grantee);
        valid = Bindings.createBooleanBinding(() -> problem() == null, space, role, environment, group, grantee);
        space.set(preferred != null && spaces.contains(preferred) ? preferred : spaces.size() == 1 ? spaces.get(0) : null);
    }

    /** A deployer's environments are the space's: read on the worker when the space is chosen. */
    private void loadEnvironments(String s) {
        environmentChoices.setAll(EVERY);
        environment.set(EVERY);
        if (s != null) {
            form.runner().run("Reading the environments of '" + s + "'", () -> environments.list(s), list -> {
                if (s.equals(space.get())) {
                    list.stream().map(Environment::name).forEach(environmentChoices::add);
                }
            }, form::showError);
        }
    }

    /** What is still missing, or null. */
    private String problem() {
        if (spaces.isEmpty()) {
            return "Roles are held in local spaces; create a space first.";
        }
        if (space.get() == null) {
            return "Choose the local space the role is held in.";
        }
        if (role.get() == null) {
            return "Choose the role.";
        }
        String name = grantee.get() == null ? "" : grantee.get().strip();
        if (name.isEmpty()) {
            return "Name the " + (group.get() ? "group (a database role of the team store)" : "person (their login on a team store)") + ".";
        }
        if (name.length() > Grantee.MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            return "A name is one line of at most " + Grantee.MAX_NAME + " characters.";
        }
        return null;
    }

    private String sentence() {
        String p = problem();
        if (p != null) {
            return p;
        }
        String where = role.get() == Role.DEPLOYER ? " for " + (EVERY.equals(environment.get()) ? "every environment" : "'" + environment.get() + "'") : "";
        return (group.get() ? "Everyone in the group '" + grantee.get().strip() + "'" : grantee.get().strip()) + " will be " + role.get().words()
                + " of '" + space.get() + "'" + where + ": " + role.get().permits() + ".";
    }

    public void submit(Consumer<RoleGrant> onGranted) {
        if (!valid.get()) {
            return;
        }
        String s = space.get();
        Role r = role.get();
        String env = r == Role.DEPLOYER && !EVERY.equals(environment.get()) ? environment.get() : null;
        boolean g = group.get();
        String name = grantee.get();
        form.submit("Granting the role", () -> roles.grant(s, r, env, new Grantee(g, name)), onGranted);
    }

    public ObservableList<String> spaces() {
        return spaces;
    }

    public ObjectProperty<String> spaceProperty() {
        return space;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    public ObservableList<String> environmentChoices() {
        return environmentChoices;
    }

    public ObjectProperty<String> environmentProperty() {
        return environment;
    }

    public BooleanProperty groupProperty() {
        return group;
    }

    public StringProperty granteeProperty() {
        return grantee;
    }

    public StringBinding previewProperty() {
        return preview;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }
}
