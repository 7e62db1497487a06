package odcm.model.role;

import java.util.Optional;
import odcm.model.Refusal;

/**
 * Separation of duties in one local space (docs/decisions/0043): whether an approver may not approve a release they made
 * (created here, or imported the bundle it came in), how many distinct people must approve where approval is required,
 * and whether a trust needs a second administrator to confirm what one proposed. The defaults keep a space as it was.
 */
public record Duties(boolean approverNotMaker, int approvals, boolean twoAdminTrust) {
    public static final int MAX_APPROVALS = 9;
    public static final Duties DEFAULT = new Duties(false, 1, false);

    public Duties {
        if (approvals < 1 || approvals > MAX_APPROVALS) {
            throw new Refusal("The number of approvals must be from 1 to " + MAX_APPROVALS + "; " + approvals + " is not.");
        }
    }

    /** These rules with the ones given changed (null: as they are). */
    public Duties with(Boolean approverNotMaker, Integer approvals, Boolean twoAdminTrust) {
        return new Duties(approverNotMaker == null ? this.approverNotMaker : approverNotMaker, approvals == null ? this.approvals : approvals,
                twoAdminTrust == null ? this.twoAdminTrust : twoAdminTrust);
    }

    /** The audit entry's words, read back by {@link #parse}: "approver-not-maker on; approvals 2; two-admin-trust off". */
    public String words() {
        return "approver-not-maker " + onOff(approverNotMaker) + "; approvals " + approvals + "; two-admin-trust " + onOff(twoAdminTrust);
    }

    /** For people: "approver may not be the release's maker; 2 distinct approvals; trusts need a second administrator". */
    public String sentence() {
        return (approverNotMaker ? "an approver may not approve a release they created or imported" : "an approver may approve their own release")
                + "; " + approvals + (approvals == 1 ? " approval" : " distinct approvals") + " where approval is required; "
                + (twoAdminTrust ? "a trust needs a second administrator to confirm it" : "one administrator adds a trust");
    }

    /** The rules an audit entry's detail records ({@link #words} at its start), or empty when it records none. */
    public static Optional<Duties> parse(String detail) {
        String[] p = detail.split(";", 4);
        if (p.length < 3 || !p[0].strip().startsWith("approver-not-maker ") || !p[1].strip().startsWith("approvals ")
                || !p[2].strip().startsWith("two-admin-trust ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Duties(p[0].strip().endsWith(" on"), Integer.parseInt(p[1].strip().substring("approvals ".length())),
                    p[2].strip().startsWith("two-admin-trust on")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "on" or "off", as typed on the command line. */
    public static boolean onOff(String word, String option) {
        return switch (word == null ? "" : word.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new Refusal(option + " is on or off, not '" + word + "'.");
        };
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
