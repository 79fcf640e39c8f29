package dev.shard.planner.run;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.storage.arrow.ArrowShare;
import dev.shard.storage.arrow.SharedTableInput;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A join's build side, once on the driver, shared as one Arrow table that every worker maps. */
final class BuildSharing {
    private BuildSharing() {
    }

    static SharedTableInput share(ColumnTable table) {
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ArrowTables.toArrow(table, allocator)) {
            return ArrowShare.share(root);
        }
    }
}
