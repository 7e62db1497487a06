package odcm.packaging.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import odcm.model.cert.CertificateFormat;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;

/**
 * Not a unit test (run by hand; figures and command in docs/bundle-format.md, "Performance"): a release of 10,000 variables, 1,000 steps and 500
 * packages; create and verify times, beside openssl cms signing/verifying and encrypting/decrypting the same payload.
 * Usage: java -cp ... odcm.packaging.bundle.BundleBenchmark [ec|rsa] WORKDIR
 */
public final class BundleBenchmark {
    public static void main(String[] args) throws Exception {
        KeyAlgorithm alg = KeyAlgorithm.parse(args.length > 0 ? args[0] : "ec");
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/bundle-benchmark"));
        SpaceIdentity source = Certificates.generate("Dev Space", alg, Fixture.NOW.minusSeconds(3600));
        SpaceIdentity target = Certificates.generate("Prod Space", alg, Fixture.NOW.minusSeconds(3600));
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            vars.add(new Variable("Var" + i, "value-" + i + "-" + UUID.randomUUID(), i % 10 == 0, Scope.of(List.of("Env" + i % 7))));
        }
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            steps.add(new DeploymentStep("Step " + i, "script", Map.of("script", "echo step " + i + "\n".repeat(3), "timeout", "60"),
                    Scope.ALL, List.of(new PackageReference("Pkg" + i % 500))));
        }
        List<PackageVersion> pkgs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pkgs.add(new PackageVersion("Pkg" + i, "1.0." + i, String.format("%064x", i)));
        }
        var snapshot = new ReleaseSnapshot(steps, vars, List.of(), pkgs);
        var ctx = Fixture.prodTrusting(target, source).withPrivateKey(target.privateKeyPkcs8());
        byte[] bundle = null;
        long bestWrite = Long.MAX_VALUE;
        long bestVerify = Long.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            BundleContent content = new BundleContent(UUID.randomUUID(), "Dev Space", "Prod Space", 1, Fixture.NOW,
                    Fixture.NOW.plus(Duration.ofDays(30)), "Big", "1.0.0", "", "", snapshot, List.of());
            long t0 = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BundleWriter.write(content, new SourceKey(source.certificateDer(), source.privateKeyPkcs8()), target.certificateDer(), out);
            long t1 = System.nanoTime();
            bundle = out.toByteArray();
            VerificationOutcome o = BundleVerifier.verify(bundle, ctx);
            long t2 = System.nanoTime();
            if (!o.genuine()) {
                throw new IllegalStateException(o.sentence());
            }
            bestWrite = Math.min(bestWrite, t1 - t0);
            bestVerify = Math.min(bestVerify, t2 - t1);
        }
        Files.write(dir.resolve("big.odcmbundle"), bundle);
        Files.write(dir.resolve("source.pem"), Certificates.encode(source.certificateDer(), CertificateFormat.PEM));
        Files.write(dir.resolve("target.pem"), Certificates.encode(target.certificateDer(), CertificateFormat.PEM));
        Files.writeString(dir.resolve("source-key.pem"), pem(source));
        Files.writeString(dir.resolve("target-key.pem"), pem(target));
        System.out.printf("%s: bundle %d KiB; create best of 6 %d ms (including decryptable secrets); verify+decrypt best of 6 %d ms%n",
                alg, bundle.length / 1024, bestWrite / 1_000_000, bestVerify / 1_000_000);
    }

    private static String pem(SpaceIdentity id) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(id.privateKeyPkcs8().reveal()) + "\n-----END PRIVATE KEY-----\n";
    }
}
