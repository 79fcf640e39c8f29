package dev.shard.storage.share;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.testing.ChildJvm;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** int, long, logical and raw shared arrays open by handle in another process with the values we shared. */
@Tag("process")
class CrossProcessTypedArraysTest {
    private static final int LENGTH = 100_003;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void childReadsEveryTypedArrayByHandle() throws Exception {
        Random random = new Random(42);
        int[] ints = new int[LENGTH];
        long[] longs = new long[LENGTH];
        boolean[] logicals = new boolean[LENGTH];
        byte[] raw = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            ints[i] = random.nextInt();
            longs[i] = random.nextLong();
            logicals[i] = random.nextBoolean();
            raw[i] = (byte) random.nextInt(256);
        }
        try (SharedInput sharedInts = Shared.share(ints);
                SharedInput sharedLongs = Shared.share(longs);
                SharedInput sharedLogicals = Shared.share(logicals);
                SharedInput sharedRaw = Shared.share(raw);
                ChildJvm child = ChildJvm.start(TypedArraysChild.class, sharedInts.handle().encode(),
                        sharedLongs.handle().encode(), sharedLogicals.handle().encode(),
                        sharedRaw.handle().encode())) {
            String output = child.awaitSuccess(Duration.ofSeconds(90));
            long intSum = 0;
            long longSum = 0;
            long logicalSum = 0;
            long rawSum = 0;
            for (int i = 0; i < LENGTH; i++) {
                intSum += (i + 1L) * ints[i];
                longSum += (i + 1L) * longs[i];
                logicalSum += logicals[i] ? i + 1L : 0;
                rawSum += (i + 1L) * Byte.toUnsignedLong(raw[i]);
            }
            assertTrue(output.contains("int " + LENGTH + " " + intSum + "\n"), output);
            assertTrue(output.contains("long " + LENGTH + " " + longSum + "\n"), output);
            assertTrue(output.contains("logical " + LENGTH + " " + logicalSum + "\n"), output);
            assertTrue(output.contains("raw " + LENGTH + " " + rawSum + "\n"), output);
            assertTrue(output.contains("copies 0\n"), "reading by index copies nothing: " + output);
        }
    }
}
