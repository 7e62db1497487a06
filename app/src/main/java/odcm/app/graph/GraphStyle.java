package odcm.app.graph;

import odcm.app.graph.GraphLayout.BoxKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.TrustState;

/**
 * Every drawing decision of the exported pictures in one place: sizes used by the layout, fonts, colours,
 * strokes, and the legend's wording. SVG and PNG both paint through {@link GraphPainter}, so they agree.
 * (The console draws with style classes instead; its colours come from the theme.)
 */
public final class GraphStyle {
    public static final String FONT = "DejaVu Sans";
    public static final String SVG_FONTS = "'DejaVu Sans', Verdana, Arial, sans-serif";

    public static final double GROUP_TITLE_SIZE = 15;
    public static final double GROUP_SUBTITLE_SIZE = 11.5;
    public static final double PHASE_TITLE_SIZE = 13;
    public static final double PHASE_SUBTITLE_SIZE = 11;
    public static final double ENVIRONMENT_SIZE = 12;
    public static final double EDGE_LABEL_SIZE = 11;
    public static final double LEGEND_SIZE = 12;
    /** The release and ✓/✗ at the right of an environment's box. */
    public static final double STATUS_SIZE = 11;

    /** Inner padding of boxes, and gap between a phase's environments. */
    public static final double PAD = 10;
    public static final double GROUP_HEADER = 48;
    public static final double PHASE_HEADER = 40;
    public static final double ENVIRONMENT_HEIGHT = 22;
    public static final double ENVIRONMENT_GAP = 6;
    public static final double MIN_PHASE_WIDTH = 130;
    /** Space around the graph in an exported picture, and the legend band above it. */
    public static final double MARGIN = 20;
    public static final double LEGEND_HEIGHT = 56;
    /** The legend's third row, present when environments show a deployment status. */
    public static final double STATUS_LEGEND_HEIGHT = 22;

    public static final String TEXT = "#1f2328";
    public static final String MUTED_TEXT = "#57606a";
    public static final String BACKGROUND = "#ffffff";
    public static final String TRUSTED = "#1a7f37";
    public static final String NOT_TRUSTED = "#cf222e";
    public static final String UNKNOWN = "#bc4c00";
    public static final String NEXT = "#57606a";
    public static final String ERROR = "#cf222e";

    public static final String SUCCEEDED_FILL = "#dafbe1";
    public static final String FAILED_FILL = "#ffebe9";
    public static final String NOT_DEPLOYED_FILL = "#f6f8fa";

    public static final String TRUSTED_WORDS = "trusted";
    public static final String NOT_TRUSTED_WORDS = "not trusted";
    public static final String UNKNOWN_WORDS = "cannot be checked from here";

    private GraphStyle() {
    }

    public static String fill(BoxKind kind) {
        return switch (kind) {
            case GROUP -> "#f3f6fa";
            case REMOTE_GROUP -> "#fbf6ee";
            case PHASE, REMOTE_PHASE -> "#ffffff";
            case ENVIRONMENT -> "#ddf4ff";
            case REMOTE_ENVIRONMENT -> "#fff1e5";
            case TEMPLATE -> "#ffffff";
            case INSTANCE -> "#eef8ff";
        };
    }

    /** An environment's fill by the deployment status; the kind's own fill without one. */
    public static String fill(BoxKind kind, GraphLayout.Status status) {
        return switch (status) {
            case SUCCEEDED -> SUCCEEDED_FILL;
            case FAILED -> FAILED_FILL;
            case NONE -> fill(kind);
        };
    }

    public static String stroke(BoxKind kind, GraphLayout.Status status) {
        return switch (status) {
            case SUCCEEDED -> TRUSTED;
            case FAILED -> NOT_TRUSTED;
            case NONE -> stroke(kind);
        };
    }

    public static String stroke(BoxKind kind) {
        return switch (kind) {
            case GROUP -> "#8c959f";
            case REMOTE_GROUP -> "#bc8c4c";
            case PHASE, REMOTE_PHASE -> "#57606a";
            case ENVIRONMENT, TEMPLATE, INSTANCE -> "#54aeff";
            case REMOTE_ENVIRONMENT -> "#fb8f44";
        };
    }

    /** Groups are drawn with a dashed outline when the space is remote (managed by another console). */
    public static boolean dashed(BoxKind kind) {
        return kind == BoxKind.REMOTE_GROUP || kind == BoxKind.REMOTE_PHASE || kind == BoxKind.TEMPLATE;
    }

    /**
     * A box's outline: dashed for what another console manages and for a template (no environment itself), dotted for a
     * template's live instance (decision 0057; the console's graph.css draws the same), else solid (null).
     */
    public static double[] outline(BoxKind kind) {
        return kind == BoxKind.INSTANCE ? new double[] {2, 2} : dashed(kind) ? new double[] {6, 4} : null;
    }

    public static double radius(BoxKind kind) {
        return kind.isGroup() ? 10 : kind.isPhase() ? 6 : 4;
    }

    public static String colour(EdgeKind kind, TrustState trust) {
        if (kind != EdgeKind.PROMOTION) {
            return NEXT;
        }
        return switch (trust) {
            case TRUSTED -> TRUSTED;
            case NOT_TRUSTED -> NOT_TRUSTED;
            default -> UNKNOWN;
        };
    }

    public static double width(EdgeKind kind) {
        return kind == EdgeKind.PROMOTION ? 3.5 : 1.5;
    }

    /** Dash pattern, or null for a solid line: CONTINUES is dashed, a promotion that cannot be checked is dotted. */
    public static double[] dash(EdgeKind kind, TrustState trust) {
        if (kind == EdgeKind.CONTINUES) {
            return new double[] {7, 5};
        }
        if (kind == EdgeKind.PROMOTION && trust == TrustState.UNKNOWN) {
            return new double[] {10, 4};
        }
        return null;
    }

    /** The words on a promotion edge. */
    public static String promotionLabel(TrustState trust) {
        return switch (trust) {
            case TRUSTED -> "bundle";
            case NOT_TRUSTED -> "bundle: NOT TRUSTED";
            default -> "bundle: unchecked";
        };
    }
}
