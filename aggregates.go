package orm

import (
	"strings"

	"github.com/djorm/orm/internal/sqlq"
)

func aggregate(fn string, a any, sample bool) *Expr {
	spec := &sqlq.AggSpec{Fn: fn, Sample: sample}
	e := &Expr{agg: spec, fn: fn}
	if s, ok := a.(string); ok && s == "*" {
		if fn != "Count" {
			return errExpr("%s(\"*\") is not valid; only Count counts rows", fn)
		}
		e.path = "*"
	} else {
		s, err := arg(a)
		if err != nil {
			return &Expr{err: err}
		}
		spec.Arg = s
		if p, ok := a.(string); ok {
			e.path = p
		} else if x, ok := a.(*Expr); ok {
			e.path = x.path
		}
	}
	e.s = spec
	return e
}

// Count counts rows ("*"), or the non-NULL values of a field or expression.
func Count(arg any) *Expr { return aggregate("Count", arg, false) }

// Sum adds up a field or expression.
func Sum(arg any) *Expr { return aggregate("Sum", arg, false) }

// Avg averages a field or expression.
func Avg(arg any) *Expr { return aggregate("Avg", arg, false) }

// Min returns the smallest value.
func Min(arg any) *Expr { return aggregate("Min", arg, false) }

// Max returns the largest value.
func Max(arg any) *Expr { return aggregate("Max", arg, false) }

// StdDev returns the standard deviation (sample or population).
func StdDev(arg any, sample bool) *Expr { return aggregate("StdDev", arg, sample) }

// Variance returns the variance (sample or population).
func Variance(arg any, sample bool) *Expr { return aggregate("Variance", arg, sample) }

func (e *Expr) withAgg(change func(*sqlq.AggSpec)) *Expr {
	if e.err != nil {
		return e
	}
	if e.agg == nil {
		return errExpr("Distinct, Filter and Default apply to aggregates")
	}
	cp := *e.agg
	change(&cp)
	x := *e
	x.agg, x.s = &cp, &cp
	return &x
}

// Distinct makes the aggregate consider each distinct value once.
// As in Django, only Count, Sum and Avg take it (Min, Max, StdDev and
// Variance of distinct values are the same as of all values, or misleading).
func (e *Expr) Distinct() *Expr {
	if e != nil && e.err == nil && e.agg != nil && e.agg.Tmpl != nil {
		if !e.agg.Tmpl.ReadsDistinct() {
			return errExpr("%s does not allow distinct: its template has no {distinct}", e.agg.Fn)
		}
	} else if e != nil && e.err == nil && e.agg != nil {
		switch e.fn {
		case "Count", "Sum", "Avg":
		default:
			return errExpr("%s does not allow distinct", e.fn)
		}
	}
	return e.withAgg(func(a *sqlq.AggSpec) { a.Distinct = true })
}

// Filter makes the aggregate consider only rows where c holds (FILTER
// (WHERE ...) where the backend has it, CASE WHEN elsewhere).
func (e *Expr) Filter(c Condition) *Expr {
	if c == nil {
		return errExpr("Filter(nil)")
	}
	cs, err := c.cond()
	if err != nil {
		return &Expr{err: err}
	}
	if e != nil && e.path == "*" && e.err == nil {
		return errExpr("Count(\"*\") cannot take a Filter (Django: star cannot be used with filter); count a field instead, e.g. Count(\"pk\").Filter(...)")
	}
	return e.withAgg(func(a *sqlq.AggSpec) { a.Filter = cs })
}

// defaultAlias is Django's default name for an unnamed aggregate
// ("sales_count__sum"), or "" when the expression has none.
func (e *Expr) defaultAlias() string {
	if e.agg == nil || e.path == "" || e.path == "*" {
		return "" // Django: complex aggregates (and Count("*")) need a name
	}
	return e.path + "__" + strings.ToLower(e.fn)
}
