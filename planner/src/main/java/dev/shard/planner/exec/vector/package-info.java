/** Column batches of primitive arrays: the unit every operator works on (no per-row objects). */
package dev.shard.planner.exec.vector;
