package odcm.model;

/**
 * What a person saw of a thing they change in place (a space, environment, lifecycle or project): its row and that
 * row's version. A change naming it is refused when the thing was changed or deleted since (decision 0036).
 */
public record Seen(long id, long version) {
}
