package sqlq

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djorm/orm/internal/sqltext"
	"github.com/djorm/orm/registry"
)

// NamedSpec is an expression with the name it gets (annotate(name=expr)).
type NamedSpec struct {
	Name string
	E    Spec
}

// CheckAlias validates a new name (annotation, Values key, Extra column)
// against the identifier allow-list and the backend's identifier length.
func (q *Query) CheckAlias(name string) error {
	if !registry.ValidIdent(name) {
		return invalid("invalid alias %q: aliases must match ^[A-Za-z_][A-Za-z0-9_]*$", name)
	}
	for _, part := range strings.Split(name, "__") {
		if part == "" { // "__x", "a__": lookups could never name it
			return invalid("invalid alias %q: an alias cannot start or end with \"__\"", name)
		}
	}
	if max := q.D.Features().MaxIdentLen; max > 0 && len(name) > max {
		return invalid("alias %q is longer than the %d characters %s allows", name, max, q.D.Name())
	}
	return nil
}

// AddAnnotation adds annotate(name=expr) (or alias(name=expr) when
// selectIt is false), switching the query to GROUP BY when expr aggregates.
func (q *Query) AddAnnotation(ns NamedSpec, selectIt bool) error {
	if err := q.CheckAlias(ns.Name); err != nil {
		return err
	}
	if f := q.Model.FieldFold(ns.Name); f != nil || q.Model.ReverseByQueryName(ns.Name) != nil {
		// Case-insensitively: MySQL and MariaDB fold column names, so
		// "Name" would be ambiguous with the column name there.
		return invalid("The annotation '%s' conflicts with a field on the model.", ns.Name)
	}
	e, err := ns.E.resolve(&rctx{q: q, aggOK: true})
	if err == nil {
		err, q.pathErr = q.pathErr, nil
	}
	if err != nil {
		return err
	}
	if e.Kind() == registry.Invalid && selectIt {
		if a := mixedArith(e); a != nil {
			return &FieldError{Model: q.Model.TypeName, Name: ns.Name, Msg: fmt.Sprintf(
				"Cannot infer type of '%s' expression involving these types: %s, %s. You must set output_field (OutputField).",
				a.Op, a.L.Kind(), a.R.Kind())}
		}
	}
	q.setAnnotation(&Annotation{Name: ns.Name, E: e, Select: selectIt})
	if selectIt && q.Values != nil {
		q.Values = append(q.Values, ValuesField{Name: ns.Name, E: &Ref{Name: ns.Name, Target: e}})
	}
	if hasAggregate(e) && !q.grouped() {
		if q.Values != nil {
			q.setGroupByValues() // values(...).annotate(agg): group by the values
		} else {
			q.GroupAll = true
		}
	}
	return nil
}

// setGroupByValues groups by the current Values fields and the
// non-aggregate annotations (Django's set_group_by).
func (q *Query) setGroupByValues() {
	q.GroupBy = []Expr{}
	for _, v := range q.Values {
		e := v.E
		if r, ok := e.(*Ref); ok {
			e = r.Target
		}
		if !hasAggregate(e) {
			q.GroupBy = append(q.GroupBy, e)
		}
	}
}

func (q *Query) setAnnotation(a *Annotation) {
	if q.annIndex == nil {
		q.annIndex = map[string]int{}
	}
	if i, ok := q.annIndex[a.Name]; ok {
		q.Annotations[i] = a
		return
	}
	q.annIndex[a.Name] = len(q.Annotations)
	q.Annotations = append(q.Annotations, a)
}

func (q *Query) grouped() bool { return q.GroupAll || q.GroupBy != nil }

// ValuesItem is one argument of Values: a field path, an annotation name,
// or a named expression.
type ValuesItem struct {
	Path string
	E    *NamedSpec
}

// SetValues turns the query into a Values query (Django's set_values).
func (q *Query) SetValues(items []ValuesItem) error {
	if q.GroupAll {
		// annotate(aggregate).values(...): keep grouping by the model's rows.
		for _, f := range q.Model.Fields {
			q.GroupBy = append(q.GroupBy, &Col{Alias: q.fieldAlias(q.BaseAlias(), q.Model, f), Field: f})
		}
		q.GroupAll = false
	}
	var out []ValuesField
	seen := map[string]bool{}
	add := func(name string, e Expr) error {
		if seen[name] {
			return invalid("Values names %q twice", name)
		}
		seen[name] = true
		out = append(out, ValuesField{Name: name, E: e})
		return nil
	}
	if len(items) == 0 {
		q.ValuesAll = true
		for _, f := range q.Model.Fields {
			_ = add(f.Attname, &Col{Alias: q.fieldAlias(q.BaseAlias(), q.Model, f), Field: f, Out: f.Kind})
		}
		for _, a := range q.Annotations {
			if a.Select {
				_ = add(a.Name, &Ref{Name: a.Name, Target: a.E})
			}
		}
		q.Values = out
		return nil
	}
	for _, it := range items {
		if it.E != nil {
			if err := q.AddAnnotation(*it.E, true); err != nil {
				return err
			}
			if err := add(it.E.Name, &Ref{Name: it.E.Name, Target: q.Annotation(it.E.Name).E}); err != nil {
				return err
			}
			continue
		}
		if x := q.extraSelect(it.Path); x != nil { // Extra(Select) names, as Django's extra mask
			if err := add(it.Path, &Ref{Name: x.Name, Target: x.E}); err != nil {
				return err
			}
			continue
		}
		e, err := q.valuesRef(it.Path)
		if err == nil {
			err, q.pathErr = q.pathErr, nil
		}
		if err != nil {
			return err
		}
		if err := add(it.Path, e); err != nil {
			return err
		}
	}
	// Annotations not named in Values are no longer selected (Django's
	// annotation mask); nor are extra columns, the named ones being Values
	// items now (its extra mask).
	for _, a := range q.Annotations {
		if !seen[a.Name] {
			a.Select = false
		}
	}
	q.ExtraSelect = nil
	q.Values = out
	return nil
}

// extraSelect returns the Extra(Select) column named name, or nil.
func (q *Query) extraSelect(name string) *ExtraCol {
	for i := range q.ExtraSelect {
		if q.ExtraSelect[i].Name == name {
			return &q.ExtraSelect[i]
		}
	}
	return nil
}

func (q *Query) valuesRef(path string) (Expr, error) {
	parts := strings.Split(path, "__")
	if a, n := q.annotationPrefix(parts); a != nil {
		a.Select = true
		if len(parts) == n {
			return &Ref{Name: a.Name, Target: a.E}, nil
		}
		return applyTransforms(a.E, parts[n:], path)
	}
	p, err := resolvePathIn(q, q.Model, parts)
	if err != nil {
		return nil, err
	}
	aliases := q.setupJoins(&p, nil)
	col, _ := q.trimJoins(&p, aliases)
	return applyTransforms(col, p.rest, path)
}

// SetDeferred records Only / Defer field names, validating them.
func (q *Query) SetDeferred(only, deferred []string) error {
	check := func(names []string) (map[string]bool, error) {
		m := map[string]bool{}
		for _, n := range names {
			if n == "pk" {
				n = q.Model.PK.Name
			}
			f := q.Model.Field(n)
			switch {
			case f != nil && f.Concrete():
				n = f.Name
			case strings.Contains(n, "__"):
				if err := checkDeferredPath(q.Model, n); err != nil {
					return nil, err
				}
			case f == nil && q.Model.ReverseByQueryName(n) != nil && !q.Model.ReverseByQueryName(n).Multiple():
				// a reverse one-to-one has no column here: nothing to load
			default:
				return nil, cannotResolve(q.Model.TypeName, n, q.Model.Choices())
			}
			m[n] = true
		}
		return m, nil
	}
	var err error
	if only != nil {
		if q.Only, err = check(only); err != nil {
			return err
		}
	}
	if deferred != nil {
		if q.Defer, err = check(deferred); err != nil {
			return err
		}
	}
	return nil
}

// checkDeferredPath checks a related name given to Only or Defer
// ("author__name"): single-valued relations (as SelectRelated follows them)
// ending at a field of the last related model.
func checkDeferredPath(m *registry.Model, path string) error {
	parts := strings.Split(path, "__")
	for i, name := range parts {
		if i == len(parts)-1 {
			if name == "pk" || m.Field(name) != nil && m.Field(name).Concrete() {
				return nil
			}
			return cannotResolve(m.TypeName, name, m.Choices())
		}
		if f := m.Field(name); f != nil && f.IsRelation() && f.Rel.To() != nil {
			m = f.Rel.To()
			continue
		}
		if r := m.ReverseByQueryName(name); r != nil && !r.Multiple() {
			m = r.From
			continue
		}
		return &FieldError{Model: m.TypeName, Name: name, Choices: m.Choices(), Msg: fmt.Sprintf(
			"Invalid field name '%s' in %q: Only and Defer follow foreign keys and one-to-one relations of %s. Choices are: %s",
			name, path, m.TypeName, strings.Join(m.Choices(), ", "))}
	}
	return nil
}

// checkRelatedLoaded refuses a select_related relation whose key Only or
// Defer leaves out, as Django does: the related row would be joined and
// its key not loaded.
func (q *Query) checkRelatedLoaded(node *RelatedNode, prefix string) error {
	if q.Only == nil && q.Defer == nil {
		return nil
	}
	for _, c := range node.Children {
		if c.Field != nil && !c.auto {
			loaded := slices.Contains(loadedOf(node.Model, q.Only, q.Defer, prefix), c.Field)
			if !loaded && (prefix == "" || q.Only == nil || q.Only[strings.TrimSuffix(prefix, "__")] || hasPrefix(q.Only, prefix)) {
				return &FieldError{Model: node.Model.TypeName, Name: c.Field.Name, Msg: fmt.Sprintf(
					"Field %s.%s cannot be both deferred and traversed using select_related at the same time",
					node.Model.TypeName, c.Field.Name)}
			}
		}
		if err := q.checkRelatedLoaded(c, prefix+c.Name+"__"); err != nil {
			return err
		}
	}
	return nil
}

// loadedFields returns the main model's fields to select (pk always).
func (q *Query) loadedFields() []*registry.Field {
	return loadedOf(q.Model, q.Only, q.Defer, "")
}

func loadedOf(m *registry.Model, only, deferred map[string]bool, prefix string) []*registry.Field {
	if only == nil && deferred == nil {
		return m.Fields
	}
	var out []*registry.Field
	for _, f := range m.Fields {
		name := prefix + f.Name
		switch {
		case f == m.PK:
		case only != nil && !only[name] && !hasPrefix(only, name+"__"):
			continue
		case deferred != nil && deferred[name]:
			continue
		}
		out = append(out, f)
	}
	return out
}

func hasPrefix(set map[string]bool, prefix string) bool {
	for k := range set {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// DeferredNames lists the main model's fields that Only/Defer leave out.
func (q *Query) DeferredNames() []string {
	if q.Only == nil && q.Defer == nil {
		return nil
	}
	loaded := map[*registry.Field]bool{}
	for _, f := range q.loadedFields() {
		loaded[f] = true
	}
	var out []string
	for _, f := range q.Model.Fields {
		if !loaded[f] {
			out = append(out, f.Attname) // Django's get_deferred_fields() gives attnames
		}
	}
	return out
}

// OrderItem is one OrderBy argument: a name ("-price", "?") or an expression.
type OrderItem struct {
	Name string
	E    *OrderSpec
}

// SetOrdering replaces the ordering (Django's clear_ordering + add_ordering),
// validating names now so a typo fails before any SQL.
func (q *Query) SetOrdering(items []OrderItem) error {
	q.releaseOrderJoins()
	q.OrderBy = nil
	q.ordered = true
	var buf [8]int
	before := q.refSnapshot(buf[:0])
	for _, it := range items {
		terms, err := q.orderTerms(it)
		if err != nil {
			return err
		}
		q.OrderBy = append(q.OrderBy, terms...)
	}
	q.holdOrderJoins(before)
	if len(q.orderRefs) > 0 {
		// Kept to resolve again after a filter (reorder); copied, so the
		// caller's slice stays where it is when nothing is held.
		q.orderItems = append(q.orderItems[:0], items...)
	}
	if len(items) == 0 {
		q.DefaultOrdering = false
	}
	return nil
}

// combinedOrderTerm orders a set operation by a column its first member
// selects under a name (a Values alias or annotation: Django orders a
// combined query by the columns of its result), written F(name) or name.
func (q *Query) combinedOrderTerm(it OrderItem) (OrderTerm, bool) {
	if q.Combinator == "" || len(q.Combined) == 0 || q.Combined[0].Values == nil {
		return OrderTerm{}, false
	}
	name, t := strings.TrimPrefix(it.Name, "-"), OrderTerm{Desc: strings.HasPrefix(it.Name, "-")}
	if it.E != nil {
		f, isF := it.E.E.(*F)
		if !isF {
			return OrderTerm{}, false
		}
		name, t = f.Path, OrderTerm{Desc: it.E.Desc, NullsFirst: it.E.NullsFirst, NullsLast: it.E.NullsLast}
	}
	for _, v := range q.Combined[0].Values {
		if r, isRef := v.E.(*Ref); isRef && v.Name == name {
			t.E = &Ref{Name: name, Target: r.Target}
			return t, true
		}
	}
	return OrderTerm{}, false
}

// refSnapshot appends each join's reference count to buf.
func (q *Query) refSnapshot(buf []int) []int {
	for _, j := range q.joins {
		buf = append(buf, j.refs)
	}
	return buf
}

// holdOrderJoins records the references the ordering just took, so clearing
// it (Count, Exists, Aggregate, OrderBy()) releases them: a join only the
// ordering used is then not rendered, as in Django, where the ordering's
// joins exist only if the ordering is compiled. Without this, ordering by
// a multi-valued relation ("-books__price") would multiply the rows Count
// counts.
func (q *Query) holdOrderJoins(before []int) {
	for i, j := range q.joins {
		if i == 0 {
			continue // the model's own table is always in FROM
		}
		prev := 0
		if i < len(before) {
			prev = before[i]
		}
		if d := j.refs - prev; d > 0 {
			q.orderRefs = append(q.orderRefs, joinHold{j: j, n: d})
		}
	}
}

// reorder resolves the ordering again after a filter, when the ordering
// holds joins of its own: Django sets up the ordering's joins when it
// compiles, after every filter, reusing theirs, so
// OrderBy("books__title").Filter(books__price__gt=0) orders by the
// filtered books rather than joining the books a second time (which
// multiplied the rows).
func (q *Query) reorder() error {
	if len(q.orderRefs) == 0 {
		return nil
	}
	return q.SetOrdering(q.orderItems)
}

// releaseOrderJoins gives back the references of the ordering being
// replaced or cleared.
func (q *Query) releaseOrderJoins() {
	for _, h := range q.orderRefs {
		h.j.refs -= h.n
	}
	q.orderRefs = q.orderRefs[:0]
}

func (q *Query) orderTerms(it OrderItem) ([]OrderTerm, error) {
	if t, ok := q.combinedOrderTerm(it); ok {
		return []OrderTerm{t}, nil
	}
	if it.E != nil {
		e, err := it.E.E.resolve(&rctx{q: q, ordering: true})
		if err != nil {
			return nil, err
		}
		return []OrderTerm{{E: q.orderable(e), Desc: it.E.Desc, NullsFirst: it.E.NullsFirst, NullsLast: it.E.NullsLast}}, nil
	}
	name := it.Name
	if name == "?" {
		return []OrderTerm{{Random: true}}, nil
	}
	desc := strings.HasPrefix(name, "-")
	name = strings.TrimPrefix(name, "-") // one sign only: "--name" and "+name" name no field
	if name == "" {
		return nil, invalid("empty OrderBy term")
	}
	return q.orderByName(name, desc, 0)
}

// orderByName resolves an ordering name; a relation orders by the related
// model's Meta.Ordering, or its key (Django's find_ordering_name).
func (q *Query) orderByName(name string, desc bool, depth int) ([]OrderTerm, error) {
	parts := strings.Split(name, "__")
	// The longest annotation prefix, as Filter finds it: "books__count"
	// is Count("books")'s default name, not the path books -> count.
	if a, n := q.annotationPrefix(parts); a != nil {
		e, err := applyTransforms(a.E, parts[n:], name)
		if err != nil {
			return nil, err
		}
		if a.Select && len(parts) == n {
			e = &Ref{Name: a.Name, Target: a.E}
		}
		return []OrderTerm{{E: e, Desc: desc}}, nil
	}
	p, err := resolvePathIn(q, q.Model, parts)
	if err != nil {
		return nil, err
	}
	if len(p.rest) > 0 {
		if _, err := applyTransforms(&Col{Field: p.field}, p.rest, name); err != nil {
			return nil, cannotResolve(q.Model.TypeName, p.rest[0], q.Model.Choices())
		}
	}
	last := parts[len(parts)-1]
	if p.relation && len(p.rest) == 0 && last != "pk" && !strings.HasSuffix(last, "_id") && depth < 5 {
		target := p.steps[len(p.steps)-1].model
		if len(target.Meta.Ordering) > 0 {
			var out []OrderTerm
			for _, o := range target.Meta.Ordering {
				d := strings.HasPrefix(o, "-")
				terms, err := q.orderByName(name+"__"+strings.TrimPrefix(o, "-"), d != desc, depth+1)
				if err != nil {
					return nil, err
				}
				out = append(out, terms...)
			}
			return out, nil
		}
	}
	aliases := q.setupJoins(&p, nil)
	col, _ := q.trimJoins(&p, aliases)
	e, err := applyTransforms(col, p.rest, name)
	if err != nil {
		return nil, err
	}
	return []OrderTerm{{E: q.orderable(e), Desc: desc}}, nil
}

// orderable is what an ordering sorts by for e: a JSON key's scalar where
// the backend keeps JSON as text (SQLite orders extracted numbers as
// numbers; their JSON text would sort as text).
func (q *Query) orderable(e Expr) Expr {
	if _, isKey := e.(*JSONKey); isKey && !q.D.Features().JSONNative {
		return asText(e)
	}
	return e
}

// ReverseOrdering flips the ordering (Django's reverse()); the flip is
// applied when the query is compiled, to Meta ordering too.
func (q *Query) ReverseOrdering() { q.reversed = !q.reversed }

// effectiveOrdering returns the ordering the SELECT uses: explicit terms, or
// Meta.Ordering unless the query groups rows (Django 3.1+ drops Meta
// ordering from GROUP BY queries).
func (q *Query) effectiveOrdering() ([]OrderTerm, error) {
	terms := append(append([]OrderTerm(nil), q.ExtraOrder...), q.OrderBy...)
	if len(terms) == 0 && q.DefaultOrdering && len(q.Model.Meta.Ordering) > 0 && !q.grouped() {
		for _, o := range q.Model.Meta.Ordering {
			t, err := q.orderByName(strings.TrimPrefix(o, "-"), strings.HasPrefix(o, "-"), 0)
			if err != nil {
				return nil, err
			}
			terms = append(terms, t...)
		}
		q.metaOrdering = true
	}
	if q.reversed {
		for i := range terms {
			t := &terms[i]
			t.Desc = !t.Desc
			t.NullsFirst, t.NullsLast = t.NullsLast, t.NullsFirst
		}
	}
	return terms, nil
}

// SetDistinct sets DISTINCT, or DISTINCT ON (fields) where supported.
func (q *Query) SetDistinct(fields []string) error {
	q.Distinct = true
	q.DistinctFields = nil
	for _, f := range fields {
		e, err := q.valuesRef(f)
		if err != nil {
			return err
		}
		q.DistinctFields = append(q.DistinctFields, e)
	}
	if len(fields) > 0 && !q.D.Features().DistinctOn {
		return &notSupported{feature: "DISTINCT ON fields", dialect: q.D.Name()}
	}
	return nil
}

type notSupported struct{ feature, dialect string }

func (e *notSupported) Error() string { return e.feature + " is not supported on " + e.dialect }

// NotSupported reports whether err is a dialect capability error, and which.
func NotSupported(err error) (feature, dialect string, ok bool) {
	if e, isNS := err.(*notSupported); isNS {
		return e.feature, e.dialect, true
	}
	return "", "", false
}

// SetCombinator makes q the combination of queries (UNION and friends).
func (q *Query) SetCombinator(op string, parts []*Query) error {
	if (op == "INTERSECT" || op == "EXCEPT") && !q.D.Features().Intersect {
		return &notSupported{feature: strings.ToLower(op), dialect: q.D.Name()}
	}
	n := parts[0].selectedCount()
	for _, p := range parts[1:] {
		if p.selectedCount() != n {
			return invalid("the queries of %s select different numbers of columns (%d and %d)", op, n, p.selectedCount())
		}
	}
	q.Combinator, q.Combined = op, parts
	q.OrderBy, q.ordered, q.DefaultOrdering = nil, false, false
	q.Low, q.High = 0, -1
	return nil
}

// OrWith makes the query match its rows OR those matching c (qs1 | qs2).
// Joins become LEFT OUTER so a row lacking them can still match c.
func (q *Query) OrWith(c CondSpec) error {
	cond, err := q.resolveCond(c, nil)
	if err != nil {
		return err
	}
	old := q.Where
	q.Where = &Where{Or: true}
	q.Where.Children = []Cond{old, cond}
	for _, j := range q.joins[1:] {
		if j.Type == Inner {
			j.Type = LeftOuter
		}
	}
	return nil
}

// AddExtra adds Extra(select/where/params/order_by).
func (q *Query) AddExtra(selects []ExtraCol, where []string, params []any, order []string) error {
	for _, s := range selects {
		if err := q.CheckAlias(s.Name); err != nil {
			return err
		}
		q.ExtraSelect = append(q.ExtraSelect, s)
	}
	for _, w := range where {
		at, _, _ := sqltext.Placeholders(w)
		n := len(at)
		if n > len(params) {
			return invalid("Extra where %q needs %d params, %d left", w, n, len(params))
		}
		args := make([]any, n)
		for i, p := range params[:n] {
			args[i] = Canon(p)
		}
		params = params[n:]
		q.ExtraWhere = append(q.ExtraWhere, &RawCond{SQL: w, Args: args})
	}
	if len(params) > 0 {
		return invalid("Extra has %d params left over after its where clauses", len(params))
	}
	for _, o := range order {
		desc := strings.HasPrefix(o, "-")
		name := strings.TrimPrefix(o, "-")
		found := false
		for _, s := range q.ExtraSelect {
			if s.Name == name {
				q.ExtraOrder = append(q.ExtraOrder, OrderTerm{E: &Ref{Name: name, Target: s.E}, Desc: desc})
				found = true
			}
		}
		if !found {
			terms, err := q.orderByName(name, desc, 0)
			if err != nil {
				return err
			}
			q.ExtraOrder = append(q.ExtraOrder, terms...)
		}
	}
	return nil
}

// selectedCount is the number of columns the query selects.
func (q *Query) selectedCount() int {
	if q.Combinator != "" {
		return q.Combined[0].selectedCount()
	}
	if q.Values != nil {
		return len(q.Values)
	}
	n := len(q.loadedFields()) + len(q.ExtraSelect)
	for _, a := range q.Annotations {
		if a.Select {
			n++
		}
	}
	return n
}

func (q *Query) firstKind() registry.Kind {
	if q.Values != nil {
		return q.Values[0].E.Kind()
	}
	return q.Model.PK.Kind
}
