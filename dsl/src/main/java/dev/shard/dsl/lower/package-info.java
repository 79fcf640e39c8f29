/**
 * Lowering: a checked {@code .shard} script ({@link dev.shard.dsl.analyze.Analysis}) becomes
 * the same logical plans the Java fluent API builds, plus the matrix statements
 * ({@code apply}, {@code write r}). Column names and types are checked here, against the
 * plans' schemas (Arrow footers and CSV headers are read at check time); every problem is
 * a diagnostic at the span of the step that caused it.
 */
package dev.shard.dsl.lower;
