package odcm.app.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import odcm.model.cert.CertificateInfo;

/** What a person checks about a certificate: subject, issuer, validity, key, and the fingerprint. */
public final class CertificateDetails extends VBox {
    private final Label subject = value("subject");
    private final Label issuer = value("issuer");
    private final Label validity = value("validity");
    private final Label key = value("key");
    private final FingerprintView fingerprint;
    private final String idPrefix;

    /** @param wide fingerprint beside the fields (detail panes) rather than below them (dialogs) */
    public CertificateDetails(String idPrefix, boolean wide) {
        super(10);
        this.idPrefix = idPrefix;
        subject.setId(idPrefix + "-subject");
        issuer.setId(idPrefix + "-issuer");
        validity.setId(idPrefix + "-validity");
        key.setId(idPrefix + "-key");
        fingerprint = new FingerprintView(idPrefix + "-fingerprint");
        GridPane grid = Forms.grid();
        Forms.row(grid, "Subject", subject);
        Forms.row(grid, "Issuer", issuer);
        Forms.row(grid, "Valid", validity);
        Forms.row(grid, "Key", key);
        Label fpTitle = new Label("SHA-256 fingerprint");
        fpTitle.getStyleClass().add(Css.FIELD_NAME);
        VBox fp = new VBox(6, fpTitle, fingerprint);
        if (wide) {
            javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(32, grid, fp);
            javafx.scene.layout.HBox.setHgrow(grid, javafx.scene.layout.Priority.ALWAYS);
            getChildren().add(row);
        } else {
            getChildren().addAll(grid, fp);
        }
    }

    private static Label value(String name) {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    public void show(CertificateInfo info) {
        if (info == null) {
            subject.setText("");
            issuer.setText("");
            validity.setText("");
            key.setText("");
            fingerprint.show(null);
            return;
        }
        subject.setText(info.subject());
        issuer.setText(info.issuer().equals(info.subject()) ? info.issuer() + " (self-signed)" : info.issuer());
        validity.setText(Formats.minutes(info.notBefore()) + " to " + Formats.minutes(info.notAfter()));
        key.setText(info.keyDescription());
        fingerprint.show(info.fingerprint());
    }

    public String idPrefix() {
        return idPrefix;
    }
}
