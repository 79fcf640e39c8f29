/*
 * The .shard language.
 *
 * A script is a sequence of lines. The parser is never given a whole script: the
 * front end (dev.shard.dsl.parse) splits the token stream into units at newlines
 * outside brackets and at `|`, and parses each unit on its own with the `unit` rule.
 * That keeps one syntax error from cascading into the next line and lets every line
 * report its own error. Steps are attached to the pipeline above them afterwards.
 *
 * Soft keywords (rows, columns, each, list, of, with, into, kernel, left, aggregate) are also
 * names, so `param rows = 10` works. Function names (if, int, count, ...) are names.
 */
grammar Shard;

unit
    : (paramDeclaration | letDeclaration | pipelineHead | applyStatement | writeBuffer | step) EOF
    ;

literalUnit
    : MINUS? literal EOF
    ;

paramDeclaration
    : PARAM name ASSIGN MINUS? literal
    ;

letDeclaration
    : LET name ASSIGN letValue
    ;

letValue
    : FROM source          # letPipeline
    | constructedSource    # letSource
    | listValue            # letList
    | expression           # letExpression
    ;

// A list of shared vectors and matrices, for `apply each`: written element by element
// (empty lists parse, so the analyser can say why they are refused), or generated as
// `list(k) { vector(n) {...} }` with the element's number as `index()`.
listValue
    : LBRACK (listElement (COMMA listElement)* COMMA?)? RBRACK          # writtenList
    | LIST LPAREN expression RPAREN LBRACE constructedSource RBRACE     # generatedList
    ;

listElement
    : constructedSource    # builtElement
    | name                 # namedElement
    ;

pipelineHead
    : FROM source
    ;

source
    : STRING csvSchema?    # fileSource
    | name                 # namedSource
    | constructedSource    # builtSource
    ;

csvSchema
    : LBRACE columnType (COMMA columnType)* COMMA? RBRACE
    ;

columnType
    : name COLON name
    ;

constructedSource
    : GENERATE LPAREN expression RPAREN LBRACE assignmentList RBRACE                  # generateSource
    | MATRIX LPAREN expression COMMA expression RPAREN LBRACE expression RBRACE       # matrixSource
    | VECTOR LPAREN expression RPAREN LBRACE expression RBRACE                        # vectorSource
    | READ_MATRIX STRING                                                              # readMatrixSource
    | BUFFER LPAREN name COMMA bufferShape RPAREN                                     # bufferSource
    ;

bufferShape
    : LBRACK expression (COMMA expression)* COMMA? RBRACK   # bufferDimensions
    | expression                                             # bufferLength
    ;

step
    : FILTER expression                                                           # filterStep
    | DERIVE assignmentList                                                       # deriveStep
    | SELECT selectItem (COMMA selectItem)* COMMA?                                # selectStep
    | GROUP LBRACE nameList? RBRACE LPAREN AGGREGATE LBRACE assignmentList RBRACE RPAREN  # groupStep
    | JOIN LEFT? name LPAREN joinKey (COMMA joinKey)* COMMA? RPAREN                # joinStep
    | SORT LBRACE sortKey (COMMA sortKey)* COMMA? RBRACE                          # sortStep
    | TAKE expression                                                             # takeStep
    | MAP KERNEL STRING kernelParameters?                                         # mapStep
    | SHARD ROWS expression                                                       # shardStep
    | WRITE STRING                                                                # writeStep
    ;

applyStatement
    : APPLY margin=(ROWS | COLUMNS | EACH) OF name (WITH nameList)? INTO name COLON applyBody
    ;

applyBody
    : KERNEL STRING kernelParameters?   # kernelApplyBody
    | expression                        # expressionApplyBody
    ;

writeBuffer
    : WRITE name STRING
    ;

kernelParameters
    : LBRACE assignmentList? RBRACE
    ;

assignmentList
    : assignment (COMMA assignment)* COMMA?
    ;

assignment
    : name ASSIGN expression
    ;

selectItem
    : name (ASSIGN expression)?
    ;

joinKey
    : expression EQ expression
    ;

sortKey
    : MINUS? name
    ;

nameList
    : name (COMMA name)* COMMA?
    ;

expression
    : expression LBRACK expression RBRACK                         # indexExpression
    | MINUS expression                                            # negateExpression
    | expression operator=(STAR | SLASH | PERCENT) expression     # binaryExpression
    | expression operator=(PLUS | MINUS) expression               # binaryExpression
    | expression operator=(EQ | NE | LT | LE | GT | GE) expression  # binaryExpression
    | NOT expression                                              # notExpression
    | expression operator=AND expression                          # binaryExpression
    | expression operator=OR expression                           # binaryExpression
    | primary                                                     # primaryExpression
    ;

primary
    : literal                                                     # literalPrimary
    | name LPAREN (argument (COMMA argument)* COMMA?)? RPAREN     # callPrimary
    | name DOT name                                               # qualifiedPrimary
    | name                                                        # namePrimary
    | LPAREN expression RPAREN                                    # parenPrimary
    ;

argument
    : (name ASSIGN)? expression
    ;

literal
    : INTEGER | DECIMAL | SUFFIXED_NUMBER | STRING | TRUE | FALSE | NULL
    ;

name
    : IDENTIFIER | ROWS | COLUMNS | EACH | LIST | OF | WITH | INTO | KERNEL | LEFT | AGGREGATE
    ;

// Keywords. The first group is reserved; the second (soft) is also a name.
PARAM : 'param';
LET : 'let';
FROM : 'from';
FILTER : 'filter';
DERIVE : 'derive';
SELECT : 'select';
GROUP : 'group';
JOIN : 'join';
SORT : 'sort';
TAKE : 'take';
MAP : 'map';
SHARD : 'shard';
WRITE : 'write';
APPLY : 'apply';
GENERATE : 'generate';
MATRIX : 'matrix';
VECTOR : 'vector';
READ_MATRIX : 'read_matrix';
BUFFER : 'buffer';
AND : 'and';
OR : 'or';
NOT : 'not';
TRUE : 'true';
FALSE : 'false';
NULL : 'null';

ROWS : 'rows';
COLUMNS : 'columns';
EACH : 'each';
LIST : 'list';
OF : 'of';
WITH : 'with';
INTO : 'into';
KERNEL : 'kernel';
LEFT : 'left';
AGGREGATE : 'aggregate';

EQ : '==';
NE : '!=';
LE : '<=';
GE : '>=';
LT : '<';
GT : '>';
ASSIGN : '=';
PLUS : '+';
MINUS : '-';
STAR : '*';
SLASH : '/';
PERCENT : '%';
LPAREN : '(';
RPAREN : ')';
LBRACK : '[';
RBRACK : ']';
LBRACE : '{';
RBRACE : '}';
COMMA : ',';
COLON : ':';
DOT : '.';
PIPE : '|';

// A number glued to letters (512MiB, 64K); the suffix is checked by the AST builder.
SUFFIXED_NUMBER : DIGITS ('.' DIGITS)? [a-zA-Z]+;
DECIMAL : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INTEGER : DIGITS;
STRING : '"' (ESCAPE | ~["\\\r\n])* '"';
// An opening quote with no closing quote on its line: reported, never guessed.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])*;
IDENTIFIER : [a-zA-Z_] [a-zA-Z_0-9]*;

NEWLINE : '\r'? '\n' | '\r';
COMMENT : '#' ~[\r\n]* -> skip;
WHITESPACE : [ \t\f]+ -> skip;
// Anything else becomes a token of its own, so the lexer never fails or drops input.
UNEXPECTED_CHARACTER : .;

fragment DIGITS : [0-9] [0-9_]*;
fragment EXPONENT : [eE] [+-]? [0-9]+;
fragment ESCAPE : '\\' ~[\r\n];
