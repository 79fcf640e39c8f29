/** Scalar and aggregate expressions, their type rules, and the reference data generator. */
package dev.shard.planner.expr;
