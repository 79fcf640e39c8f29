/** Expressions compiled into vectorized evaluators over column batches, with SQL null semantics. */
package dev.shard.planner.exec.expr;
