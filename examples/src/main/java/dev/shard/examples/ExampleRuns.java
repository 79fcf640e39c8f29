package dev.shard.examples;

import dev.shard.dsl.cli.Timings;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.ShardFailure;
import dev.shard.runtime.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** What the example programs share after a run: the report file and failure printing. */
public final class ExampleRuns {
    private ExampleRuns() {
    }

    /** Writes the run report as JSON when a path was asked for; parent directories are created. */
    public static void writeReport(Run<?> run, Optional<Path> path) throws IOException {
        if (path.isEmpty()) {
            return;
        }
        Path target = path.get().toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        // Written under a temporary name and renamed: a run stopped mid-write (Ctrl-C, SIGTERM)
        // never leaves a truncated report under the name a user or a script reads.
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, Timings.annotate(run.report().toJson()));
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The run report's own breakdown of the current phase, for {@code --timings}. */
    public static void recordTimings(Run<?> run) {
        RunReport.Timings timings = run.report().timings();
        Timings.detail("run report: pool start (spawn to connected)", timings.poolStartSeconds());
        Timings.detail("run report: sharing (slowest worker mapping inputs)", timings.shareSeconds());
        Timings.detail("run report: compute (start to last shard)", timings.computeSeconds());
        Timings.detail("run report: total (start to report)", timings.totalSeconds());
    }

    /**
     * For {@code --timings}: the CPU the driver and the pool's workers have used so far, as
     * figures of the current phase (taken before the pool stops, while the workers still run).
     */
    public static void recordCpu(Pool pool) {
        if (!Timings.enabled()) {
            return;
        }
        ProcessCpu.millis(ProcessHandle.current().pid())
                .ifPresent(millis -> Timings.detail("CPU so far: driver JVM", millis / 1e3));
        long workers = 0;
        for (PoolStatus.WorkerStatus worker : pool.status().workers()) {
            OptionalLong millis = ProcessCpu.millis(worker.pid());
            if (millis.isEmpty()) {
                return;
            }
            workers += millis.getAsLong();
        }
        Timings.detail("CPU so far: worker JVMs together", workers / 1e3);
    }

    /** Prints every failed shard with its error, and the first remote stack trace. */
    public static void printFailures(String program, Run<?> run, PrintStream err) {
        err.println(program + ": the run failed: " + run.failures().size() + " shard"
                + (run.failures().size() == 1 ? "" : "s") + " did not complete");
        for (ShardFailure failure : run.failures()) {
            err.println("  " + failure.describe());
        }
        if (!run.failures().isEmpty()) {
            err.println("first remote stack trace:");
            err.println(run.failures().getFirst().remoteStackTrace());
        }
    }
}
