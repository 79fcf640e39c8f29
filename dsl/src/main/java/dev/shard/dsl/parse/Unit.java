package dev.shard.dsl.parse;

import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * One line of a script as the parser sees it: the tokens between newlines outside
 * brackets (or between {@code |}). A broken unit already has a diagnostic from the
 * splitter and is not parsed.
 *
 * @param afterPipe the unit followed a {@code |}, so it must be a pipeline step
 */
record Unit(List<Token> tokens, boolean broken, boolean afterPipe) {
    Unit {
        tokens = List.copyOf(tokens);
    }

    Token first() {
        return tokens.getFirst();
    }
}
