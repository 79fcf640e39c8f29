/**
 * The shard-size tuner: a pure function from the data shape, the machine and the memory
 * budget to rows per shard, with the constraint that decided it and its arithmetic in
 * human units. It depends on nothing else in the runtime, so both {@code Shards.auto}
 * and the planner use it without a package cycle.
 */
package dev.shard.runtime.tune;
