package dev.shard.dsl.cli;

import dev.shard.storage.segment.SegmentSweeper;
import dev.shard.storage.segment.StorageContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Removes what crashed runs left behind: run directories in the shm and spill roots
 * whose owner process is gone. Live runs are never touched. A root that is not this
 * user's (a symbolic link, another user's directory) is not swept: gc says so on stderr,
 * with the fix, and exits {@link ErrorReport#RUN_FAILED} after sweeping the other root.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Remove segments left behind by runs whose process is gone.")
final class GcCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StorageContext context = StorageContext.fromEnvironment();
        SegmentSweeper.Outcome outcome = SegmentSweeper.sweepRoots(context);
        List<SegmentSweeper.Removed> removed = outcome.removed();
        for (SegmentSweeper.Removed entry : removed) {
            out.printf("removed %s (%s, %s)%n", entry.directory(), Bytes.format(entry.bytes()), entry.reason());
        }
        long total = removed.stream().mapToLong(SegmentSweeper.Removed::bytes).sum();
        out.printf("gc: %d run director%s removed, %s freed (roots: %s, %s)%n", removed.size(),
                removed.size() == 1 ? "y" : "ies", Bytes.format(total), context.shmRoot(), context.spillRoot());
        for (SegmentSweeper.Refused refused : outcome.refused()) {
            err.printf("shard gc: skipped %s, nothing there was removed: %s%n", refused.root(), refused.problem());
        }
        err.flush();
        return outcome.refused().isEmpty() ? 0 : ErrorReport.RUN_FAILED;
    }
}
