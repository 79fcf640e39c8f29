package dev.shard.runtime.driver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pool's AOT cache lives. By default one file per JDK, classpath (each jar's path,
 * size and modification time) and worker JVM options, named by their hash under
 * {@code ${XDG_CACHE_HOME:-~/.cache}/shard/aot} ({@code -Dshard.aot.dir} to move it,
 * {@code -Dshard.aot=false} to switch it off): a rebuilt jar or another JDK gets a cache
 * of its own instead of one the JVM would refuse.
 */
final class StartupCacheLocation {
    private static final Logger LOG = LoggerFactory.getLogger(StartupCacheLocation.class);
    static final String ENABLED_PROPERTY = "shard.aot";
    static final String DIRECTORY_PROPERTY = "shard.aot.dir";

    private StartupCacheLocation() {
    }

    /** The cache file for these workers, or null when they start without one. */
    static Path resolve(Path explicit, String classpath, List<String> workerOptions) {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").strip())) {
            return null;
        }
        if (!jarsOnly(classpath)) {
            if (explicit != null) {
                LOG.info("not using the AOT cache {}: the classpath has directories (AOT caches need jars)", explicit);
            }
            return null;
        }
        try {
            Path file = explicit != null ? explicit.toAbsolutePath()
                    : directory().resolve(key(classpath, workerOptions) + ".aot");
            Files.createDirectories(file.getParent());
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.warn("workers start without an AOT cache: cannot use its directory ({})", e.toString());
            return null;
        }
    }

    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("shard").resolve("aot");
    }

    /** Hash of everything the JVM checks before it accepts a cache, plus the options workers run with. */
    static String key(String classpath, List<String> workerOptions) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : entries(classpath)) {
            Path jar = Path.of(entry).toAbsolutePath();
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            text.append(jar).append(' ').append(attributes.size()).append(' ')
                    .append(attributes.lastModifiedTime().toMillis()).append('\n');
        }
        for (String option : workerOptions) {
            // Properties and logging do not change what the cache holds.
            if (!option.startsWith("-D") && !option.startsWith("-Xlog")) {
                text.append(option).append('\n');
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "workers-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static boolean jarsOnly(String classpath) {
        List<String> entries = entries(classpath);
        return !entries.isEmpty() && entries.stream()
                .allMatch(entry -> entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry)));
    }

    private static List<String> entries(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).toList();
    }
}
