/**
 * The shard planner: logical plans and their rules, the physical plan with shard sizes from
 * the tuner, explain, and the operators the workers run. Every package is exported: the dsl
 * builds plans and reads explanations, and the worker JVMs load the stage kernels by name.
 */
module dev.shard.planner {
    requires transitive dev.shard.runtime;
    requires com.fasterxml.jackson.databind;
    // A worker gives heap back between stages through the HotSpot diagnostic bean (exec.StageHeap).
    requires jdk.management;

    exports dev.shard.planner;
    exports dev.shard.planner.exec;
    exports dev.shard.planner.exec.aggregate;
    exports dev.shard.planner.exec.expr;
    exports dev.shard.planner.exec.vector;
    exports dev.shard.planner.explain;
    exports dev.shard.planner.expr;
    exports dev.shard.planner.logical;
    exports dev.shard.planner.matrix;
    exports dev.shard.planner.physical;
    exports dev.shard.planner.rule;
    exports dev.shard.planner.run;
    exports dev.shard.planner.type;
}
