package dev.shard.storage.segment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM run as another uid: creates one shm and one spill segment in its default
 * roots, prints where, waits until {@code args[0]} exists, then checks that its values
 * are still its own. Exits 0 only if they are.
 */
public final class SecondUserChild {
    private SecondUserChild() {
    }

    public static void main(String[] args) throws Exception {
        SegmentStore store = SegmentStore.shared();
        try (Segment shm = store.create("second-user-shm", 1 << 20, Backing.SHM);
                Segment spill = store.create("second-user-spill", 1 << 20, Backing.MMAP)) {
            shm.setDouble(0, 65534.5);
            spill.setDouble(8, -65534.5);
            System.out.println("uid " + PrivateRoot.uid());
            System.out.println("shm-segment " + shm.path());
            System.out.println("spill-segment " + spill.path());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(Path.of(args[0])) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (shm.getDouble(0) != 65534.5 || spill.getDouble(8) != -65534.5) {
                System.out.println("values changed under the second user");
                System.exit(3);
            }
            System.out.println("values intact");
        }
    }
}
