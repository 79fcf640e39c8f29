package dev.shard.dsl.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Stops a unit's parse at its first error and hands the exception to the caller, which
 * turns it into one diagnostic. ANTLR's single-token insertion and deletion are never
 * tried, so the user never sees an error about a token ANTLR invented; recovery happens
 * one level up, by moving on to the next unit (line).
 */
final class StopAtFirstErrorStrategy extends DefaultErrorStrategy {
    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        // Reported by the caller from the exception carried out of the parse.
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw new ParseCancellationException(new InputMismatchException(recognizer));
    }

    @Override
    public void sync(Parser recognizer) {
        // No resynchronisation inside a unit: a mismatch surfaces where it happens.
    }
}
