/**
 * The worker JVM: connects back to the driver, runs task batches on one conductor
 * thread, opens borrowed inputs once per run, and exits when the driver goes away.
 */
package dev.shard.runtime.worker;
