package odcm.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Decision 0025: the test JVMs run with C1 only and the serial collector (the build's {@code odcm.testJvm}): C2's
 * compiler threads took about 45 % of a test JVM's CPU, for code that mostly runs a few times. The flags change how fast
 * the tests run, not what they check; a build that drops them would be slower, not wrong, and this says so.
 */
class TestJvmTest {
    @Test
    void theTestJvmRunsC1OnlyWithTheSerialCollector() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals("1", vm.getVMOption("TieredStopAtLevel").getValue(), "C1 only");
        assertEquals("true", vm.getVMOption("UseSerialGC").getValue(), "the serial collector");
    }

    /**
     * Decision 0025, tenth pass: with C1 alone the code cache is 48 MB and swept after every 240 KB of new code; a test JVM
     * that runs a module's tests kept compiling again what the sweeper had thrown out. The same 240 MB as with C2, swept
     * after 24 MB; and a young generation of 320 MB, collected less often.
     */
    @Test
    void theTestJvmKeepsItsCompiledCodeAndCollectsItsYoungObjectsLessOften() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals(String.valueOf(240L << 20), vm.getVMOption("ReservedCodeCacheSize").getValue(), "the code cache");
        assertEquals("10.0", vm.getVMOption("SweeperThreshold").getValue(), "the sweeper's threshold");
        assertEquals(String.valueOf(320L << 20), vm.getVMOption("NewSize").getValue(), "the young generation");
    }
}
