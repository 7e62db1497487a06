package odcm.packaging.bundle;

import java.util.List;
import java.util.Map;

/**
 * The JSON shape of each bundle entry, kept here rather than as annotations on the model, so the file
 * format changes only when this class does. Every part names its bundle id, so parts of two bundles
 * mixed together are told apart from parts merely damaged.
 */
final class Dto {
    private Dto() {
    }

    record Party(String space, String certificateSha256) {
    }

    record Entry(String name, String sha256) {
    }

    record Manifest(int schemaVersion, String bundleId, Party source, Party target, long sequence, String created, String expires,
                    List<Entry> entries) {
    }

    /** {@code created}: when the source created the release (ISO-8601), kept as its creation time by the target. */
    record ReleasePart(String bundleId, String project, String version, String notes, String channel, String created) {
    }

    /**
     * The release part of a later revision (decision 0048): as {@link ReleasePart} with {@code revision} (2 or more). Revision 1
     * is written as {@link ReleasePart}, exactly as before revisions travelled, so every console reads it; a part without
     * {@code revision} is revision 1.
     */
    record RevisedReleasePart(String bundleId, String project, String version, String notes, String channel, String created, int revision) {
    }

    record PackageRef(String packageId) {
    }

    record Step(String name, String actionType, Map<String, String> properties, List<String> scope, List<PackageRef> packages) {
    }

    record ProcessPart(String bundleId, List<Step> steps) {
    }

    /** {@code value} is null for a sensitive variable: its value travels only in secrets.cms. */
    record Variable(String name, boolean sensitive, List<String> scope, String value) {
    }

    record VariablesPart(String bundleId, List<Variable> variables) {
    }

    record Template(String name, String label, String helpText, String type, List<String> options, boolean mandatory,
                    String defaultValue) {
    }

    /**
     * {@code environmentTemplates}: the environment templates of the target space's lifecycle this release reaches there
     * (decision 0058), written only when there are some, so a bundle without them is exactly what earlier consoles wrote and
     * read ({@link EarlierTemplatesPart}).
     */
    record TemplatesPart(String bundleId, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<EnvironmentTemplate> environmentTemplates, List<Template> templates) {
    }

    /** templates.json of a bundle without environment templates; strictly read when it has no {@code environmentTemplates} field. */
    record EarlierTemplatesPart(String bundleId, List<Template> templates) {
    }

    /** An environment template's definition; a sensitive parameter has no default (null), as a variable template has none. */
    record EnvironmentTemplate(String name, String description, List<Template> parameters, String nameExpression, String onExisting,
                               boolean deprovisionWhenProgressed, int deprovisionAfterDays, List<Step> provisioning, List<Step> deprovisioning) {
    }



    record Package(String packageId, String version, String sha256) {
    }

    record PackagesPart(String bundleId, List<Package> packages) {
    }

    record Deployment(String space, String environment, String deployedAt, String outcome) {
    }

    /**
     * {@code outOfOrder}: the release manager's override of lifecycle order (decision 0045), written only when there is
     * one, so a bundle without it is exactly what earlier consoles wrote and read ({@link EarlierHistoryPart}).
     */
    record HistoryPart(String bundleId, List<Deployment> deployments,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                       OutOfOrder outOfOrder) {
    }

    /** history.json of a bundle without an override; strictly read, as every part, when it has no {@code outOfOrder} field. */
    record EarlierHistoryPart(String bundleId, List<Deployment> deployments) {
    }

    record OutOfOrder(String by, String reason, String skipped) {
    }

    record SecretValue(String name, List<String> scope, String value) {
    }

    /** The plaintext of secrets.cms: it names its bundle, release and target so it cannot be moved to another bundle. */
    record Secrets(String bundleId, String project, String version, String targetSpace, String targetCertificateSha256,
                   List<SecretValue> values) {
    }

    /** A deployment receipt's signed statement (receipt.json): who reports to whom, and the deployments it reports. */
    record Receipt(int schemaVersion, String receiptId, Party source, Party target, long sequence, String created, String expires,
                   List<ReceiptDeployment> deployments, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<ReceiptInstance> instances) {
    }

    /** receipt.json naming no instance of an environment template, as earlier consoles wrote and read it. */
    record EarlierReceipt(int schemaVersion, String receiptId, Party source, Party target, long sequence, String created, String expires,
                          List<ReceiptDeployment> deployments) {
    }

    /** An environment of the signer that is an instance of {@code template} (decision 0058), and whether it is live there. */
    record ReceiptInstance(String environment, String template, boolean live) {
    }

    record ReceiptDeployment(String bundleId, String project, String version, String environment, String outcome, String deployedAt,
                             String deployedBy) {
    }

    /**
     * A key statement (statement.json, decision 0056): {@code subject} is the space and the certificate the statement is about;
     * {@code newCertificate} (base64 DER) and {@code overlapUntil} only for a rotation, {@code notTrustedAfter} only for a
     * compromise; the others null.
     */
    record KeyStatement(int schemaVersion, String statementId, String kind, Party subject, String issued, String newCertificate,
                        String overlapUntil, String notTrustedAfter) {
    }
}
