package odcm.app.ui.common;

import java.time.Instant;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import odcm.model.cert.CertificateInfo;

/**
 * What a person checks about a certificate: subject, issuer, validity (marked when it is not valid now), key,
 * and the fingerprint.
 */
public final class CertificateDetails extends VBox {
    private final Label subject = value("subject");
    private final Label issuer = value("issuer");
    private final Label validity = value("validity");
    private final Label validityProblem = new Label();
    private final Label key = value("key");
    private final FingerprintView fingerprint;
    private final String idPrefix;

    /** @param wide fingerprint beside the fields (detail panes) rather than below them (dialogs) */
    public CertificateDetails(String idPrefix, boolean wide) {
        this(idPrefix, wide, true);
    }

    /**
     * @param wide     fingerprint beside the fields (detail panes) rather than below them (dialogs)
     * @param copyable whether the fingerprint has a Copy button; not where it must be compared by reading
     */
    public CertificateDetails(String idPrefix, boolean wide, boolean copyable) {
        super(10);
        this.idPrefix = idPrefix;
        subject.setId(idPrefix + "-subject");
        issuer.setId(idPrefix + "-issuer");
        validity.setId(idPrefix + "-validity");
        key.setId(idPrefix + "-key");
        validityProblem.setId(idPrefix + "-validity-problem");
        validityProblem.getStyleClass().add(Css.ERROR);
        validityProblem.setMinWidth(Region.USE_PREF_SIZE);
        validityProblem.visibleProperty().bind(validityProblem.textProperty().isNotEmpty());
        validityProblem.managedProperty().bind(validityProblem.visibleProperty());
        fingerprint = new FingerprintView(idPrefix + "-fingerprint", copyable);
        // The mark under the dates, not beside them: beside them it squeezes the dates onto more lines.
        VBox valid = new VBox(4, validity, validityProblem);
        GridPane grid = Forms.grid();
        Forms.row(grid, "Subject", subject);
        Forms.row(grid, "Issuer", issuer);
        Forms.row(grid, "Valid", valid);
        Forms.row(grid, "Key", key);
        Label fpTitle = new Label("SHA-256 fingerprint");
        fpTitle.getStyleClass().add(Css.FIELD_NAME);
        VBox fp = new VBox(6, fpTitle, fingerprint);
        if (wide) {
            HBox row = new HBox(32, grid, fp);
            HBox.setHgrow(grid, Priority.ALWAYS);
            getChildren().add(row);
        } else {
            getChildren().addAll(grid, fp);
        }
    }

    private static Label value(String name) {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** Shows a certificate without judging its validity (a preview the service already checked). */
    public void show(CertificateInfo info) {
        show(info, null);
    }

    /** Shows a certificate, marked "Expired …" or "Not valid until …" when it is not valid at {@code now}. */
    public void show(CertificateInfo info, Instant now) {
        if (info == null) {
            subject.setText("");
            issuer.setText("");
            validity.setText("");
            validityProblem.setText("");
            key.setText("");
            fingerprint.show(null);
            return;
        }
        subject.setText(info.subject());
        issuer.setText(info.issuer().equals(info.subject()) ? info.issuer() + " (self-signed)" : info.issuer());
        validity.setText(Formats.minutes(info.notBefore()) + " to " + Formats.minutes(info.notAfter()));
        validityProblem.setText(Formats.validityProblem(info, now));
        key.setText(info.keyDescription());
        fingerprint.show(info.fingerprint());
    }

    public String idPrefix() {
        return idPrefix;
    }
}
