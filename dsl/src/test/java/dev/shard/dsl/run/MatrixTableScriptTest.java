package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code from X} where X is a matrix the script made in the workers: the matrix is read in
 * place as a table of columns c0, c1, ... (as {@code Session.scanMatrix} names them), through
 * filter, derive, group and sort, and the result equals a plain loop over the same cells; a
 * vector after {@code from} and a column the matrix lacks are refused at file:line:col.
 */
@Timeout(300)
class MatrixTableScriptTest {
    private static final int ROWS = 200_000;

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int shard(String... arguments) {
        return ShardCommand.execute(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aScriptMatrixIsScannedAsATableInPlace() throws IOException {
        Path script = directory.resolve("scan.shard");
        Files.writeString(script, """
                let X = matrix(%d, 3) {row() %% 7 + col() * 10}
                let wide = from X | filter c0 > 2
                from wide
                derive total = c0 + c1 + c2
                group {c0} (aggregate {n = count(), s = sum(total), top = max(c2)})
                sort {-c0}
                write "%s/by_c0.csv"
                """.formatted(ROWS, directory), StandardCharsets.UTF_8);
        assertEquals(0, shard("run", script.toString(), "--workers", "2"), err.toString());
        assertEquals(expected(), Files.readAllLines(directory.resolve("by_c0.csv")));
    }

    /** Cell (i, j) = i mod 7 + 10 j: per c0 = i mod 7 > 2, its rows, Σ (3·c0 + 30) and max c2 = c0 + 20. */
    private static List<String> expected() {
        Map<Integer, long[]> groups = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (int row = 0; row < ROWS; row++) {
            int c0 = row % 7;
            if (c0 > 2) {
                long[] group = groups.computeIfAbsent(c0, key -> new long[2]);
                group[0]++;
                group[1] += 3L * c0 + 30;
            }
        }
        List<String> lines = new ArrayList<>(List.of("c0,n,s,top"));
        groups.forEach((c0, group) -> lines.add((double) c0 + "," + group[0] + "," + (double) group[1] + ","
                + (double) (c0 + 20)));
        return lines;
    }

    @Test
    void explainNamesTheMatrixScanAndItsColumns() throws IOException {
        Path script = directory.resolve("explain.shard");
        Files.writeString(script, """
                let X = matrix(1_000, 4) {row() * col()}
                from X | filter c3 > 5 | select c1
                """, StandardCharsets.UTF_8);
        assertEquals(0, shard("explain", script.toString(), "--workers", "1"), err.toString());
        assertTrue(out.toString().contains("MatrixScanExec source=shared matrix X, columns=c1, c3 — est. 1,000 rows"),
                out.toString());
    }

    @Test
    void aVectorOrAMissingColumnIsRefusedAtItsPlace() throws IOException {
        Path vector = directory.resolve("vector.shard");
        Files.writeString(vector, """
                let v = vector(10) {row()}
                from v | filter c0 > 1
                """, StandardCharsets.UTF_8);
        assertEquals(3, shard("check", vector.toString()), err.toString());
        assertTrue(err.toString().contains("vector.shard:2:6: error[E0303]: `from v` reads rows, but `v` is a vector"),
                err.toString());
        assertTrue(err.toString().contains("for a vector, make it a one-column matrix (`matrix(n, 1) {...}`)"),
                err.toString());

        Path column = directory.resolve("column.shard");
        Files.writeString(column, """
                let X = matrix(10, 2) {row()}
                from X | filter c2 > 1
                """, StandardCharsets.UTF_8);
        assertEquals(3, shard("check", column.toString()), err.toString());
        assertTrue(err.toString().contains("column.shard:2:17: error[E0306]: no column `c2` in the rows at this step"),
                err.toString());
        assertTrue(err.toString().contains("the columns here are c0, c1"), err.toString());
    }
}
