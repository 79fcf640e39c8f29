/**
 * Running a lowered script on a session: queries through the same path as the fluent API,
 * the matrix statements on the session's pool (lists and {@code apply each} through
 * {@code Pool.lapply}), results printed as aligned tables.
 */
package dev.shard.dsl.run;
