package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.List;

/** One verb of a pipeline. */
public sealed interface Step extends Node {

    /** The verb as written, for messages. */
    String verb();

    record Filter(Expression condition, SourceSpan span) implements Step {
        public String verb() {
            return "filter";
        }
    }

    record Derive(List<Assignment> columns, SourceSpan span) implements Step {
        public Derive {
            columns = List.copyOf(columns);
        }

        public String verb() {
            return "derive";
        }
    }

    record Select(List<SelectItem> items, SourceSpan span) implements Step {
        public Select {
            items = List.copyOf(items);
        }

        public String verb() {
            return "select";
        }
    }

    /** {@code group {keys} (aggregate {name = fn(...), ...})}. */
    record Group(List<Name> keys, List<Assignment> aggregates, SourceSpan span) implements Step {
        public Group {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
        }

        public String verb() {
            return "group";
        }
    }

    record Join(boolean left, Name table, List<JoinKey> keys, SourceSpan span) implements Step {
        public Join {
            keys = List.copyOf(keys);
        }

        public String verb() {
            return "join";
        }
    }

    record Sort(List<SortKey> keys, SourceSpan span) implements Step {
        public Sort {
            keys = List.copyOf(keys);
        }

        public String verb() {
            return "sort";
        }
    }

    record Take(Expression count, SourceSpan span) implements Step {
        public String verb() {
            return "take";
        }
    }

    /** {@code map kernel "com.example.Kernel" {threshold = 3}}. */
    record MapKernel(Text className, List<Assignment> parameters, SourceSpan span) implements Step {
        public MapKernel {
            parameters = List.copyOf(parameters);
        }

        public String verb() {
            return "map";
        }
    }

    /** {@code shard rows 64K}: pins the rows per shard instead of letting the tuner choose. */
    record ShardRows(Expression rows, SourceSpan span) implements Step {
        public String verb() {
            return "shard";
        }
    }

    record Write(Text path, SourceSpan span) implements Step {
        public String verb() {
            return "write";
        }
    }
}
