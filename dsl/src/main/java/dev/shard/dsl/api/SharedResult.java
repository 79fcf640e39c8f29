package dev.shard.dsl.api;

import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.SharedTableInput;

/**
 * A query's result kept in shared memory for later queries of the same session (a script's
 * {@code let name = from ...}): one Arrow table that every worker maps zero-copy. Counted in
 * the session's shared bytes while open; {@link #close()} unlinks it.
 */
public final class SharedResult implements AutoCloseable {
    private final String name;
    private final SharedTableInput input;
    private final Schema schema;
    private final long rows;
    private final Runnable release;

    SharedResult(String name, SharedTableInput input, Schema schema, long rows, Runnable release) {
        this.name = name;
        this.input = input;
        this.schema = schema;
        this.rows = rows;
        this.release = release;
    }

    public String name() {
        return name;
    }

    public long rows() {
        return rows;
    }

    /** A scan of this result reading {@code columns} (a subset of its schema, as projection pruning leaves it). */
    public LogicalScan scan(Schema columns) {
        return new LogicalScan(new TableSource.SharedTable(name, input.handle().encode()), columns, rows);
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public void close() {
        if (!input.isClosed()) {
            release.run();
            input.close();
        }
    }
}
