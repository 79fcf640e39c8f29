package dev.shard.dsl.run;

import dev.shard.planner.expr.Generator;
import java.io.Serializable;
import java.util.Map;

/**
 * The body of {@code vector(n) {...}} or {@code matrix(n, p) {...}}, compiled for the workers:
 * a small tree evaluated per cell from (row, column) with the WORKLOADS generator, so a
 * cell's value depends on its coordinates alone (the same for any shard layout).
 */
sealed interface CellProgram extends Serializable {
    double at(long row, long column, Map<String, double[]> vectors);

    record Constant(double value) implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            return value;
        }
    }

    record Row() implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            return row;
        }
    }

    record Col() implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            return column;
        }
    }

    /** random, random_int, uniform, normal of the generator; the row is the cell's row. */
    record Generated(String function, CellProgram[] arguments) implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            return switch (function) {
                case "random" -> Generator.uniform(stream(0, row, column, vectors), row);
                case "random_int" -> Generator.randomInt((long) arguments[0].at(row, column, vectors),
                        stream(1, row, column, vectors), row);
                case "uniform" -> Generator.uniform(arguments[0].at(row, column, vectors),
                        arguments[1].at(row, column, vectors), stream(2, row, column, vectors), row);
                case "normal" -> Generator.normal(stream(0, row, column, vectors), row);
                default -> throw new IllegalStateException("not a generator: " + function);
            };
        }

        private long stream(int index, long row, long column, Map<String, double[]> vectors) {
            return (long) arguments[index].at(row, column, vectors);
        }
    }

    record Unary(String function, CellProgram operand) implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            double value = operand.at(row, column, vectors);
            return switch (function) {
                case "-" -> -value;
                case "abs" -> Math.abs(value);
                case "sqrt" -> Math.sqrt(value);
                case "log" -> Math.log(value);
                case "exp" -> Math.exp(value);
                case "floor" -> Math.floor(value);
                case "ceil" -> Math.ceil(value);
                case "round" -> Math.rint(value);
                default -> throw new IllegalStateException("not a cell function: " + function);
            };
        }
    }

    record Binary(String operator, CellProgram left, CellProgram right) implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            double a = left.at(row, column, vectors);
            double b = right.at(row, column, vectors);
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                case "%" -> a % b;
                case "pow" -> Math.pow(a, b);
                default -> throw new IllegalStateException("not a cell operator: " + operator);
            };
        }
    }

    /** {@code y[row()]}: an element of a let-bound vector. */
    record VectorElement(String vector, CellProgram index) implements CellProgram {
        public double at(long row, long column, Map<String, double[]> vectors) {
            return vectors.get(vector)[(int) index.at(row, column, vectors)];
        }
    }
}
