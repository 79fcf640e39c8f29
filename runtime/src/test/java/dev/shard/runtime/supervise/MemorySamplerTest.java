package dev.shard.runtime.supervise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemorySamplerTest {
    @Test
    void aSinkThatThrowsOnceDoesNotEndSampling() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch laterRounds = new CountDownLatch(3);
        long self = ProcessHandle.current().pid();
        try (MemorySampler sampler = new MemorySampler(5, () -> List.of(self), readings -> {
            if (rounds.incrementAndGet() == 1) {
                throw new IllegalStateException("supervisor failed on this round");
            }
            if (!readings.isEmpty() && readings.getFirst().pid() == self) {
                laterRounds.countDown();
            }
        })) {
            sampler.start();
            assertTrue(laterRounds.await(20, TimeUnit.SECONDS),
                    "sampling stopped after the sink threw; rounds seen: " + rounds.get());
        }
    }
}
