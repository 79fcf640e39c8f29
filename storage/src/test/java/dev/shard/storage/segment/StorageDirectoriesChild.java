package dev.shard.storage.segment;

/** Child JVM: prints where its process-wide store puts shm and spill segments, creating one of each. */
public final class StorageDirectoriesChild {
    private StorageDirectoriesChild() {
    }

    public static void main(String[] args) {
        SegmentStore store = SegmentStore.shared();
        System.out.println("shm-root " + store.context().shmRoot());
        System.out.println("spill-root " + store.context().spillRoot());
        try (Segment shm = store.create("probe-shm", 4096, Backing.SHM);
                Segment spill = store.create("probe-spill", 4096, Backing.MMAP)) {
            System.out.println("shm-segment " + shm.path());
            System.out.println("spill-segment " + spill.path());
        }
    }
}
