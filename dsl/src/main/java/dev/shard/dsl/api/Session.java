package dev.shard.dsl.api;

import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.run.PlanExplainer;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.matrix.MatrixApply;
import dev.shard.planner.matrix.MatrixApplyPlan;
import dev.shard.planner.matrix.MatrixApplyPlanner;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.rule.Optimizer;
import dev.shard.planner.run.ArrowFileReference;
import dev.shard.planner.run.ArrowTables;
import dev.shard.planner.run.CsvTableReader;
import dev.shard.planner.run.QueryRunner;
import dev.shard.runtime.api.DefaultMemoryBudget;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.tune.WorkerMemory;
import dev.shard.runtime.task.VectorKernel;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.storage.SharedReference;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.ArrowShare;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableHandle;
import dev.shard.storage.arrow.SharedTableInput;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.share.SharedHandle;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A session: one supervised pool of worker JVMs reused by every query, the tables it
 * shared (CSV inputs), and the allocator of collected results. Close it to stop the
 * workers and release what it shared.
 */
public final class Session implements AutoCloseable {
    private final Pool pool;
    private final MachineProfile machine;
    private final int workers;
    private final long memoryBudgetBytes;
    private final String memoryBudgetSource;
    private final BufferAllocator allocator = new RootAllocator();
    private final List<SharedTableInput> shared = new ArrayList<>();

    Session(Pool pool, int workers, DefaultMemoryBudget budget, long workerMaxHeap) {
        this.pool = pool;
        this.machine = machineOf(pool, workers, workerMaxHeap);
        this.workers = workers;
        this.memoryBudgetBytes = budget.bytes();
        this.memoryBudgetSource = budget.source();
    }

    /** {@code rows} rows whose columns are functions of the row index (random, randomInt, row, ...). */
    public Dataset generate(long rows, NamedExpr... columns) {
        return new Dataset(this, new LogicalGenerate(rows, List.of(columns)));
    }

    /** An Arrow IPC file, mapped zero-copy by every worker; only the columns a query uses are read. */
    public Dataset readArrow(Path file) {
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            return new Dataset(this, new LogicalScan(new TableSource.ArrowFile(file.toAbsolutePath()),
                    ArrowTables.schemaOf(table.schema()), table.rowCount()));
        }
    }

    /** A CSV file with a header: parsed here once and shared as an Arrow table that workers map. */
    public Dataset readCsv(Path file) {
        ColumnTable table = CsvTableReader.read(file);
        SharedTableInput input;
        try (VectorSchemaRoot root = ArrowTables.toArrow(table, allocator)) {
            input = ArrowShare.share(root);
        }
        shared.add(input);
        return new Dataset(this, new LogicalScan(new TableSource.SharedTable(file.getFileName().toString(),
                input.handle().encode()), table.schema(), table.rows()));
    }

    /**
     * A shared matrix of doubles as a table, read zero-copy by every worker: column {@code j}
     * is the DOUBLE column {@code columnNames[j]} ({@code c0, c1, ...} when none are given), no
     * nulls; only the columns a query uses are read. The caller keeps the matrix shared while
     * the session's queries read it.
     */
    public Dataset scanMatrix(String name, SharedHandle matrix, String... columnNames) {
        if (!matrix.isMatrix()) {
            throw new IllegalArgumentException("scanMatrix needs a matrix, but `" + name + "` (" + matrix.describe()
                    + ") is a vector: share it with Shared.shareMatrix");
        }
        if (matrix.type() != ElementType.DOUBLE) {
            throw new IllegalArgumentException("scanMatrix reads matrices of doubles, but `" + name + "` holds "
                    + matrix.type().displayName() + " values");
        }
        long rows = matrix.shape()[0];
        int columns = Math.toIntExact(matrix.shape()[1]);
        List<String> names = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            names.add(columnNames.length == 0 ? "c" + column : column < columnNames.length ? columnNames[column] : null);
        }
        if (columnNames.length != 0 && columnNames.length != columns) {
            throw new IllegalArgumentException("`" + name + "` has " + columns + " columns but " + columnNames.length
                    + " names were given: name every column, or none for c0, c1, ...");
        }
        Schema schema = new Schema(names.stream().map(column -> new Field(column, DataType.DOUBLE, false)).toList());
        return new Dataset(this, new LogicalScan(new TableSource.SharedMatrix(name, matrix.encode(), names), schema,
                rows));
    }

    /**
     * Keeps {@code result}'s rows in shared memory as one Arrow table that later queries scan
     * or join zero-copy ({@link #scan(SharedResult)}); planned as shared bytes until closed.
     */
    public SharedResult share(String name, Result result) {
        SharedTableInput input;
        try (VectorSchemaRoot root = ArrowTables.toArrow(result.table(), allocator)) {
            input = ArrowShare.share(root);
        }
        shared.add(input);
        return new SharedResult(name, input, result.table().schema(), result.rows(), () -> shared.remove(input));
    }

    /**
     * A query over a result kept in shared memory ({@link #share}): every worker reads it in
     * place, as a script's later statements read a {@code let}; join other queries with it
     * (a broadcast join builds its hash table from the shared table, run nowhere again).
     */
    public Dataset scan(SharedResult result) {
        return new Dataset(this, result.scan(result.schema()));
    }

    /**
     * Runs a plan built elsewhere (a lowered script): CSV scans are read here once and shared
     * as Arrow tables first, as {@link #readCsv} does.
     */
    public Result run(LogicalPlan plan) {
        return execute(sharingCsv(plan));
    }

    /**
     * As {@link #run(LogicalPlan)}, keeping the rows on the driver even when the plan writes
     * them to a file (a result read again afterwards); {@link #run(LogicalPlan)} streams such
     * rows into the file without holding them.
     */
    public Result runKeepingRows(LogicalPlan plan) {
        return new Result(QueryRunner.run(pool, plan(sharingCsv(plan)), Session::reference, true));
    }

    /** The plan as {@link Dataset#explain} gives it; at ANALYZE the plan runs. */
    public PlanExplanation explain(LogicalPlan plan, ExplainLevel level) {
        if (level == ExplainLevel.ANALYZE) {
            return run(plan).explanation();
        }
        // With the build sides of joins, which run first: their stages are part of the plan.
        LogicalPlan shared = sharingCsv(plan);
        PlanExplanation planned = PlanExplainer.planned(plan(shared));
        return level == ExplainLevel.VERBOSE ? planned.withRuleSteps(Optimizer.standard().optimize(shared).steps())
                : planned;
    }

    /** The physical plan of {@code plan} for this session's workers and budget (stages, shard sizes). */
    public PhysicalPlan physicalPlan(LogicalPlan plan) {
        return plan(sharingCsv(plan));
    }

    /**
     * memApply: {@code function} once per row or column of the shared matrix {@code matrix}
     * (explain calls it {@code name}), in shards the tuner sizes; see {@link MatrixApplyBuilder}.
     */
    public <R extends Serializable> MatrixApplyBuilder<R> apply(String name, SharedReference<?> matrix, Margin margin,
            VectorKernel<R> function) {
        return new MatrixApplyBuilder<>(this, name, matrix, margin, function);
    }

    /**
     * Sizes an apply for this session's workers and budget; the matrix and side inputs count as
     * shared bytes on top of what the session shared.
     */
    public MatrixApplyPlan planApply(MatrixApply apply) {
        return MatrixApplyPlanner.plan(apply, new PlanningContext(machine, memoryBudgetBytes, sharedBytes(),
                memoryBudgetSource), false);
    }

    /** The session's warm pool, for the matrix statements of scripts and for progress. */
    public Pool pool() {
        return pool;
    }

    private LogicalPlan sharingCsv(LogicalPlan plan) {
        if (plan instanceof LogicalScan scan && scan.source() instanceof TableSource.CsvFile csv) {
            LogicalScan shared = (LogicalScan) readCsv(csv.path()).plan();
            return new LogicalScan(shared.source(), scan.schema(), scan.rows());
        }
        List<LogicalPlan> inputs = plan.inputs().stream().map(this::sharingCsv).toList();
        return inputs.equals(plan.inputs()) ? plan : plan.withInputs(inputs);
    }

    public int workers() {
        return workers;
    }

    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    /** Where {@link #memoryBudgetBytes()} came from: "set", "none", or derived from the machine's memory. */
    public String memoryBudgetSource() {
        return memoryBudgetSource;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    long sharedBytes() {
        return shared.stream().mapToLong(input -> input.handle().length()).sum();
    }

    PhysicalPlan plan(LogicalPlan plan) {
        return PhysicalPlanner.plan(plan, new PlanningContext(machine, memoryBudgetBytes, sharedBytes(),
                memoryBudgetSource));
    }

    /**
     * What the tuner plans with: the pool's workers and a worker's base, the largest private
     * memory measured at start or, when more, what a worker holds outside its heap plus its
     * young generation ({@link WorkerMemory#plannedBaseBytes}).
     */
    MachineProfile machine() {
        return machine;
    }

    private static MachineProfile machineOf(Pool pool, int workers, long workerMaxHeap) {
        long measured = pool.status().workers().stream().mapToLong(PoolStatus.WorkerStatus::baselinePrivateBytes)
                .max().orElse(-1);
        long base = WorkerMemory.plannedBaseBytes(measured > 0 ? measured
                : MachineProfile.MEASURED_WORKER_BASE_PRIVATE_BYTES, workerMaxHeap);
        return new MachineProfile(workers, base, MachineProfile.MEASURED_DISPATCH_OVERHEAD_NANOS);
    }

    Result execute(LogicalPlan plan) {
        return new Result(QueryRunner.run(pool, plan(plan), Session::reference));
    }

    private static SharedReference<SharedArrowTable> reference(TableSource source) {
        return switch (source) {
            case TableSource.ArrowFile file -> new ArrowFileReference(file.path().toString());
            case TableSource.SharedTable table -> SharedTableHandle.decode(table.encodedHandle());
            case TableSource.CsvFile csv -> throw new PlanException("CSV source " + csv.path() + " was not shared",
                    "read it with session.readCsv(path)");
            case TableSource.SharedMatrix matrix -> throw new PlanException("shared matrix " + matrix.name()
                    + " is not an Arrow table", "scan it with session.scanMatrix(name, handle): the stage opens it"
                    + " by its own handle");
            case TableSource.NamedResult result -> throw new PlanException("the result `" + result.name()
                    + "` was not computed before the query that reads it", "run the query that binds `"
                    + result.name() + "` first and scan its SharedResult (Session.share)");
        };
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            shared.forEach(SharedTableInput::close);
            allocator.close();
        }
    }
}
