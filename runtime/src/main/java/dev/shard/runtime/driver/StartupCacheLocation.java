package dev.shard.runtime.driver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    /** Options by which the user runs workers with an archive of their own. */
    private static final List<String> OWN_ARCHIVE_OPTIONS = List.of("-XX:AOTCache", "-XX:AOTMode",
            "-XX:AOTConfiguration", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive",
            "-Xshare");

    private StartupCacheLocation() {
    }

    /** The cache file for these workers, or null when they start without one. */
    static Path resolve(Path explicit, String classpath, List<String> workerOptions) {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").strip())) {
            return null;
        }
        for (String option : workerOptions) {
            if (OWN_ARCHIVE_OPTIONS.stream().anyMatch(option::startsWith)) {
                LOG.info("workers start without shard's AOT cache: the worker options set {}", option);
                return null;
            }
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
            // Properties, logging and heap sizes below 32 GiB do not change what the JVM accepts: a pool
            // bounded by another budget finds the same cache instead of recording one of its own.
            if (!option.startsWith("-D") && !option.startsWith("-Xlog") && !WorkerHeapOptions.sizesHeapOnly(option)) {
                text.append(option).append('\n');
            }
        }
        return "workers-" + HexFormat.of().formatHex(CacheNameHash.of(text.toString().getBytes(StandardCharsets.UTF_8)));
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
