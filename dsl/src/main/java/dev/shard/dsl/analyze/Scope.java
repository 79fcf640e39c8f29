package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Pipeline;
import java.util.Set;

/**
 * What an expression may refer to where it stands.
 *
 * @param place        what kind of expression this is
 * @param locals       names bound right there: earlier generate columns, the apply slice and side inputs
 * @param joined       tables joined so far in the pipeline (valid qualifiers)
 * @param aggregates   aggregate functions are allowed (inside {@code aggregate {...}} or an apply body)
 * @param nested       the expression is an argument of an aggregate
 * @param pipeline     the pipeline the expression belongs to, for column checks; null outside pipelines
 */
record Scope(Place place, Set<String> locals, Set<String> joined, boolean aggregates, boolean nested,
             Pipeline pipeline) {
    Scope {
        locals = Set.copyOf(locals);
        joined = Set.copyOf(joined);
    }

    enum Place {
        /** A pipeline step: bare names are columns (or params and values). */
        ROW("a pipeline step"),
        /** A size or count: params and values only. */
        CONSTANT("a size or count"),
        /** A generate column: params, values, earlier columns. */
        GENERATE("a generate block"),
        /** A matrix cell or vector element: params, values, vectors. */
        CELL("a matrix or vector body"),
        /** An apply body: the slice, side inputs, params, values. */
        APPLY("an apply body");

        private final String description;

        Place(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    static Scope of(Place place) {
        return new Scope(place, Set.of(), Set.of(), false, false, null);
    }

    static Scope step(Pipeline pipeline, Set<String> joined) {
        return new Scope(Place.ROW, Set.of(), joined, false, false, pipeline);
    }

    Scope withLocals(Set<String> names) {
        return new Scope(place, names, joined, aggregates, nested, pipeline);
    }

    Scope allowingAggregates() {
        return new Scope(place, locals, joined, true, false, pipeline);
    }

    Scope insideAggregate() {
        return new Scope(place, locals, joined, false, true, pipeline);
    }
}
