package dev.shard.examples.dataflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.cli.Timings;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.InfeasibleBudgetException;
import dev.shard.planner.run.TableWriters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Runs a dataflow example: opens a session, builds the query once, runs it k times on
 * the warm pool printing {@code compute_s=} per run, then {@code check=} and the files
 * asked for. An infeasible memory budget exits 4 with the planner's message.
 */
final class DataflowRun {
    static final int INFEASIBLE_BUDGET = 4;

    private DataflowRun() {
    }

    static int execute(String name, DataflowOptions options, Function<Session, Dataset> query,
            ToDoubleFunction<ColumnTable> checksum, PrintStream out, PrintStream err) throws IOException {
        var builder = Shard.local().workers(options.workers());
        if (options.memoryBudgetBytes() > 0) {
            builder.memoryBudget(options.memoryBudgetBytes());
        }
        try (Session session = builder.open()) {
            Dataset dataset = query.apply(session);
            Result result = null;
            for (int run = 0; run < options.runs(); run++) {
                result = dataset.execute();
                out.printf(Locale.ROOT, "compute_s=%.6f%n", result.computeSeconds());
            }
            out.printf(Locale.ROOT, "check=%.12e%n", checksum.applyAsDouble(result.table()));
            out.flush();
            if (options.out().isPresent()) {
                TableWriters.write(result.table(), new WriteTarget.CsvFile(options.out().get()));
            }
            writeJson(options.explainJson(), mapper().writeValueAsString(result.explanation()));
            if (result.report().isPresent()) {
                writeJson(options.reportJson(), Timings.annotate(result.report().get().toJson()));
            }
            err.printf(Locale.ROOT, "%s: %d rows, %d workers, %d shards of %d rows (%s); %d groups%n", name,
                    options.rows(), options.workers(), result.explanation().stages().getFirst().shards(),
                    result.explanation().stages().getFirst().shardRows(),
                    result.explanation().stages().getFirst().bindingConstraint(), result.rows());
            return 0;
        } catch (InfeasibleBudgetException e) {
            err.println(name + ": " + e.getMessage());
            err.println("  hint: " + e.hint());
            return INFEASIBLE_BUDGET;
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static void writeJson(Optional<Path> path, String json) throws IOException {
        if (path.isEmpty()) {
            return;
        }
        Path target = path.get().toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.writeString(target, json);
    }
}
