package dev.shard.planner.run;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.runtime.report.RunReport;
import java.util.List;
import java.util.Optional;

/**
 * A finished query: its result rows (on the driver, unless they were streamed straight into
 * the query's output file), the query's run report (every stage's run combined: broadcast
 * builds, a partitioned join's partition and join steps, the final stage; empty when nothing
 * ran), explain with actuals, the compute time, and each stage's own run report in run order.
 */
public final class QueryResult {
    private final ColumnTable table;
    private final long rows;
    private final String writtenTo;
    private final Optional<RunReport> report;
    private final PlanExplanation explanation;
    private final double computeSeconds;
    private final List<StageRunReport> stageReports;

    private QueryResult(ColumnTable table, long rows, String writtenTo, Optional<RunReport> report,
            PlanExplanation explanation, double computeSeconds, List<StageRunReport> stageReports) {
        this.table = table;
        this.rows = rows;
        this.writtenTo = writtenTo;
        this.report = report;
        this.explanation = explanation;
        this.computeSeconds = computeSeconds;
        this.stageReports = List.copyOf(stageReports);
    }

    /** A result whose rows the driver holds. */
    public static QueryResult kept(ColumnTable table, Optional<RunReport> report, PlanExplanation explanation,
            double computeSeconds, List<StageRunReport> stageReports) {
        return new QueryResult(table, table.rows(), null, report, explanation, computeSeconds, stageReports);
    }

    /** A result of {@code rows} rows that went from the workers' files into {@code writtenTo}, not kept. */
    static QueryResult streamed(long rows, String writtenTo, Optional<RunReport> report,
            PlanExplanation explanation, double computeSeconds, List<StageRunReport> stageReports) {
        return new QueryResult(null, rows, writtenTo, report, explanation, computeSeconds, stageReports);
    }

    /** The rows on the driver; refused when they were streamed into the output file instead. */
    public ColumnTable table() {
        if (table == null) {
            throw new IllegalStateException("the query's " + rows + " rows were streamed into " + writtenTo
                    + " without being kept on the driver: read that file, or run the query without its write"
                    + " (collect) to have them in memory");
        }
        return table;
    }

    /** True when {@link #table()} holds the rows. */
    public boolean rowsKept() {
        return table != null;
    }

    public long rows() {
        return rows;
    }

    public Optional<RunReport> report() {
        return report;
    }

    public PlanExplanation explanation() {
        return explanation;
    }

    public double computeSeconds() {
        return computeSeconds;
    }

    public List<StageRunReport> stageReports() {
        return stageReports;
    }
}
