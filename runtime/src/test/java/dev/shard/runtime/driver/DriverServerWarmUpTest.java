package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriverServerWarmUpTest {

    @Test
    void nettyIsSetUpDuringTheStartOnlyWithACoreToSpareBesidesTheDriverAndItsWorkers() {
        assertFalse(DriverServer.warmsDuringStart(2, 2), "2 workers on 2 cores: after every worker connected");
        assertFalse(DriverServer.warmsDuringStart(2, 3), "the driver takes the third core while they start");
        assertTrue(DriverServer.warmsDuringStart(2, 4));
        assertFalse(DriverServer.warmsDuringStart(8, 8), "the default pool, a worker per core");
        assertTrue(DriverServer.warmsDuringStart(1, 16));
    }
}
