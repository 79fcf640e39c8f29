/**
 * Explain: what the planner chose and why, as data ({@code PlanExplanation}) rendered as
 * indented text for people and golden files, and as JSON (schemaVersion 1) for tools.
 */
package dev.shard.planner.explain;
