/**
 * Checks a {@link dev.shard.dsl.ast.ScriptAst} before any plan exists: names and their
 * kinds, the function table ({@link dev.shard.dsl.analyze.FunctionTable}), arity,
 * aggregate placement, constant sizes, params and {@code -p} overrides
 * ({@link dev.shard.dsl.analyze.ParamOverrides}), input files. Column names and types
 * need the plan's schemas and go through the {@link dev.shard.dsl.analyze.ColumnResolver}
 * seam. Entry point: {@link dev.shard.dsl.analyze.Analyzer}.
 */
package dev.shard.dsl.analyze;
