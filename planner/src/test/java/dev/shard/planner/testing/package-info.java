/** Test support: plan builders, a plan matcher and the golden-file runner (copyable to other modules). */
package dev.shard.planner.testing;
