/**
 * memApply as a plan: one call per row or column of a shared matrix, sized by the shard-size
 * tuner and explained like a stage. The runtime's {@code Pool.apply} runs the layout planned
 * here; the dsl's {@code apply rows|columns} statements and the fluent API's
 * {@code Session.apply} both plan through {@link dev.shard.planner.matrix.MatrixApplyPlanner}.
 */
package dev.shard.planner.matrix;
