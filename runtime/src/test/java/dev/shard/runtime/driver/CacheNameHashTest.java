package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheNameHashTest {
    private static final int TEXTS = 200_000;

    @Test
    void theSameTextAlwaysGetsTheSameName() {
        byte[] text = "/usr/lib/jvm/temurin-25\n/work/shard-runtime.jar 812345 1764640000000\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(CacheNameHash.of(text), CacheNameHash.of(text.clone()));
        assertEquals(CacheNameHash.BYTES, CacheNameHash.of(text).length);
    }

    /** Rebuilt jars differ from the last build only in a few digits of a size or a time. */
    @Test
    void textsThatDifferInAFewDigitsGetDistinctNames() {
        Set<String> names = new HashSet<>();
        for (int build = 0; build < TEXTS; build++) {
            String text = "/work/shard-runtime.jar 812345 " + (1_764_640_000_000L + build) + "\n";
            names.add(HexFormat.of().formatHex(CacheNameHash.of(text.getBytes(StandardCharsets.UTF_8))));
        }
        assertEquals(TEXTS, names.size());
    }
}
