/**
 * Script text to {@link dev.shard.dsl.ast.ScriptAst}: lexing, cutting the token stream
 * into lines, parsing each line with the generated parser (SLL, then LL on failure),
 * syntax messages in words, limits, and the AST builder (a visitor). Entry point:
 * {@link dev.shard.dsl.parse.ScriptParser}.
 */
package dev.shard.dsl.parse;
