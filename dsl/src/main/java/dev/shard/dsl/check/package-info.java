/**
 * The front end as one call for the command line and lowering:
 * {@link dev.shard.dsl.check.ScriptChecker} parses, analyses and collects all
 * diagnostics of a script, keeping internal errors apart from the user's.
 */
package dev.shard.dsl.check;
