/**
 * Explain: what the planner chose and why, as data ({@code PlanExplanation}) rendered as
 * indented text for people and golden files, and as JSON (schemaVersion 1) for tools;
 * the logical plan's own text form (for the verbose level) and versioned JSON form.
 */
package dev.shard.planner.explain;
