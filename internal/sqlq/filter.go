package sqlq

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
	"github.com/shopspring/decimal"
)

// AddFilter adds a Filter (or, negated, an Exclude) call's conditions, as
// Django's add_q: joins made for multi-valued relations inside this one call
// are shared, and joins are promoted or demoted by the votes of the tree.
func (q *Query) AddFilter(c CondSpec, negate bool) error {
	if t, ok := c.(*Tree); !ok || t.Or || t.Xor || t.Negated || negate {
		// Like Django's add_q, the call's conditions form one AND node
		// whose votes promote or demote joins.
		c = &Tree{Negated: negate, Children: []CondSpec{c}}
	}
	existingInner := q.innerAliases()
	q.usedBuf.names = q.usedBuf.names[:0]
	cond, _, err := q.addQ(c, &q.usedBuf, false, false, true)
	if err == nil {
		err, q.pathErr = q.pathErr, nil
	}
	if err != nil {
		return err
	}
	q.Where.Add(cond)
	q.demote(existingInner)
	return q.reorder()
}

// resolveCond resolves a condition inside an expression (When, an
// aggregate's filter), as Django's Q.resolve_expression: joins are reused
// (any, when reuse is nil), never split into subqueries, and promoted to
// LEFT OUTER so the condition filters no rows.
func (q *Query) resolveCond(c CondSpec, reuse *aliasSet) (Cond, error) {
	cond, joins, err := q.addQ(&Tree{Children: []CondSpec{c}}, reuse, false, false, false)
	if err != nil {
		return nil, err
	}
	q.promote(joins)
	return cond, nil
}

func (q *Query) innerAliases() []string {
	if len(q.joins) == 1 {
		return nil
	}
	var out []string
	for _, j := range q.joins {
		if j.Type == Inner {
			out = append(out, j.Alias)
		}
	}
	return out
}

// addQ resolves a condition tree (Django's _add_q).
func (q *Query) addQ(c CondSpec, used *aliasSet, branchNeg, curNeg, splitSubq bool) (Cond, []string, error) {
	switch x := c.(type) {
	case Pair:
		return q.buildFilter(x, used, branchNeg, curNeg, splitSubq)
	case ExprCond:
		e, err := x.E.resolve(&rctx{q: q, reuse: used, aggOK: true})
		if err != nil {
			return nil, nil, err
		}
		if cv, ok := e.(*CondValue); ok {
			return cv.C, nil, nil
		}
		return &BoolCond{E: e}, nil, nil
	case *Tree:
		curNeg = curNeg != x.Negated
		branchNeg = branchNeg || x.Negated
		n := len(x.Pairs) + len(x.Children)
		// XOR, negated or not, needs the rows a child's join lacks, as OR does.
		p := promoter{or: x.Xor || x.Or != curNeg, children: n}
		if n == 1 && !x.Negated {
			// One child: its condition stands for the node (AND and OR of
			// one are the child), and its joins get the node's votes.
			var cond Cond
			var inner []string
			var err error
			if len(x.Pairs) == 1 {
				cond, inner, err = q.buildFilter(x.Pairs[0], used, branchNeg, curNeg, splitSubq)
			} else {
				cond, inner, err = q.addQ(x.Children[0], used, branchNeg, curNeg, splitSubq)
			}
			if err != nil {
				return nil, nil, err
			}
			p.vote(inner)
			return cond, p.apply(q), nil
		}
		out := &Where{Or: x.Or, Xor: x.Xor, Negated: x.Negated, Children: make([]Cond, 0, n)}
		for _, pr := range x.Pairs {
			cond, inner, err := q.buildFilter(pr, used, branchNeg, curNeg, splitSubq)
			if err != nil {
				return nil, nil, err
			}
			p.vote(inner)
			out.Add(cond)
		}
		for _, child := range x.Children {
			cond, inner, err := q.addQ(child, used, branchNeg, curNeg, splitSubq)
			if err != nil {
				return nil, nil, err
			}
			p.vote(inner)
			out.Add(cond)
		}
		return out, p.apply(q), nil
	}
	return nil, nil, invalid("unsupported condition %T", c)
}

// promoter is Django's JoinPromoter: it decides which joins of an AND/OR
// node must be LEFT OUTER (a row may lack them) and which can be INNER.
type promoter struct {
	or       bool // the effective connector, after negation
	children int
	votes    []vote // in first-vote order
}

type vote struct {
	alias string
	n     int
}

func (p *promoter) vote(aliases []string) {
next:
	for _, a := range aliases {
		for i := range p.votes {
			if p.votes[i].alias == a {
				p.votes[i].n++
				continue next
			}
		}
		p.votes = append(p.votes, vote{alias: a, n: 1})
	}
}

func (p *promoter) apply(q *Query) []string {
	if len(p.votes) == 0 {
		return nil
	}
	var promote, demote []string
	for _, v := range p.votes {
		if p.or && v.n < p.children {
			promote = append(promote, v.alias)
		}
		if !p.or || v.n == p.children {
			demote = append(demote, v.alias)
		}
	}
	q.promote(promote)
	q.demote(demote)
	return demote
}

// buildFilter turns one "path__lookup": value pair into a condition
// (Django's build_filter). It returns the aliases the condition needs as
// INNER joins.
func (q *Query) buildFilter(pr Pair, used *aliasSet, branchNeg, curNeg, splitSubq bool) (Cond, []string, error) {
	if pr.Key == "" {
		return nil, nil, invalid("empty filter keyword")
	}
	if len(q.Annotations) == 0 && len(q.filtered) == 0 {
		if ce := cachedPath(q.Model, pr.Key); ce != nil {
			return q.buildResolved(pr, ce.p, used, branchNeg, curNeg, splitSubq)
		}
	}
	parts := strings.Split(pr.Key, "__")
	if a, n := q.annotationPrefix(parts); a != nil {
		lookup, names, err := splitLookup(a.E, parts[n:], pr.Key)
		if err != nil {
			return nil, nil, err
		}
		lhs, err := applyTransforms(a.E, names, pr.Key)
		if err != nil {
			return nil, nil, err
		}
		cond, err := q.buildLookup(lhs, lookup, pr.Value, used, pr.Key)
		return cond, nil, err
	}
	p, err := resolvePathIn(q, q.Model, parts)
	if err != nil {
		return nil, nil, err
	}
	if len(q.Annotations) == 0 && len(q.filtered) == 0 {
		storePath(q.Model, pr.Key, p)
	}
	return q.buildResolved(pr, p, used, branchNeg, curNeg, splitSubq)
}

// pathEntry is a resolved field path, cached per model and key: without
// annotations or FilteredRelations, resolving a key depends on nothing else.
type pathEntry struct{ p path }

type pathKey struct {
	m   *registry.Model
	key string
}

var (
	pathCache sync.Map // pathKey -> *pathEntry
	// pathCached bounds the cache: keys are finite in practice, but a path
	// can loop through relations without end ("books__author__books__...").
	pathCached atomic.Int64
)

func cachedPath(m *registry.Model, key string) *pathEntry {
	if v, ok := pathCache.Load(pathKey{m, key}); ok {
		return v.(*pathEntry)
	}
	return nil
}

func storePath(m *registry.Model, key string, p path) {
	if pathCached.Load() < 10000 {
		if _, loaded := pathCache.LoadOrStore(pathKey{m, key}, &pathEntry{p: p}); !loaded {
			pathCached.Add(1)
		}
	}
}

// buildResolved is buildFilter once the key's path is known.
func (q *Query) buildResolved(pr Pair, p path, used *aliasSet, branchNeg, curNeg, splitSubq bool) (Cond, []string, error) {
	if i := p.firstMulti(); i >= 0 && branchNeg && splitSubq {
		return q.splitExclude(pr, &p, i, used)
	}
	aliases := q.setupJoins(&p, used)
	if used != nil {
		for _, a := range aliases[1:] {
			used.add(a)
		}
	}
	col, trimmed := q.trimJoins(&p, aliases)
	lookup, names, err := splitLookup(col, p.rest, pr.Key)
	if err != nil {
		return nil, nil, q.lookupError(err, &p, pr.Key)
	}
	var lhs Expr = col
	if lhs, err = applyTransforms(col, names, pr.Key); err != nil {
		return nil, nil, err
	}
	if p.relation && len(names) == 0 && !relatedLookups[lookup] {
		return nil, nil, &FieldError{Model: q.Model.TypeName, Name: lookup,
			Msg: fmt.Sprintf("Related Field got invalid lookup: %s (in %q)", lookup, pr.Key)}
	}
	cond, err := q.buildLookup(lhs, lookup, pr.Value, used, pr.Key)
	if err != nil {
		return nil, nil, err
	}
	isnullTrue := lookup == "isnull" && pr.Value == true || (lookup == "exact" || lookup == "iexact") && pr.Value == nil
	requireOuter := isnullTrue && !curNeg
	if curNeg && !isnullTrue && pr.Value != nil {
		requireOuter = true
		if lookup != "isnull" {
			cond = q.negatedNotNull(cond, col, trimmed[len(trimmed)-1])
		}
	}
	if requireOuter || len(trimmed) == 1 {
		return cond, nil, nil
	}
	return cond, trimmed[1:], nil // the base table takes no votes
}

// negatedNotNull adds "col IS NOT NULL" (and "other IS NOT NULL" for a
// nullable column compared with, x = F("y")) to a condition about to be
// negated, so NOT keeps the rows where either side is NULL, as Django's
// build_filter does.
func (q *Query) negatedNotNull(cond Cond, col *Col, lastAlias string) Cond {
	var rhs *Col
	if rc, ok := cond.(*Lookup); ok {
		rhs, _ = rc.RHS.(*Col)
	}
	if col.Field.Null || q.alias(lastAlias).Type == LeftOuter {
		cond = &Where{Children: []Cond{cond, &Lookup{Name: "isnull", LHS: col, RHS: false}}}
	}
	if rhs != nil && rhs.Field.Null {
		cond = &Where{Children: []Cond{cond, &Lookup{Name: "isnull", LHS: rhs, RHS: false}}}
	}
	return cond
}

// annotationPrefix finds the annotation named by the longest prefix of
// parts ("books__count__gt" refers to the annotation "books__count"), and
// how many parts it took.
func (q *Query) annotationPrefix(parts []string) (*Annotation, int) {
	for n := len(parts); n >= 1; n-- {
		if a := q.Annotation(strings.Join(parts[:n], "__")); a != nil {
			return a, n
		}
	}
	return nil, 0
}

func (q *Query) lookupError(err error, p *path, key string) error {
	if fe, ok := err.(*FieldError); ok && p.relation && len(p.steps) > 0 {
		m := p.steps[len(p.steps)-1].model
		if m.Type != nil {
			return cannotResolve(m.TypeName, fe.Name, m.Choices())
		}
	}
	return err
}

// relatedLookups are the lookups a relation itself (not a field behind it) accepts.
var relatedLookups = map[string]bool{"exact": true, "in": true, "isnull": true, "gt": true, "gte": true,
	"lt": true, "lte": true, "range": true}

// lookups lists every lookup name; each works on every kind (pattern
// lookups compare the value's text, as Django does).
var lookups = []string{"exact", "iexact", "contains", "icontains", "in", "gt", "gte", "lt", "lte",
	"startswith", "istartswith", "endswith", "iendswith", "range", "isnull", "regex", "iregex"}

func isLookup(name string) bool {
	for _, l := range lookups {
		if l == name {
			return true
		}
	}
	for _, l := range jsonLookups {
		if l == name {
			return true
		}
	}
	if slices.Contains(arrayLookups, name) {
		return true
	}
	return isCustomLookup(name)
}

// splitLookup separates the final lookup from the transforms before it:
// "year__gt" -> (gt, [year]); "year" -> (exact, [year]); "" -> exact.
func splitLookup(lhs Expr, names []string, key string) (string, []string, error) {
	if len(names) == 0 {
		return "exact", nil, nil
	}
	last := names[len(names)-1]
	if isLookup(last) {
		return last, names[:len(names)-1], nil
	}
	k := lhs.Kind()
	for _, n := range names[:len(names)-1] {
		t, err := transform(lhs, n)
		if err != nil {
			return "", nil, unsupportedLookup(n, k, key)
		}
		lhs, k = t, t.Kind()
	}
	if _, err := transform(lhs, last); err != nil {
		return "", nil, unsupportedLookup(last, k, key)
	}
	return "exact", names, nil
}

func unsupportedLookup(name string, k registry.Kind, key string) error {
	choices := append([]string(nil), lookups...)
	if k == registry.Array {
		choices = append([]string(nil), arrayLookupChoices...)
	}
	choices = append(choices, transformsFor(k)...)
	choices = append(choices, customNames(k)...)
	sort.Strings(choices)
	return &FieldError{Name: name, Choices: choices, Msg: fmt.Sprintf(
		"Unsupported lookup '%s' for %s in %q. Lookups and transforms are: %s",
		name, k, key, strings.Join(choices, ", "))}
}

var dateParts = []string{"year", "iso_year", "quarter", "month", "week", "day", "week_day", "iso_week_day"}
var clockParts = []string{"hour", "minute", "second"}

func transformsFor(k registry.Kind) []string {
	switch k {
	case registry.Date:
		return dateParts
	case registry.DateTime:
		return append(append(append([]string(nil), dateParts...), clockParts...), "date", "time")
	case registry.Time:
		return clockParts
	case registry.Array:
		return arrayTransforms
	}
	return nil
}

// transform applies a named transform (a date part, date or time) to e.
func transform(e Expr, name string) (Expr, error) {
	if e.Kind() == registry.JSON {
		return jsonKey(e, name), nil // any other name is a key (Django's KeyTransform)
	}
	if e.Kind() == registry.Array {
		if t := customTransform(name, registry.Array); t != nil && !builtinArrayTransform(name) {
			return t.apply(e), nil
		}
		return arrayTransform(e, name)
	}
	for _, t := range transformsFor(e.Kind()) {
		if t != name {
			continue
		}
		switch name {
		case "date":
			return &Trunc{To: "date", Arg: e, Out: registry.Date}, nil
		case "time":
			return &Trunc{To: "time", Arg: e, Out: registry.Time}, nil
		}
		return &Extract{Part: name, Arg: e}, nil
	}
	if t := customTransform(name, e.Kind()); t != nil {
		return t.apply(e), nil
	}
	return nil, fmt.Errorf("no transform %q on %s", name, e.Kind())
}

// truncate applies Trunc(kind) to e, checking the kind against e's kind.
func truncate(e Expr, kind string, out registry.Kind) (Expr, error) {
	k := e.Kind()
	if k == registry.Date && out == registry.DateTime {
		return nil, invalid("Cannot truncate DateField to DateTimeField (a date has no time of day)")
	}
	valid := map[registry.Kind][]string{
		registry.Date:     {"year", "quarter", "month", "week", "day"},
		registry.DateTime: {"year", "quarter", "month", "week", "day", "hour", "minute", "second", "date", "time"},
		registry.Time:     {"hour", "minute", "second"},
	}[k]
	for _, v := range valid {
		if v == kind {
			if out == registry.Invalid {
				out = k
				switch kind {
				case "date":
					out = registry.Date
				case "time":
					out = registry.Time
				}
			}
			return &Trunc{To: kind, Arg: e, Out: out}, nil
		}
	}
	if len(valid) == 0 {
		return nil, invalid("Trunc needs a DateField, DateTimeField or TimeField, not %s", k)
	}
	return nil, invalid("Trunc kind %q is not valid for %s; valid kinds: %s", kind, k, strings.Join(valid, ", "))
}

// buildLookup builds lhs <lookup> value.
func (q *Query) buildLookup(lhs Expr, lookup string, value any, used *aliasSet, key string) (Cond, error) {
	if isCustomLookup(lookup) {
		if l := customLookup(lookup, lhs.Kind()); l != nil {
			return q.buildCustom(l, lhs, value, used, key)
		}
		return nil, unsupportedLookup(lookup, lhs.Kind(), key)
	}
	if lhs.Kind() == registry.Array {
		if c, done, err := q.buildArray(lhs, lookup, value, &rctx{q: q, reuse: used, aggOK: true}, key); done || err != nil {
			return c, err
		}
	} else if slices.Contains(arrayLookups, lookup) {
		return nil, invalid("%s: the %s lookup applies to array fields (ArrayField), not %s", key, lookup, lhs.Kind())
	}
	if sp, ok := value.(Spec); ok && lookup != "in" {
		rhs, err := sp.resolve(&rctx{q: q, reuse: used, aggOK: true, exactValue: lookup == "exact"})
		if err != nil {
			return nil, err
		}
		switch lookup {
		case "isnull", "range":
			return nil, invalid("%s: the %s lookup needs a literal value (a range takes a list of two bounds, each a value or an expression)", key, lookup)
		}
		return &Lookup{Name: lookup, LHS: lhs, RHS: rhs}, nil
	}
	value = Canon(value)
	k := lhs.Kind()
	if k == registry.JSON {
		if c, done, err := q.buildJSON(lhs, lookup, value, key); done || err != nil {
			return c, err
		}
	} else if slices.Contains(jsonLookups, lookup) && k != registry.Array {
		return nil, invalid("%s: the %s lookup applies to JSON fields, not %s", key, lookup, k)
	}
	switch lookup {
	case "isnull":
		b, ok := value.(bool)
		if !ok {
			return nil, invalid("%s: the value of an isnull lookup must be true or false, not %v", key, value)
		}
		return &Lookup{Name: "isnull", LHS: lhs, RHS: b}, nil
	case "in":
		return q.buildIn(lhs, value, &rctx{q: q, reuse: used, aggOK: true}, key)
	case "range":
		items, ok := sliceItems(value)
		if !ok || len(items) != 2 {
			return nil, invalid("%s: the range lookup needs two values [low, high], got %v", key, value)
		}
		if k.IsInteger() {
			var empty bool
			if items, empty = clampRange(items, k); empty {
				return Const(false), nil
			}
		}
		c := &rctx{q: q, reuse: used, aggOK: true}
		lo, err := q.rangeBound(c, items[0], k, key)
		if err != nil {
			return nil, err
		}
		hi, err := q.rangeBound(c, items[1], k, key)
		if err != nil {
			return nil, err
		}
		return &Lookup{Name: "range", LHS: lhs, RHS: []Expr{lo, hi}}, nil
	}
	if emptyIsNull(q.D, lookup, value) {
		return &Lookup{Name: "isnull", LHS: lhs, RHS: true}, nil
	}
	if value == nil {
		if lookup == "exact" || lookup == "iexact" { // Django: both mean IS NULL
			return &Lookup{Name: "isnull", LHS: lhs, RHS: true}, nil
		}
		return nil, invalid("%s: cannot use nil as a query value except with exact and isnull", key)
	}
	switch lookup {
	case "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith":
		s, err := patternText(value, k)
		if err != nil {
			return nil, invalid("%s: %v", key, err)
		}
		return &Lookup{Name: lookup, LHS: lhs, RHS: s}, nil
	case "regex", "iregex":
		s, ok := value.(string)
		if !ok {
			return nil, invalid("%s: a regex lookup needs a string, not %T", key, value)
		}
		return &Lookup{Name: lookup, LHS: lhs, RHS: &Param{V: s, K: registry.Text}}, nil
	case "iexact":
		s, err := patternText(value, k)
		if err != nil {
			return nil, invalid("%s: %v", key, err)
		}
		return &Lookup{Name: lookup, LHS: lhs, RHS: &Param{V: s, K: registry.Text}}, nil
	}
	if cond, ok := yearBounds(lhs, lookup, value, q.Loc); ok {
		return cond, nil
	}
	if cond, ok := intOverflow(lookup, value, k); ok {
		return cond, nil
	}
	rhs, err := prepValue(value, k, key)
	if err != nil {
		return nil, err
	}
	return &Lookup{Name: lookup, LHS: lhs, RHS: rhs}, nil
}

func (q *Query) buildIn(lhs Expr, value any, c *rctx, key string) (Cond, error) {
	if sq, ok := value.(*SubquerySpec); ok {
		inner, err := sq.Build(q)
		if err != nil {
			return nil, err
		}
		if n := inner.selectedCount(); n != 1 {
			return nil, invalid("%s: the subquery of an in lookup must select one column, not %d", key, n)
		}
		inner.ClearOrderingIfFree()
		return &Lookup{Name: "in", LHS: lhs, RHS: inner}, nil
	}
	if _, ok := value.(Spec); ok {
		return nil, invalid("%s: the in lookup needs a list or a QuerySet", key)
	}
	items, ok := sliceItems(value)
	if !ok {
		return nil, invalid("%s: the in lookup needs a list or a QuerySet, not %T", key, value)
	}
	var rhs []Expr
	seen := map[any]bool{}
	for _, it := range items {
		if sp, ok := it.(Spec); ok { // F("x") among the values, as Django allows
			e, err := sp.resolve(c)
			if err != nil {
				return nil, err
			}
			rhs = append(rhs, e)
			continue
		}
		it = Canon(it)
		if it == nil || intOutside(it, lhs.Kind()) != 0 && lhs.Kind().IsInteger() {
			continue // Django drops None from IN lists; no row holds a number the column cannot
		}
		e, err := prepValue(it, lhs.Kind(), key)
		if err != nil {
			return nil, err
		}
		if p, isParam := e.(*Param); isParam && comparable(p.V) {
			if seen[p.V] {
				continue
			}
			seen[p.V] = true
		}
		rhs = append(rhs, e)
	}
	if len(rhs) == 0 {
		return Const(false), nil
	}
	return &Lookup{Name: "in", LHS: lhs, RHS: rhs}, nil
}

func comparable(v any) bool {
	switch v.(type) {
	case string, int64, bool, float64:
		return true
	}
	return false
}

// yearBounds rewrites year comparisons on a date column as range
// comparisons the database can answer from an index (Django's YearLookup).
// A datetime's year starts at midnight in loc (nil: UTC), the query's
// time zone; a year read in a zone of its own (ExtractIn) is compared as
// extracted.
func yearBounds(lhs Expr, lookup string, value any, loc *time.Location) (Cond, bool) {
	ex, ok := lhs.(*Extract)
	if !ok || ex.Part != "year" && ex.Part != "iso_year" || ex.Zone != "" && ex.Zone != "UTC" {
		return nil, false
	}
	if loc == nil || ex.Zone == "UTC" {
		loc = time.UTC
	}
	col, ok := ex.Arg.(*Col)
	if !ok || (col.Kind() != registry.Date && col.Kind() != registry.DateTime) {
		return nil, false
	}
	y, ok := value.(int64)
	if !ok || y < 1 || y > 9999 || ex.Part == "iso_year" && (y < 2 || y > 9998) {
		return nil, false // ISO years 1 and 9999 reach outside the years a date can hold
	}
	start, next := time.Date(int(y), 1, 1, 0, 0, 0, 0, time.UTC), time.Date(int(y)+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if ex.Part == "iso_year" {
		start, next = isoYearStart(int(y)), isoYearStart(int(y)+1)
	}
	if col.Kind() == registry.DateTime && loc != time.UTC {
		start, next = wallIn(start, loc), wallIn(next, loc)
	}
	end := next.AddDate(0, 0, -1)
	if col.Kind() == registry.DateTime {
		end = next.Add(-time.Microsecond)
	}
	k := col.Kind()
	lo, hi := &Param{V: start, K: k}, &Param{V: end, K: k}
	switch lookup {
	case "exact":
		return &Lookup{Name: "range", LHS: col, RHS: []Expr{lo, hi}}, true
	case "gt":
		return &Lookup{Name: "gt", LHS: col, RHS: hi}, true
	case "gte":
		return &Lookup{Name: "gte", LHS: col, RHS: lo}, true
	case "lt":
		return &Lookup{Name: "lt", LHS: col, RHS: lo}, true
	case "lte":
		return &Lookup{Name: "lte", LHS: col, RHS: hi}, true
	}
	return nil, false
}

// wallIn is the instant the wall time of the UTC value t reads in loc.
func wallIn(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// isoYearStart is the first day of ISO year y: the Monday of the week
// holding January 4th.
func isoYearStart(y int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	return jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
}

// emptyIsNull reports whether an exact lookup of v means IS NULL on d:
// Oracle stores the empty string as NULL, so an equality with it would match
// no row (Django's interprets_empty_strings_as_nulls).
func emptyIsNull(d dialects.Dialect, lookup string, v any) bool {
	return lookup == "exact" && v == "" && d.Features().EmptyStringIsNull
}

// intOverflow answers a comparison of an integer column with a number
// outside the column's range without the database, as Django's
// IntegerFieldOverflow does: no row equals it, every row is on one side of
// it (PostgreSQL would refuse the value, other backends compare it).
func intOverflow(lookup string, v any, k registry.Kind) (Cond, bool) {
	if !k.IsInteger() {
		return nil, false
	}
	side := intOutside(v, k)
	if side == 0 {
		return nil, false
	}
	switch lookup {
	case "exact":
		return Const(false), true
	case "gt", "gte":
		return Const(side < 0), true
	case "lt", "lte":
		return Const(side > 0), true
	}
	return nil, false
}

// intOutside says where a whole number v lies against kind k's range: -1
// below, +1 above, 0 inside (or not a whole number: conversion reports it).
func intOutside(v any, k registry.Kind) int {
	lo, hi := k.IntRange()
	switch x := v.(type) {
	case int64:
		return cmpRange(x < lo, x > hi)
	case uint64:
		return cmpRange(false, x > uint64(hi))
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) {
			return 0
		}
		// float64(hi)+1 is exact for every range: 2^15, 2^31, 2^63.
		return cmpRange(x < float64(lo), x >= float64(hi)+1)
	case decimal.Decimal:
		if !x.IsInteger() {
			return 0
		}
		return cmpRange(x.LessThan(decimal.NewFromInt(lo)), x.GreaterThan(decimal.NewFromInt(hi)))
	case string:
		return textOutside(x, lo, hi)
	}
	return 0
}

// textOutside is intOutside for a number given as text ("40000"), which
// the value's conversion turns into an integer later; text that is not a
// whole number is left to that conversion's error.
func textOutside(s string, lo, hi int64) int {
	s = strings.TrimSpace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err == nil:
		return cmpRange(n < lo, n > hi)
	case errors.Is(err, strconv.ErrRange):
		return cmpRange(strings.HasPrefix(s, "-"), !strings.HasPrefix(s, "-"))
	}
	return 0
}

// clampRange brings the bounds of a range lookup on an integer column
// inside the column's range; empty is true when no value of the column
// can lie between them.
func clampRange(items []any, k registry.Kind) (_ []any, empty bool) {
	lo, hi := Canon(items[0]), Canon(items[1])
	sideLo, sideHi := intOutside(lo, k), intOutside(hi, k)
	if sideLo > 0 || sideHi < 0 {
		return nil, true
	}
	if sideLo == 0 && sideHi == 0 {
		return items, false
	}
	min, max := k.IntRange()
	if sideLo < 0 {
		lo = min
	}
	if sideHi > 0 {
		hi = max
	}
	return []any{lo, hi}, false
}

func cmpRange(below, above bool) int {
	switch {
	case below:
		return -1
	case above:
		return 1
	}
	return 0
}

// patternText gives the text a pattern lookup searches for.
func patternText(v any, k registry.Kind) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int64, float64, bool:
		return fmt.Sprint(x), nil
	}
	if k.IsText() {
		return "", fmt.Errorf("pattern lookups need a string, not %T", v)
	}
	cv, err := registry.Convert(k, v)
	if err != nil {
		return "", err
	}
	return fmt.Sprint(cv), nil
}

// rangeBound is one bound of a range lookup: a literal, or an expression
// (x__range=[F("a"), F("a") + 10]), as Django allows.
func (q *Query) rangeBound(c *rctx, v any, k registry.Kind, key string) (Expr, error) {
	if sp, ok := v.(Spec); ok {
		return sp.resolve(c)
	}
	return prepValue(v, k, key)
}

// prepValue converts a literal to the canonical value of kind k (Django's
// get_prep_value), naming the field path on failure.
func prepValue(v any, k registry.Kind, key string) (Expr, error) {
	v = Canon(v) // a range's bounds arrive as the user's types ([]any{5, ...})
	if _, ok := v.(Spec); ok {
		return nil, invalid("%s: expressions are not allowed inside a list", key)
	}
	if k == registry.Invalid {
		k = KindOf(v)
	}
	cv, err := prepScalar(v, k, key)
	if err != nil {
		return nil, err
	}
	return &Param{V: cv, K: k}, nil
}

// prepScalar checks that v fits kind k and converts it to k's canonical Go value.
func prepScalar(v any, k registry.Kind, key string) (any, error) {
	if k == registry.JSON { // a Go value written to or compared with a JSON column
		text, err := registry.EncodeJSON(v)
		if err != nil {
			return nil, invalid("Field '%s': the value cannot be encoded as JSON: %v", key, err)
		}
		return text, nil
	}
	if k == registry.Array {
		return arrayValue(v, key)
	}
	if k == registry.Bool {
		if _, ok := v.(bool); !ok {
			return nil, invalid("Field '%s' expected a boolean but got %#v", key, v)
		}
	}
	if k.IsText() {
		switch x := v.(type) {
		case string:
		case int64:
			// Django's CharField.to_python: str(value) for a number.
			v = strconv.FormatInt(x, 10)
		default:
			return nil, invalid("Field '%s' expected a string but got %#v (%T)", key, v, v)
		}
	}
	if isCanonical(v, k) {
		return v, nil
	}
	cv, err := registry.Convert(k, v)
	if err != nil {
		what := map[bool]string{true: "a number", false: "a " + k.String() + " value"}[k.IsNumeric()]
		return nil, invalid("Field '%s' expected %s but got %#v", key, what, v)
	}
	return cv, nil
}

// isCanonical reports whether v already has kind k's Go type (no
// conversion, no new box).
func isCanonical(v any, k registry.Kind) bool {
	switch v.(type) {
	case int64:
		return k.IsInteger()
	case string:
		return k.IsText()
	case bool:
		return k == registry.Bool
	case float64:
		return k == registry.Float
	}
	return false
}

// boxAll copies a typed slice into a []any without reflection.
func boxAll[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func sliceItems(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case nil, string, []byte:
		return nil, false
	case []int64:
		return boxAll(x), true
	case []int:
		return boxAll(x), true
	case []string:
		return boxAll(x), true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, false
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out, true
}
