/** Run reports: the record, its JSON form (schemaVersion 1) and its text rendering. */
package dev.shard.runtime.report;
