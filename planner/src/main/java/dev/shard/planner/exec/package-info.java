/** Stage execution inside the workers: the stage kernel, sources, pipeline operators, Arrow column access. */
package dev.shard.planner.exec;
