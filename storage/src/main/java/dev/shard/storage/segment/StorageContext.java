package dev.shard.storage.segment;

import java.nio.file.Path;

/**
 * Where segments go. Each directory is read, in order, from a system property, an
 * environment variable, then a default:
 *
 * <ul>
 *   <li>{@code shard.shm.dir} / {@code SHARD_SHM_DIR} / {@code /dev/shm/shard-<uid>}
 *   <li>{@code shard.spill.dir} / {@code SHARD_SPILL_DIR} / {@code ${java.io.tmpdir}/shard-spill-<uid>}
 * </ul>
 *
 * <p>The defaults are per user (effective uid), so that several users of one machine
 * never share a root; every root is checked to be a real directory owned by this user
 * before it is used (see {@link PrivateRoot}).
 */
public record StorageContext(Path shmRoot, Path spillRoot) {
    public static final String SHM_DIR_PROPERTY = "shard.shm.dir";
    public static final String SHM_DIR_ENV = "SHARD_SHM_DIR";
    public static final String SPILL_DIR_PROPERTY = "shard.spill.dir";
    public static final String SPILL_DIR_ENV = "SHARD_SPILL_DIR";

    public static StorageContext fromEnvironment() {
        int uid = PrivateRoot.uid();
        Path shm = Path.of(setting(SHM_DIR_PROPERTY, SHM_DIR_ENV, "/dev/shm/shard-" + uid));
        Path spill = Path.of(setting(SPILL_DIR_PROPERTY, SPILL_DIR_ENV,
                Path.of(System.getProperty("java.io.tmpdir"), "shard-spill-" + uid).toString()));
        return new StorageContext(shm.toAbsolutePath(), spill.toAbsolutePath());
    }

    public Path root(Backing backing) {
        return switch (backing) {
            case SHM -> shmRoot;
            case MMAP -> spillRoot;
            case AUTO -> throw new IllegalArgumentException("resolve AUTO before asking for a root");
        };
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            return value;
        }
        value = System.getenv(env);
        return value != null && !value.isBlank() ? value : fallback;
    }
}
