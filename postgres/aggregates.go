package postgres

import (
	"strconv"
	"strings"

	"github.com/djorm/orm"
)

// pg restricts an expression to PostgreSQL.
var pg = []string{"postgresql"}

// AggOption sets an option of an ordered aggregate.
type AggOption func(*aggConfig)

type aggConfig struct{ order []string }

// Ordering orders the aggregated values ("field", "-field" for
// descending), Django's ordering=.
func Ordering(fields ...string) AggOption {
	return func(c *aggConfig) { c.order = append(c.order, fields...) }
}

// ordered builds name(<distinct><args> ORDER BY ...): the ordering fields
// become arguments after args.
func ordered(name, output string, args []any, opts []AggOption) *orm.Expr {
	var cfg aggConfig
	for _, o := range opts {
		o(&cfg)
	}
	var b strings.Builder
	b.WriteString("{function}({distinct}")
	for i := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("{" + strconv.Itoa(i) + "}")
	}
	all := append([]any(nil), args...)
	for i, f := range cfg.order {
		if i == 0 {
			b.WriteString(" ORDER BY ")
		} else {
			b.WriteString(", ")
		}
		desc := strings.HasPrefix(f, "-")
		all = append(all, orm.F(strings.TrimPrefix(f, "-")))
		b.WriteString("{" + strconv.Itoa(len(all)-1) + "}")
		if desc {
			b.WriteString(" DESC")
		}
	}
	b.WriteString(")")
	return orm.FuncDef{Name: name, Template: b.String(), Output: output, Aggregate: true, Dialects: pg}.Call(all...)
}

// ArrayAgg collects the values into a list (Django's ArrayAgg), as a JSON
// array (JSONB_AGG) that scans as []any; Distinct, Filter, Default and
// Ordering apply.
func ArrayAgg(expr any, opts ...AggOption) *orm.Expr {
	return ordered("JSONB_AGG", "JSONField", []any{expr}, opts)
}

// JSONBAgg collects the values into a JSON array (Django's JSONBAgg).
func JSONBAgg(expr any, opts ...AggOption) *orm.Expr {
	return ordered("JSONB_AGG", "JSONField", []any{expr}, opts)
}

// StringAgg joins the values with delimiter (Django's StringAgg).
func StringAgg(expr any, delimiter string, opts ...AggOption) *orm.Expr {
	return ordered("STRING_AGG", "TextField", []any{expr, orm.Value(delimiter)}, opts)
}

// BoolAnd is true when every value is (Django's BoolAnd).
func BoolAnd(expr any) *orm.Expr { return simple("BOOL_AND", "BooleanField", expr) }

// BoolOr is true when any value is (Django's BoolOr).
func BoolOr(expr any) *orm.Expr { return simple("BOOL_OR", "BooleanField", expr) }

// BitAnd is the bitwise AND of the values (Django's BitAnd).
func BitAnd(expr any) *orm.Expr { return simple("BIT_AND", "", expr) }

// BitOr is the bitwise OR of the values (Django's BitOr).
func BitOr(expr any) *orm.Expr { return simple("BIT_OR", "", expr) }

func simple(name, output string, expr any) *orm.Expr {
	return orm.FuncDef{Name: name, Output: output, Aggregate: true, Dialects: pg}.Call(expr)
}

// The statistics aggregates of Django's StatAggregate, over pairs (y, x):
// a field path, an expression or a value each. Float results; NULL over
// no rows except RegrCount (0).

// Corr is the correlation coefficient.
func Corr(y, x any) *orm.Expr { return stat("CORR", "FloatField", y, x) }

// CovarPop is the population covariance, or with sample the sample
// covariance (COVAR_SAMP).
func CovarPop(y, x any, sample bool) *orm.Expr {
	if sample {
		return stat("COVAR_SAMP", "FloatField", y, x)
	}
	return stat("COVAR_POP", "FloatField", y, x)
}

// RegrAvgX is the average of x over the pairs where both are non-NULL.
func RegrAvgX(y, x any) *orm.Expr { return stat("REGR_AVGX", "FloatField", y, x) }

// RegrAvgY is the average of y over the pairs where both are non-NULL.
func RegrAvgY(y, x any) *orm.Expr { return stat("REGR_AVGY", "FloatField", y, x) }

// RegrCount counts the pairs where both are non-NULL.
func RegrCount(y, x any) *orm.Expr {
	return stat("REGR_COUNT", "BigIntegerField", y, x).Default(orm.Value(0))
}

// RegrIntercept is the y-intercept of the least-squares line.
func RegrIntercept(y, x any) *orm.Expr { return stat("REGR_INTERCEPT", "FloatField", y, x) }

// RegrR2 is the square of the correlation coefficient.
func RegrR2(y, x any) *orm.Expr { return stat("REGR_R2", "FloatField", y, x) }

// RegrSlope is the slope of the least-squares line.
func RegrSlope(y, x any) *orm.Expr { return stat("REGR_SLOPE", "FloatField", y, x) }

// RegrSXX is sum(x^2) - sum(x)^2/N over the pairs.
func RegrSXX(y, x any) *orm.Expr { return stat("REGR_SXX", "FloatField", y, x) }

// RegrSXY is sum(x*y) - sum(x)*sum(y)/N over the pairs.
func RegrSXY(y, x any) *orm.Expr { return stat("REGR_SXY", "FloatField", y, x) }

// RegrSYY is sum(y^2) - sum(y)^2/N over the pairs.
func RegrSYY(y, x any) *orm.Expr { return stat("REGR_SYY", "FloatField", y, x) }

// stat builds name(y, x); a number is a value, as Django's StatAggregate.
func stat(name, output string, y, x any) *orm.Expr {
	return orm.FuncDef{Name: name, Output: output, Aggregate: true, Dialects: pg}.Call(statArg(y), statArg(x))
}

func statArg(v any) any {
	if _, isPath := v.(string); isPath {
		return v
	}
	if e, isExpr := v.(*orm.Expr); isExpr {
		return e
	}
	return orm.Value(v)
}
