package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {
    @Test
    void workersGetTheDriversShardSettingsInNameOrderButNotTheWorkersOwn() {
        Properties system = new Properties();
        system.setProperty("shard.spill.dir", "/tmp/spill dir");
        system.setProperty("shard.aot", "false");
        system.setProperty("shard.worker", "run-1:0");
        system.setProperty("shard.worker.timings", "/tmp/start.txt");
        system.setProperty("java.io.tmpdir", "/tmp");
        system.setProperty("sharding", "not ours");

        assertEquals(List.of("-Dshard.aot=false", "-Dshard.spill.dir=/tmp/spill dir"),
                WorkerLauncher.storageProperties(system));
    }

    @Test
    void onLinuxWorkersNameTheJdksSelectorProviderSoTheirFirstSocketScansNoJar() {
        String provider = "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider";
        assertTrue(WorkerLauncher.workerDefaults("Linux").contains(provider));
        assertFalse(WorkerLauncher.workerDefaults("Mac OS X").contains(provider));
        assertTrue(WorkerLauncher.workerDefaults("Mac OS X").contains("-XX:+UseSerialGC"));
    }

    /** A worker recording its cache loads more than the default first threshold: no full collection for that. */
    @Test
    void workersStartWithAMetaspaceThresholdAboveWhatAnEngineWorkerLoads() {
        assertTrue(WorkerLauncher.workerDefaults("Linux").contains("-XX:MetaspaceSize=64m"));
    }

    /** What they do is WorkerCompileCommandTest's; that every worker gets them is this. */
    @Test
    void workersStartWithTheClassFileGeneratorLeftToC1OnEverySystem() {
        for (String system : List.of("Linux", "Mac OS X")) {
            assertTrue(WorkerLauncher.workerDefaults(system).containsAll(WorkerLauncher.CLASS_FILE_GENERATOR_IN_C1),
                    system);
        }
    }
}
