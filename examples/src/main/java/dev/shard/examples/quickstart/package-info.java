/** {@code bin/shard example quickstart}: the README's tour of the Java API, runnable. */
package dev.shard.examples.quickstart;
