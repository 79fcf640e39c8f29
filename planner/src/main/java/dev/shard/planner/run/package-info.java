/** Running a physical plan from the driver: dispatch on the pool, merge, finishing operators, readers and writers, explain actuals. */
package dev.shard.planner.run;
