package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code odcm check}: each exit status a monitoring script tells apart, and the audited {@code space cert}. */
class CliCheckTest {
    @TempDir
    Path tmp;

    /** A real certificate that expires {@code after} from now. */
    static byte[] expiringAfter(String name, Duration after) {
        Instant made = Instant.now().atZone(ZoneOffset.UTC).minusYears(10).toInstant().plus(after);
        return Certificates.generate(name, KeyAlgorithm.EC_P256, made).certificateDer();
    }

    @Test
    void exitStatusZeroTenElevenAndTheUsualOnesForMistakes() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "QA Space"));
        Result fine = CliTest.ok(cli.run("check"));
        assertEquals("Nothing expires within 30 days.\n", fine.out());

        byte[] prod = expiringAfter("Prod Space", Duration.ofDays(12));
        Path pem = Files.write(tmp.resolve("prod.der"), prod);
        CliTest.ok(cli.run("remote", "add", "Prod Space", "--cert", pem.toString(), "--fingerprint", Certificates.fingerprint(prod).hex()));
        Result soon = cli.run("check");
        assertEquals(10, soon.exit(), soon.err());
        assertTrue(soon.out().startsWith("SOON     Prod Space's certificate (a remote space) expires in 12 days ("), soon.out());
        assertTrue(soon.out().contains("1 expires soon (within 30 days, as of "), soon.out());
        assertEquals(0, cli.run("check", "--days", "11").exit(), "12 days is beyond 11");
        JsonNode json = new ObjectMapper().readTree(cli.run("check", "--json").out());
        assertEquals(1, json.get("soon").asInt());
        assertEquals("remote_certificate", json.get("findings").get(0).get("kind").asText());
        assertEquals(12, json.get("findings").get(0).get("daysLeft").asInt());
        assertEquals("soon", json.get("findings").get(0).get("state").asText());

        // A remote space added two days ago, by the store's clock then, whose certificate expired yesterday.
        byte[] old = expiringAfter("Old Space", Duration.ofDays(-1));
        try (AppContext then = new AppContext(Store.open(new StoreLocation(cli.store(), tmp.resolve("keys")),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-2)), System.getProperty("user.name")))) {
            then.remotes().add("Old Space", "", old, Certificates.fingerprint(old).hex());
        }
        Result expired = cli.run("check");
        assertEquals(11, expired.exit(), expired.err());
        assertTrue(expired.out().startsWith("EXPIRED  Old Space's certificate (a remote space) expired 1 day ago ("), expired.out());
        assertTrue(expired.out().contains("1 expires soon, 1 expired"), expired.out());
        assertEquals(0, cli.run("check", "--space", "QA Space").exit(), "no trust of QA Space names either remote space");

        Result bad = cli.run("check", "--days", "soon");
        assertEquals(2, bad.exit(), "a bad command line stays 2");
        Result refused = cli.run("check", "--space", "Nope");
        assertEquals(1, refused.exit());
        assertEquals("There is no space named 'Nope'.\n", refused.err());
        Result outOfRange = cli.run("check", "--days", "0");
        assertEquals(2, outOfRange.exit(), "a value out of the option's range is a wrong command line, as --key dsa");
        assertEquals("Look 1 to 3650 days ahead; 0 is not in that range. (see 'odcm check --help')", outOfRange.err().strip());
        String help = CliTest.ok(cli.run("check", "--help")).out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Exit status: 0 nothing expires within N days; 10 something expires within N days, nothing has expired; 11 something"
                + " has expired;"), help);
    }

    @Test
    void writingASpaceCertificateIsAudited() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "QA Space"));
        CliTest.ok(cli.run("space", "cert", "QA Space", "--out", tmp.resolve("qa.der").toString()));
        CliTest.ok(cli.run("space", "cert", "QA Space"));
        JsonNode audit = new ObjectMapper().readTree(CliTest.ok(cli.run("audit", "list", "--json")).out());
        String details = "";
        for (JsonNode e : audit) {
            if (e.get("action").asText().equals("space.certificate-export")) {
                details += e.get("detail").asText().replaceAll(";.*", "") + "|";
            }
        }
        assertEquals("PEM to standard output|DER to qa.der|", details, "newest first");
    }
}
