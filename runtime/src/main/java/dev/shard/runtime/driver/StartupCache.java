package dev.shard.runtime.driver;

import dev.shard.runtime.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker start-up from a JDK AOT cache (classes pre-parsed and linked): on by default
 * whenever the classpath is made of jars (AOT caches need jars). A missing cache is
 * recorded in two steps: one worker of the pool runs with {@code -XX:AOTMode=record} and
 * dumps its AOT configuration as it exits (quick: the pool's stop waits only for that), then
 * a {@link StartupCacheAssembler} process of its own makes the cache from it
 * ({@code -XX:AOTMode=create}) under the cache's lock, into a temporary file renamed into place
 * when whole; nobody waits for it ({@link StartupCacheAssembly}). So a half-written cache is
 * never used, concurrent pools never corrupt one, and a recording or an assembly killed
 * mid-way leaves files its next start removes. Each worker's AOT log goes to a file in the
 * pool directory instead of its output; the driver reads it when the worker connects, so a
 * cache the JVM refused (corrupt, other JDK) is reported once and removed, to be recorded
 * again — it never fails a start.
 */
final class StartupCache {
    private static final Logger LOG = LoggerFactory.getLogger(StartupCache.class);
    /** What the JVM logs once the cache is mapped and its classes are in use. */
    static final String IN_USE_MARK = "Using AOT-linked classes: true";
    /**
     * {@code -Dshard.aot.train=true}: the recorder runs the task-path training before it exits.
     * Off by default: with it, first runs on fresh pools were 2-4x slower (bench/first-run.sh).
     */
    static final String TRAIN_PROPERTY = "shard.aot.train";
    /** What a recorder that ran the training writes to its log (StartupTraining). */
    static final String TRAINED_MARK = "trained the task path";
    /**
     * {@code -Dshard.aot.eager=false} leaves out {@link #EAGER_OPTIONS}. With them, a worker compiles
     * each method the cache holds a C2 compilation of at its first call, from the recorded
     * profile; without, such a method still runs in C1 code until its counters reach the C2
     * thresholds, which for the W1 kernel is most of a pool's first run (bench/results/2026-12-02-first-run-3.md).
     */
    static final String EAGER_PROPERTY = "shard.aot.eager";
    /** Experimental in JDK 25; verified there, so given to JDK 25 workers only (another JDK may not know it). */
    static final List<String> EAGER_OPTIONS = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+AOTCompileEagerly");
    private static final int EAGER_VERIFIED_FEATURE = 25;

    private final Path cache;
    /** The workers' JVM options, which the JVM assembling the cache runs with too. */
    private final List<String> workerOptions;
    private int recorder = -1;
    private Path recording;
    private final Set<Integer> givenCache = new HashSet<>();
    private boolean refusalReported;
    private boolean used;

    /** @param cache the cache file, or null when workers start without one */
    StartupCache(Path cache) {
        this(cache, List.of());
    }

    StartupCache(Path cache, List<String> workerOptions) {
        this.cache = cache;
        this.workerOptions = List.copyOf(workerOptions);
    }

    /**
     * The cache of a starting pool. Removes what killed recordings and assemblies left behind,
     * and waits for this JVM's own assembly of the cache if {@link StartupCacheAssembly#AWAIT_PROPERTY} asks to.
     */
    static StartupCache of(PoolContext context, String classpath, List<String> workerOptions) {
        Path cache = StartupCacheLocation.resolve(context.aotCache(), classpath, workerOptions);
        if (cache != null) {
            StartupCacheFiles.sweep(cache.getParent());
            StartupCacheAssembly.awaitIfAsked(cache);
        }
        return new StartupCache(cache, workerOptions);
    }

    /**
     * JVM options for a new worker: use the cache, or record it if missing and nobody in this
     * pool records it yet, nor assembles it. The JVM's AOT messages go to {@code startupLog}, never to the worker's output.
     */
    synchronized List<String> options(int workerId, Path startupLog) {
        if (cache == null) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        options.add("-Xlog:aot*=off,cds*=off");
        options.add("-Xlog:aot*=warning,cds*=warning,aot=info,cds=info:file=\"" + startupLog + "\"");
        if (Files.isRegularFile(cache)) {
            if (!used) {
                used = true;
                StartupCacheFiles.touch(cache);
            }
            options.add("-XX:AOTCache=" + cache);
            options.addAll(eagerOptions(Runtime.version().feature(), System.getProperty(EAGER_PROPERTY, "true")));
            givenCache.add(workerId);
        } else if (recorder < 0 && !StartupCacheAssembly.underWay(cache)) {
            recorder = workerId;
            recording = StartupCacheFiles.recording(cache);
            // Not -XX:AOTCacheOutput: with it the exiting worker also makes the cache, seconds the pool's
            // stop had to wait for (and killed it at, under load, leaving no cache).
            options.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + recording));
            // -Dshard.aot.train=true: before exiting, the recorder also runs a training workload through
            // its task path (StartupTraining). Off by default: measured, it made first runs slower.
            if ("true".equalsIgnoreCase(System.getProperty(TRAIN_PROPERTY, "false").strip())) {
                options.add("-D" + WorkerMain.TRAIN_PROPERTY + "=true");
            }
        }
        return options;
    }

    /** The options that compile the cache's trained methods at their first call, or none (see {@link #EAGER_PROPERTY}). */
    static List<String> eagerOptions(int jdkFeature, String property) {
        boolean wanted = !"false".equalsIgnoreCase(property.strip());
        return wanted && jdkFeature == EAGER_VERIFIED_FEATURE ? EAGER_OPTIONS : List.of();
    }

    /** True for the worker that records the cache: its exit takes a moment longer (the JVM dumps its AOT configuration). */
    synchronized boolean recording(int workerId) {
        return workerId == recorder && recording != null;
    }

    /** Reads a connected worker's AOT log: whether it started from the cache, and drops a cache the JVM refused. */
    synchronized StartupCacheUse connected(int workerId, Path startupLog) {
        if (recording(workerId)) {
            return StartupCacheUse.RECORDING;
        }
        if (!givenCache.remove(workerId)) {
            return StartupCacheUse.NONE;
        }
        String log;
        try {
            log = Files.isRegularFile(startupLog) ? Files.readString(startupLog) : "";
        } catch (IOException e) {
            return StartupCacheUse.NONE;
        }
        if (log.contains(IN_USE_MARK)) {
            return StartupCacheUse.USED;
        }
        String reason = log.lines().filter(line -> line.contains("[warning]") || line.contains("[error"))
                .findFirst().orElse("no reason logged").replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ?", "");
        if (!refusalReported) {
            refusalReported = true;
            LOG.warn("workers start without the AOT cache {}: the JVM refused it ({}); removing it, it is recorded"
                    + " again", cache, reason.strip());
        }
        try {
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            LOG.warn("cannot remove the refused AOT cache {}: {}", cache, e.toString());
        }
        return StartupCacheUse.REFUSED;
    }

    /** What the recorder's log says about its task-path training, if it ran one. */
    private static String trainingNote(Path workerLog) {
        try {
            return Files.isRegularFile(workerLog) ? Files.readAllLines(workerLog).stream()
                    .filter(line -> line.contains(TRAINED_MARK)).findFirst()
                    .map(line -> " (" + line.replaceFirst("^shard worker: ", "") + ")").orElse("") : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Called when a worker process has ended: the recorder's AOT configuration goes to an
     * assembler. The JVM dumps it as it exits, so only a normal exit (status 0) leaves a whole one.
     */
    synchronized void exited(int workerId, int exitStatus, Path workerLog) {
        if (!recording(workerId)) {
            return;
        }
        Path configuration = recording;
        recording = null;
        try {
            if (exitStatus == 0 && Files.isRegularFile(configuration) && Files.size(configuration) > 0) {
                Process assembler = StartupCacheAssembly.start(cache, configuration, workerOptions);
                LOG.info("recorded the worker AOT cache {}: assembling it in the background (process {}){}", cache,
                        assembler.pid(), trainingNote(workerLog));
                return;
            }
        } catch (IOException e) {
            LOG.warn("cannot assemble the worker AOT cache {}: {}", cache, e.toString());
        }
        try {
            Files.deleteIfExists(configuration);
        } catch (IOException ignored) {
            // Named by this driver's pid: a later start removes it once this driver has ended.
        }
    }
}
