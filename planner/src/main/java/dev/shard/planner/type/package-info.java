/** Column types, fields and schemas shared by every stage of planning. */
package dev.shard.planner.type;
