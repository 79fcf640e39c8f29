package dev.shard.dsl.ast;

/** What a {@code let} binds: a pipeline (a table, vector, matrix or buffer) or a scalar expression. */
public sealed interface LetValue extends Node permits Pipeline, Expression {
}
