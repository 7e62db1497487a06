package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** Store.SCHEMA_VERSION lets a current store open without starting Flyway; it must name the newest migration. */
class SchemaVersionTest {
    @Test
    void schemaVersionIsTheNewestMigration() throws IOException {
        // SQL migrations, and Java ones where a value is computed in Java (V9: name keys).
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/resources/db/migration")), Files.list(Path.of("src/main/java/db/migration")))) {
            MigrationVersion newest = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V[0-9_.]+__.*\\.(sql|java)"))
                    .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__")).replace('_', '.')))
                    .max(MigrationVersion::compareTo).orElseThrow();
            assertEquals(newest, MigrationVersion.fromVersion(Store.SCHEMA_VERSION));
        }
    }
}
