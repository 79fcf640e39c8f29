/**
 * Rewrite rules over the logical plan, one per file, each with a stable snake_case name
 * that explain prints; {@link dev.shard.planner.rule.Rules#standard()} is their order and
 * {@link dev.shard.planner.rule.Optimizer} applies them, checking the plan after each.
 */
package dev.shard.planner.rule;
