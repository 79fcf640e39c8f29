/**
 * The driver–worker wire protocol: message records, the length-prefixed frame codec,
 * the version checked at handshake, and the compact value encoding of results.
 */
package dev.shard.runtime.protocol;
