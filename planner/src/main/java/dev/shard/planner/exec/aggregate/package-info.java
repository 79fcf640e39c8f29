/** Hash aggregation: group keys, aggregate states, per-block partials and their merge in block order. */
package dev.shard.planner.exec.aggregate;
