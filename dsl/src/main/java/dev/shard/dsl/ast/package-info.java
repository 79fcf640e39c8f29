/**
 * The syntax tree of a {@code .shard} script: a sealed hierarchy of immutable records
 * ({@link dev.shard.dsl.ast.ScriptAst}, {@link dev.shard.dsl.ast.Statement},
 * {@link dev.shard.dsl.ast.Source}, {@link dev.shard.dsl.ast.Step},
 * {@link dev.shard.dsl.ast.Expression}). Every node keeps its source span. The tree is
 * never mutated: analysis reads it, lowering builds a separate logical plan from it.
 */
package dev.shard.dsl.ast;
