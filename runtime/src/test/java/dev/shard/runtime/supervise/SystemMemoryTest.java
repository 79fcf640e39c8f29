package dev.shard.runtime.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The memory figure from fixture files laid out as /proc and /sys/fs/cgroup show them; only reading is faked. */
class SystemMemoryTest {
    private static final long HOST_MEMORY = 24_683_520L * 1024;

    /** Serves {@code files} (machine path → fixture under system-memory/) and nothing else. */
    private static SystemMemory.FileReader fixtures(String dir, Map<String, String> files) {
        return path -> {
            String fixture = files.get(path.toString());
            if (fixture == null) {
                return Optional.empty();
            }
            try (InputStream in = SystemMemoryTest.class.getResourceAsStream("/system-memory/" + dir + "/" + fixture)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void aContainerLimitWinsOverTheHostsMemory() {
        SystemMemory memory = SystemMemory.detect(fixtures("container", Map.of(
                "/proc/self/cgroup", "self-cgroup",
                "/sys/fs/cgroup/system.slice/docker-4f2a.scope/memory.max", "memory.max",
                "/proc/meminfo", "meminfo")));
        assertEquals(new SystemMemory(1L << 30,
                "cgroup v2 memory.max (/sys/fs/cgroup/system.slice/docker-4f2a.scope/memory.max)"), memory);
    }

    @Test
    void theSmallestLimitAlongTheAncestorsBinds() {
        SystemMemory memory = SystemMemory.detect(fixtures("nested", Map.of(
                "/proc/self/cgroup", "self-cgroup",
                "/sys/fs/cgroup/kubepods/burstable/pod1/ctr/memory.max", "ctr-memory.max",
                "/sys/fs/cgroup/kubepods/burstable/pod1/memory.max", "pod-memory.max",
                "/sys/fs/cgroup/kubepods/burstable/memory.max", "burstable-memory.max",
                "/proc/meminfo", "meminfo")));
        assertEquals(512L << 20, memory.bytes());
        assertEquals("cgroup v2 memory.max (/sys/fs/cgroup/kubepods/burstable/pod1/memory.max)", memory.source());
    }

    @Test
    void maxMeansNoLimitAndTheHostsMemoryIsUsed() {
        SystemMemory memory = SystemMemory.detect(fixtures("unlimited", Map.of(
                "/proc/self/cgroup", "self-cgroup",
                "/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope/memory.max", "memory.max",
                "/proc/meminfo", "meminfo")));
        assertEquals(new SystemMemory(HOST_MEMORY, "/proc/meminfo MemTotal"), memory);
    }

    @Test
    void aCgroupV1HostWithoutMemoryMaxUsesMeminfo() {
        SystemMemory memory = SystemMemory.detect(fixtures("v1-host", Map.of(
                "/proc/self/cgroup", "self-cgroup",
                "/proc/meminfo", "meminfo")));
        assertEquals(new SystemMemory(HOST_MEMORY, "/proc/meminfo MemTotal"), memory);
    }

    @Test
    void nothingReadableIsSaidPlainly() {
        assertEquals(new SystemMemory(0, SystemMemory.UNKNOWN), SystemMemory.detect(path -> Optional.empty()));
    }

    @Test
    void valuesParse() {
        assertEquals(Long.MAX_VALUE, SystemMemory.parseMax("max\n"));
        assertEquals(4096, SystemMemory.parseMax("4096\n"));
        assertEquals(Long.MAX_VALUE, SystemMemory.parseMax("garbage"));
        assertEquals(Optional.of("/a/b"), SystemMemory.unifiedPath("1:memory:/x\n0::/a/b\n"));
        assertEquals(Optional.empty(), SystemMemory.unifiedPath("4:memory:/x\n"));
    }

    @Test
    void thisMachineGivesAFigureAndSaysWhere() {
        SystemMemory memory = SystemMemory.detect();
        assertEquals(true, memory.bytes() > 0, memory::toString);
        assertEquals(true, memory.source().startsWith("cgroup v2") || memory.source().equals("/proc/meminfo MemTotal"),
                memory::toString);
    }
}
