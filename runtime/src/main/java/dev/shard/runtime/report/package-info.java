/**
 * Run reports: the record, its JSON form (schemaVersion 1, written with Jackson's streaming
 * generator on the driver only) and its text rendering.
 */
package dev.shard.runtime.report;
