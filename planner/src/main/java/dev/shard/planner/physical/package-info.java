/** The physical plan: immutable, serializable stage fragments (*Exec records), shard sizing, the physical planner. */
package dev.shard.planner.physical;
