/**
 * The driver side of a pool: spawning workers, the unix-socket server and handshake,
 * dispatch of task batches, replacement of dead or recycled workers, run reports.
 */
package dev.shard.runtime.driver;
