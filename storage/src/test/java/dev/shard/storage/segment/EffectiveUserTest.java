package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EffectiveUserTest {
    @Test
    void theProcFileGivesTheSameUidAsGeteuid() {
        assertEquals(NativeFiles.effectiveUid(), EffectiveUser.uid());
    }

    @Test
    void theEffectiveUidIsTheSecondFieldOfTheUidLine() {
        List<String> status = List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t1001\t1002\t1003", "Gid:\t5\t5\t5\t5");
        assertEquals(OptionalInt.of(1001), EffectiveUser.parse(status));
    }

    @Test
    void aStatusWithoutAWellFormedUidLineGivesNothing() {
        assertEquals(OptionalInt.empty(), EffectiveUser.parse(List.of("Name:\tjava")));
        assertEquals(OptionalInt.empty(), EffectiveUser.parse(List.of("Uid:\t1000")));
        assertEquals(OptionalInt.empty(), EffectiveUser.parse(List.of("Uid:\t1000\tx\t1000\t1000")));
    }
}
