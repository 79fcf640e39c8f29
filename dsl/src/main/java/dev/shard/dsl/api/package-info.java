/** The Java fluent API: sessions, datasets and expression helpers that build the planner's logical plans. */
package dev.shard.dsl.api;
