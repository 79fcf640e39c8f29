package dev.shard.dsl.diag;

/**
 * Stable diagnostic codes. A code never changes meaning once released; new findings get
 * new codes. E00xx limits, E01xx syntax, E02xx literals, E03xx names and scope,
 * E04xx functions, E05xx pipelines, E06xx matrices and buffers, E07xx parameters and
 * inputs, W0xxx warnings.
 */
public enum ErrorCode {
    SCRIPT_TOO_LARGE("E0001"),
    NESTING_TOO_DEEP("E0002"),
    EXPRESSION_TOO_LONG("E0003"),

    UNEXPECTED_INPUT("E0101"),
    UNKNOWN_VERB("E0102"),
    UNCLOSED_BRACKET("E0103"),
    UNEXPECTED_CHARACTER("E0104"),
    UNTERMINATED_STRING("E0105"),
    STEP_WITHOUT_PIPELINE("E0106"),
    EMPTY_STEP("E0107"),

    BAD_NUMBER("E0201"),
    DECIMAL_BYTE_UNIT("E0202"),
    UNKNOWN_SUFFIX("E0203"),
    BAD_ESCAPE("E0204"),

    UNDEFINED_NAME("E0301"),
    DUPLICATE_NAME("E0302"),
    WRONG_KIND_OF_NAME("E0303"),
    DUPLICATE_COLUMN("E0304"),
    UNKNOWN_QUALIFIER("E0305"),
    UNKNOWN_COLUMN("E0306"),

    UNKNOWN_FUNCTION("E0401"),
    WRONG_ARITY("E0402"),
    UNKNOWN_ARGUMENT_NAME("E0403"),
    DUPLICATE_ARGUMENT("E0404"),
    AGGREGATE_OUTSIDE_AGGREGATE("E0405"),
    NESTED_AGGREGATE("E0406"),
    VECTOR_FUNCTION_OUTSIDE_APPLY("E0407"),
    NOT_AN_AGGREGATE("E0408"),

    STEP_AFTER_WRITE("E0501"),
    BAD_COUNT("E0502"),
    BAD_KERNEL_CLASS("E0503"),
    BAD_COLUMN_TYPE("E0504"),
    PLAN_ERROR("E0505"),
    UNREADABLE_INPUT("E0506"),

    UNKNOWN_ELEMENT_TYPE("E0601"),
    BAD_BUFFER_SHAPE("E0602"),
    BUFFER_SIZE_MISMATCH("E0603"),
    BAD_APPLY_VARIABLE("E0604"),
    EMPTY_LIST("E0605"),
    BAD_LIST_ELEMENT("E0606"),
    INDEX_OUTSIDE_LIST("E0607"),

    PARAM_TYPE_MISMATCH("E0701"),
    UNKNOWN_PARAM("E0702"),
    BAD_PARAM_VALUE("E0703"),
    MISSING_INPUT_FILE("E0704"),

    UNUSED_NAME("W0001");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
