package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoggingTest {
    @Test
    void namesTheProviderItShipsSoSlf4jDoesNotScanTheClassPath() throws Exception {
        String previous = System.getProperty("slf4j.provider");
        try {
            System.clearProperty("slf4j.provider");
            Logging.configure(false);
            assertEquals(Logging.PROVIDER, System.getProperty("slf4j.provider"));
            // The named class is a real provider on the class path, or SLF4J would fall back to the scan.
            assertEquals("org.slf4j.spi.SLF4JServiceProvider",
                    Class.forName(Logging.PROVIDER).getInterfaces()[0].getName());
        } finally {
            if (previous == null) {
                System.clearProperty("slf4j.provider");
            } else {
                System.setProperty("slf4j.provider", previous);
            }
        }
    }

    @Test
    void keepsAProviderTheUserNamed() {
        String previous = System.getProperty("slf4j.provider");
        try {
            System.setProperty("slf4j.provider", "com.example.TheirProvider");
            Logging.configure(false);
            assertEquals("com.example.TheirProvider", System.getProperty("slf4j.provider"));
        } finally {
            if (previous == null) {
                System.clearProperty("slf4j.provider");
            } else {
                System.setProperty("slf4j.provider", previous);
            }
        }
    }
}
