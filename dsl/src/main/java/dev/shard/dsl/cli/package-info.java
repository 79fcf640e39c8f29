/**
 * The {@code shard} command line: {@code run}, {@code check}, {@code explain} (as the
 * language lands), {@code example} and {@code gc}. {@code bin/shard} starts
 * {@link dev.shard.dsl.cli.ShardCommand}.
 */
package dev.shard.dsl.cli;
