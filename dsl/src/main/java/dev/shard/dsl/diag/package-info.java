/**
 * Diagnostics as data: {@link dev.shard.dsl.diag.Diagnostic} (severity, stable
 * {@link dev.shard.dsl.diag.ErrorCode}, {@link dev.shard.dsl.diag.SourceSpan}, message,
 * hints), the script text they point into, "did you mean" suggestions, and the terminal
 * renderer. Everything above this package reports through it; it depends on nothing.
 */
package dev.shard.dsl.diag;
