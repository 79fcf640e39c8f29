package dev.shard.dsl.ast;

/**
 * The value of a literal with its language type. Row counts with suffixes ({@code 64K})
 * are integers; byte sizes ({@code 512MiB}) are their own type, held in bytes.
 */
public sealed interface LiteralValue {
    /** The type's name in messages: int, double, string, bool, null, bytes. */
    String typeName();

    record IntegerValue(long value) implements LiteralValue {
        public String typeName() {
            return "int";
        }
    }

    record DoubleValue(double value) implements LiteralValue {
        public String typeName() {
            return "double";
        }
    }

    record StringValue(String value) implements LiteralValue {
        public String typeName() {
            return "string";
        }
    }

    record BooleanValue(boolean value) implements LiteralValue {
        public String typeName() {
            return "bool";
        }
    }

    record NullValue() implements LiteralValue {
        public String typeName() {
            return "null";
        }
    }

    record ByteSize(long bytes) implements LiteralValue {
        public String typeName() {
            return "bytes";
        }
    }
}
