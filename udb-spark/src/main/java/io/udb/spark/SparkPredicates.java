package io.udb.spark;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.engine.SqlSession;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExtractValue;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Add;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.ILike;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.IsNull;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Like;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.expressions.RLike;
import org.apache.spark.sql.catalyst.expressions.Remainder;
import org.apache.spark.sql.catalyst.expressions.Subtract;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.expressions.UnaryPositive;
import org.apache.spark.sql.catalyst.parser.ParseException;
import scala.collection.Iterator;

/**
 * Spark's check of a user's predicate ({@link SparkDialect#checkPredicate}). The Spark engine has
 * no guarded path for user SQL, so this check is the only gate before the count runs on a trusted
 * session: the text is parsed with the session's own parser ({@code parseExpression}, nothing is
 * analysed or run) and every node of the expression tree must be on an allow-list: column
 * references, literals, comparisons, {@code AND}/{@code OR}/{@code NOT}, arithmetic, {@code IS
 * [NOT] NULL}, {@code IN} over values, {@code [I]LIKE}, {@code RLIKE}, {@code BETWEEN}, {@code
 * CASE}, casts, field and element access, and calls of the deterministic scalar functions in {@link
 * #FUNCTIONS}. Anything else is refused: subqueries ({@code IN (SELECT ...)}, {@code EXISTS},
 * scalar subqueries), {@code *}, parameters, lambdas, aggregates, generators, and every function
 * not listed (so nothing that reads files or tables, calls Java, or depends on the cluster); so are
 * references to the hidden {@code _metadata} column, which names the files behind a table.
 */
final class SparkPredicates {
  /** Deterministic scalar functions a predicate may call, by their Spark names. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "abs",
          "between",
          "bround",
          "btrim",
          "cbrt",
          "ceil",
          "ceiling",
          "char_length",
          "character_length",
          "coalesce",
          "concat",
          "concat_ws",
          "contains",
          "date_add",
          "date_diff",
          "date_sub",
          "datediff",
          "day",
          "dayofmonth",
          "dayofweek",
          "dayofyear",
          "endswith",
          "exp",
          "floor",
          "greatest",
          "hour",
          "if",
          "ifnull",
          "instr",
          "isnan",
          "isnotnull",
          "isnull",
          "lcase",
          "least",
          "left",
          "len",
          "length",
          "ln",
          "log",
          "log10",
          "log2",
          "lower",
          "lpad",
          "ltrim",
          "make_date",
          "minute",
          "mod",
          "month",
          "nanvl",
          "nullif",
          "nvl",
          "nvl2",
          "pmod",
          "pow",
          "power",
          "quarter",
          "regexp",
          "regexp_like",
          "replace",
          "right",
          "rlike",
          "round",
          "rpad",
          "rtrim",
          "second",
          "sign",
          "signum",
          "sqrt",
          "startswith",
          "substr",
          "substring",
          "to_date",
          "trim",
          "try_add",
          "try_divide",
          "try_multiply",
          "try_subtract",
          "ucase",
          "upper",
          "weekofyear",
          "year");

  private static final Set<Class<?>> OPERATORS =
      Set.of(
          Literal.class,
          And.class,
          Or.class,
          Not.class,
          EqualTo.class,
          EqualNullSafe.class,
          LessThan.class,
          LessThanOrEqual.class,
          GreaterThan.class,
          GreaterThanOrEqual.class,
          Add.class,
          Subtract.class,
          Multiply.class,
          Divide.class,
          Remainder.class,
          UnaryMinus.class,
          UnaryPositive.class,
          IsNull.class,
          IsNotNull.class,
          In.class,
          Like.class,
          ILike.class,
          RLike.class,
          CaseWhen.class,
          Cast.class,
          UnresolvedExtractValue.class);

  private static final int MAX_DEPTH = 200;

  private SparkPredicates() {}

  static void check(SqlSession session, String predicate) {
    if (!(session instanceof SparkSqlSession spark)) {
      throw new SqlRejectedException(
          ErrorCode.SQL_FORBIDDEN,
          "predicate_unsupported",
          "cannot be checked outside a session of the Spark engine");
    }
    Expression expression;
    try {
      expression =
          ((org.apache.spark.sql.classic.SparkSession) spark.spark())
              .sessionState()
              .sqlParser()
              .parseExpression(predicate);
    } catch (ParseException | RuntimeException e) {
      // a failure of the parser itself (e.g. a stack too deep) refuses too
      throw new SqlRejectedException(
          ErrorCode.SQL_PARSE_ERROR,
          "parse_error",
          "is not valid SQL: " + SparkSqlSession.firstLine(e));
    }
    walk(expression, 0);
  }

  private static void walk(Expression node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new SqlRejectedException(ErrorCode.SQL_FORBIDDEN, "too_complex", "is too complex");
    }
    if (node instanceof UnresolvedAttribute attribute) {
      String first = attribute.nameParts().head();
      if (first.toLowerCase(Locale.ROOT).equals("_metadata")) {
        throw new SqlRejectedException(
            ErrorCode.SQL_FORBIDDEN,
            "predicate_shape",
            "must not read the hidden column _metadata");
      }
    } else if (node instanceof UnresolvedFunction function) {
      String name =
          function.nameParts().size() == 1
              ? function.nameParts().head().toLowerCase(Locale.ROOT)
              : "";
      if (!FUNCTIONS.contains(name)
          || function.isDistinct()
          || function.filter().isDefined()
          || function.orderingWithinGroup().nonEmpty()) {
        throw new SqlRejectedException(
            ErrorCode.SQL_FORBIDDEN,
            "function",
            "calls "
                + String.join(
                    ".", scala.jdk.javaapi.CollectionConverters.asJava(function.nameParts()))
                + ", which is not one of the deterministic scalar functions a predicate may use");
      }
    } else if (!OPERATORS.contains(node.getClass())) {
      throw new SqlRejectedException(
          ErrorCode.SQL_FORBIDDEN,
          "predicate_shape",
          "must be a boolean expression over the columns of the table (no subqueries, other"
              + " tables, parameters or lambdas); "
              + node.prettyName()
              + " is not allowed");
    }
    Iterator<Expression> children = node.children().iterator();
    while (children.hasNext()) {
      walk(children.next(), depth + 1);
    }
  }
}
