/** The logical plan: immutable, sealed nodes with resolved schemas. Both front ends build it. */
package dev.shard.planner.logical;
