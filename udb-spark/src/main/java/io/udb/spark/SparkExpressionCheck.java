package io.udb.spark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Add;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Concat;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.ILike;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.IntegralDivide;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.IsNull;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Like;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.expressions.Remainder;
import org.apache.spark.sql.catalyst.expressions.StringLocate;
import org.apache.spark.sql.catalyst.expressions.StringTrim;
import org.apache.spark.sql.catalyst.expressions.StringTrimBoth;
import org.apache.spark.sql.catalyst.expressions.StringTrimLeft;
import org.apache.spark.sql.catalyst.expressions.StringTrimRight;
import org.apache.spark.sql.catalyst.expressions.Substring;
import org.apache.spark.sql.catalyst.expressions.Subtract;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.expressions.UnaryPositive;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's check of a user SQL expression ({@link SparkDialect#expressionProblem}, and the custom
 * predicates of checks through {@link SparkDialect#checkPredicate}), an allow-list: KPI and check
 * statements on Spark run as trusted SQL (Spark has no guard for user SQL), so an expression is
 * admitted only when every part of it is known to be harmless.
 *
 * <ol>
 *   <li>no {@code $} anywhere, not even in a string: Spark substitutes {@code ${env:NAME}}, {@code
 *       ${system:name}} and Spark settings into the text of every statement before parsing it;
 *   <li>Spark's own lexer finds no comment, hint, {@code ;} or unrecognised character (its rules
 *       for strings, which take backslash escapes, differ from DuckDB's);
 *   <li>Spark's parser ({@code sessionState().sqlParser().parseExpression}) reads it as exactly one
 *       expression;
 *   <li>every node of the parsed tree is a column reference (at most {@code table.column}, never
 *       the hidden {@code _metadata} column, which names the files behind a table), a literal, a
 *       comparison, {@code AND}/{@code OR}/{@code NOT}, arithmetic, {@code IS [NOT] NULL}, {@code
 *       IN} over a list, {@code [I]LIKE}, {@code BETWEEN}, {@code CASE}, {@code CAST}, or a call of
 *       a deterministic built-in scalar function from {@link #FUNCTIONS} (unqualified, without
 *       {@code DISTINCT}, {@code FILTER}, {@code OVER} or ordering). Subqueries, lambdas,
 *       parameters, aliases, stars, generators, aggregates, window functions, user-defined and
 *       reflective functions, regular expressions and everything that reads files or tables are
 *       refused because they are not on the list.
 * </ol>
 *
 * <p>The statement the expression is placed in then binds it (unknown columns, types). Stateless.
 */
final class SparkExpressionCheck {
  /** The operator and syntax nodes an expression may consist of. */
  private static final Set<Class<?>> NODES =
      Set.of(
          UnresolvedAttribute.class,
          Literal.class,
          EqualTo.class,
          EqualNullSafe.class,
          LessThan.class,
          LessThanOrEqual.class,
          GreaterThan.class,
          GreaterThanOrEqual.class,
          Not.class,
          And.class,
          Or.class,
          Add.class,
          Subtract.class,
          Multiply.class,
          Divide.class,
          Remainder.class,
          IntegralDivide.class,
          UnaryMinus.class,
          UnaryPositive.class,
          IsNull.class,
          IsNotNull.class,
          In.class,
          Like.class,
          ILike.class,
          CaseWhen.class,
          Cast.class,
          // syntax forms of allowed functions: a || b, substring(a FROM 1 FOR 2), trim(BOTH ...),
          // position(a IN b)
          Concat.class,
          Substring.class,
          StringTrim.class,
          StringTrimBoth.class,
          StringTrimLeft.class,
          StringTrimRight.class,
          StringLocate.class);

  /**
   * The built-in functions an expression may call: deterministic, scalar, bounded in the memory
   * they use (no {@code repeat}, {@code lpad}, {@code space}), reading nothing but their arguments.
   * {@code between} and {@code extract} are how Spark parses {@code BETWEEN} and {@code EXTRACT}.
   */
  static final Set<String> FUNCTIONS =
      Set.of(
          // conditions and nulls
          "between",
          "if",
          "coalesce",
          "nullif",
          "ifnull",
          "nvl",
          "nvl2",
          "isnull",
          "isnotnull",
          "isnan",
          "nanvl",
          "greatest",
          "least",
          // numbers
          "abs",
          "round",
          "bround",
          "floor",
          "ceil",
          "ceiling",
          "sqrt",
          "cbrt",
          "exp",
          "ln",
          "log",
          "log10",
          "log2",
          "pow",
          "power",
          "sign",
          "signum",
          "mod",
          "pmod",
          "try_add",
          "try_subtract",
          "try_multiply",
          "try_divide",
          // text
          "lower",
          "upper",
          "lcase",
          "ucase",
          "length",
          "len",
          "char_length",
          "character_length",
          "trim",
          "ltrim",
          "rtrim",
          "btrim",
          "substring",
          "substr",
          "left",
          "right",
          "concat",
          "concat_ws",
          "replace",
          "contains",
          "startswith",
          "endswith",
          "instr",
          "locate",
          "position",
          "initcap",
          "reverse",
          "split_part",
          // dates and times
          "extract",
          "date_part",
          "year",
          "quarter",
          "month",
          "day",
          "dayofmonth",
          "dayofweek",
          "dayofyear",
          "weekday",
          "weekofyear",
          "hour",
          "minute",
          "second",
          "date_trunc",
          "trunc",
          "date_add",
          "date_sub",
          "datediff",
          "date_diff",
          "add_months",
          "months_between",
          "last_day",
          "make_date",
          "to_date",
          "to_timestamp",
          "date_format",
          // casts written as calls
          "boolean",
          "tinyint",
          "smallint",
          "int",
          "bigint",
          "float",
          "double",
          "decimal",
          "string",
          "date",
          "timestamp");

  private static final String NO_STATEMENT_TOKENS =
      "; user SQL must not hold statement separators, comments or parameters";

  private SparkExpressionCheck() {}

  /**
   * Checks an expression.
   *
   * @param spark the session whose parser reads it
   * @param expression the user's expression
   * @return why it is refused, or empty
   */
  static Optional<String> problem(SparkSession spark, String expression) {
    int dollar = expression.indexOf('$');
    if (dollar >= 0) {
      return Optional.of(
          "contains '$' at position "
              + (dollar + 1)
              + "; Spark would substitute ${...} variables into it, even inside strings");
    }
    Optional<String> lexical = lexicalProblem(expression);
    if (lexical.isPresent()) {
      return lexical;
    }
    Expression parsed;
    try {
      parsed = spark.sessionState().sqlParser().parseExpression(expression);
    } catch (Exception e) { // ParseException, checked in Java terms, and errors parsing may raise
      return Optional.of("is not valid SQL: " + SparkSqlSession.firstLine(e));
    }
    return refusedNode(parsed)
        .map(
            node ->
                "may use only columns, literals, operators, CASE, CAST and deterministic built-in"
                    + " scalar functions on the Spark engine; "
                    + node);
  }

  /** Comments, hints, statement separators and unrecognised characters, as Spark lexes them. */
  private static Optional<String> lexicalProblem(String expression) {
    SqlBaseLexer lexer = new SqlBaseLexer(CharStreams.fromString(expression));
    StringBuilder errors = new StringBuilder();
    lexer.removeErrorListeners();
    lexer.addErrorListener(
        new BaseErrorListener() {
          @Override
          public void syntaxError(
              Recognizer<?, ?> recognizer,
              Object offending,
              int line,
              int position,
              String message,
              RecognitionException e) {
            if (errors.isEmpty()) {
              errors.append(message);
            }
          }
        });
    for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
      String what =
          switch (token.getType()) {
            case SqlBaseLexer.SIMPLE_COMMENT, SqlBaseLexer.BRACKETED_COMMENT -> "a comment";
            case SqlBaseLexer.HENT_START, SqlBaseLexer.HENT_END -> "a hint";
            case SqlBaseLexer.SEMICOLON -> "';'";
            case SqlBaseLexer.UNRECOGNIZED -> "'" + token.getText() + "'";
            default -> null;
          };
      if (what != null) {
        return Optional.of(
            "contains "
                + what
                + " at position "
                + (token.getStartIndex() + 1)
                + NO_STATEMENT_TOKENS);
      }
    }
    if (lexer.has_unclosed_bracketed_comment) {
      return Optional.of("contains an unclosed comment" + NO_STATEMENT_TOKENS);
    }
    if (!errors.isEmpty()) {
      return Optional.of("is not valid SQL: " + errors);
    }
    return Optional.empty();
  }

  /** The first node outside the allow-list, described, or empty. */
  private static Optional<String> refusedNode(Expression node) {
    if (node instanceof UnresolvedFunction call) {
      Optional<String> refused = refusedCall(call);
      if (refused.isPresent()) {
        return refused;
      }
    } else if (node instanceof UnresolvedAttribute column) {
      if (column.nameParts().size() > 2) {
        return Optional.of("'" + column.name() + "' names more than a table and a column");
      }
      // the hidden column of file sources: it would reveal the paths of the tenant's files
      if (CollectionConverters.asJava(column.nameParts()).stream()
          .anyMatch(part -> part.equalsIgnoreCase("_metadata"))) {
        return Optional.of("'" + column.name() + "' reads the hidden _metadata column");
      }
    } else if (!NODES.contains(node.getClass())) {
      return Optional.of("'" + describe(node) + "' is not one of them");
    }
    List<Expression> children = CollectionConverters.asJava(node.children());
    for (Expression child : children) {
      Optional<String> refused = refusedNode(child);
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }

  private static String describe(Expression node) {
    try {
      return node.sql();
    } catch (RuntimeException e) { // some unresolved nodes cannot print themselves as SQL
      return node.nodeName();
    }
  }

  private static Optional<String> refusedCall(UnresolvedFunction call) {
    List<String> name = CollectionConverters.asJava(call.nameParts());
    String function = String.join(".", name);
    if (name.size() != 1 || !FUNCTIONS.contains(name.get(0).toLowerCase(Locale.ROOT))) {
      return Optional.of("function '" + function + "' is not one of them");
    }
    if (call.isDistinct()
        || call.filter().isDefined()
        || call.ignoreNulls().isDefined() && Boolean.TRUE.equals(call.ignoreNulls().get())
        || !call.orderingWithinGroup().isEmpty()) {
      return Optional.of(
          "function '" + function + "' is called with DISTINCT, FILTER, IGNORE NULLS or ordering");
    }
    return Optional.empty();
  }
}
