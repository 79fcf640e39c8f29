/**
 * The planner: what to compute ({@code logical}), rewritten by rules, cut into stages of
 * runtime tasks with shard sizes chosen by the tuner, and explained.
 */
package dev.shard.planner;
