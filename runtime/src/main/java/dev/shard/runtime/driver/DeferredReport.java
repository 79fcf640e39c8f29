package dev.shard.runtime.driver;

import dev.shard.runtime.report.RunReport;
import java.util.function.IntToLongFunction;

/**
 * A finished run's report, assembled the first time it is asked for, not before the run
 * returns. Assembling walks every shard's time (percentiles, slow shards, advice): for
 * 10,000 tiny tasks that is 0.4-2 ms a run once the driver is compiled and 10-20 ms on a
 * fresh driver's first run, all of it on the caller's wait although most callers read
 * the report later or never. The run's end is stamped when it ends, so the report's total
 * is the same whenever it is assembled.
 *
 * <p>Safe to assemble later and from any thread: the {@link RunConductor} is frozen once
 * its run has ended (the pool routes no event to it any more), and it is reached through
 * the final fields of the run that returned it.
 */
public final class DeferredReport {
    private DriverConductor conductor;
    private RunConductor run;
    private final String runError;
    private IntToLongFunction shardItems;
    private final long endNanos;
    private RunReport report;

    DeferredReport(DriverConductor conductor, RunConductor run, String runError, IntToLongFunction shardItems,
            long endNanos) {
        this.conductor = conductor;
        this.run = run;
        this.runError = runError;
        this.shardItems = shardItems;
        this.endNanos = endNanos;
    }

    /** The report, assembled on the first call; later calls return the same instance. */
    public synchronized RunReport get() {
        if (report == null) {
            report = ReportAssembler.assemble(conductor, run, runError, shardItems, endNanos);
            // The run's state is only needed for this: let it go.
            conductor = null;
            run = null;
            shardItems = null;
        }
        return report;
    }
}
