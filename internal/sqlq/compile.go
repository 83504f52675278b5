package sqlq

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// ErrEmpty says the query can match no row (Django's EmptyResultSet):
// the caller answers without sending anything.
var ErrEmpty = errors.New("sqlq: the query matches nothing")

// OutCol describes one selected column, for the scanner.
type OutCol struct {
	Name       string          // Values key, annotation or Extra name
	Kind       registry.Kind   // the kind to decode into
	Field      *registry.Field // a model field (model queries)
	Group      int             // index into Compiled.Groups for model fields, else -1
	Annotation bool
	Extra      bool
	Hidden     bool // selected only so DISTINCT can ORDER BY it
}

// Group is one model a row fills: the main model, then each select_related
// model in depth-first order.
type Group struct {
	Model  *registry.Model
	Node   *RelatedNode // nil for the main model
	Parent int          // -1 for the main model
	Fields []*registry.Field
}

// Compiled is a rendered statement and the layout of its columns.
type Compiled struct {
	SQL    string
	Args   []any
	Cols   []OutCol
	Groups []Group
}

type selItem struct {
	e     Expr
	alias string // rendered AS alias ("" for none)
	col   OutCol
}

// Select compiles q as a SELECT.
func Select(q *Query) (*Compiled, error) {
	w := q.writer()
	defer w.Release()
	c := &Compiled{}
	if err := writeSelect(w, q, c, true); err != nil {
		return nil, err
	}
	if w.Err != nil {
		return nil, w.Err
	}
	c.SQL, c.Args = Intern(w.Buf), w.Args
	return c, nil
}

// interned holds statement texts already produced: the same query shape
// yields the same text with new arguments, so keeping one copy saves an
// allocation per statement. It stops growing at 4096 texts, and keeps none
// longer than 4 KB (a bulk INSERT is rarely sent twice, and would pin
// megabytes).
var interned struct {
	mu sync.RWMutex
	m  map[string]string
}

// Intern returns b as a string, shared with earlier identical texts.
func Intern(b []byte) string {
	if len(b) > 4096 {
		return string(b)
	}
	interned.mu.RLock()
	s, ok := interned.m[string(b)]
	interned.mu.RUnlock()
	if ok {
		return s
	}
	s = string(b)
	interned.mu.Lock()
	if interned.m == nil {
		interned.m = map[string]string{}
	}
	if len(interned.m) < 4096 {
		interned.m[s] = s
	}
	interned.mu.Unlock()
	return s
}

// defaultSelect is a model's full column list, rendered once per alias and
// dialect: most queries select exactly this.
type defaultSelect struct {
	sql    string
	items  []selItem
	cols   []OutCol
	groups []Group
}

type selectKey struct {
	m     *registry.Model
	alias string
	d     dialects.Dialect
}

var selectCache sync.Map // selectKey -> *defaultSelect

// plainSelect reports whether q selects the model's columns and nothing else.
func (q *Query) plainSelect() bool {
	if q.Model.Parent != nil {
		return false // inherited columns come from joins this query sets up
	}
	if q.Values != nil || q.SelectOne || q.Only != nil || q.Defer != nil || q.Related != nil || len(q.ExtraSelect) > 0 || q.colAliases || q.qualify != nil {
		return false
	}
	for _, a := range q.Annotations {
		if a.Select {
			return false
		}
	}
	return true
}

func (q *Query) defaultSelect(d dialects.Dialect) *defaultSelect {
	key := selectKey{m: q.Model, alias: q.BaseAlias(), d: d}
	if v, ok := selectCache.Load(key); ok {
		return v.(*defaultSelect)
	}
	ds := &defaultSelect{}
	ds.items = q.selectItems(&Compiled{})
	ds.groups = []Group{{Model: q.Model, Parent: -1, Fields: q.Model.Fields}}
	for _, it := range ds.items {
		ds.cols = append(ds.cols, it.col)
	}
	w := dialects.NewWriter(d)
	writeItems(w, ds.items, false)
	ds.sql = string(w.Buf)
	v, _ := selectCache.LoadOrStore(key, ds)
	return v.(*defaultSelect)
}

// compileSelectInto renders q as a subquery into w.
func compileSelectInto(w *dialects.Writer, q *Query) {
	if err := writeSelect(w, q, &Compiled{}, false); err != nil {
		w.Fail(err)
	}
}

func writeSelect(w *dialects.Writer, q *Query, c *Compiled, top bool) error {
	if q.Combinator != "" {
		return writeCombined(w, q, c, top)
	}
	if q.Partition != nil {
		return writePartitioned(w, q, c)
	}
	if q.hasQualify() {
		return writeQualified(w, q, c)
	}
	if q.Related != nil && q.Values == nil && !q.SelectOne {
		if err := q.checkRelatedLoaded(q.Related, ""); err != nil {
			return err
		}
		q.setupRelatedJoins(q.Related, q.BaseAlias())
	}
	order, err := q.effectiveOrdering()
	if err != nil {
		return err
	}
	if q.grouped() && q.metaOrdering {
		order = nil
	}
	var items []selItem
	var plain *defaultSelect
	if q.plainSelect() {
		plain = q.defaultSelect(w.D)
		items = plain.items[:len(plain.items):len(plain.items)]
		c.Groups = plain.groups
	} else {
		items = q.selectItems(c)
	}
	if q.qualify != nil {
		q.visibleNames = itemNames(items)
		items = q.hiddenItems(items)
	}
	if q.Distinct && !q.SelectOne {
		items = addOrderColumns(items, order)
	}
	order = unselectedRefs(order, items)
	where, having := q.splitWhere()
	if k, ok := where.(Const); ok && !bool(k) {
		if top && !q.RunEmpty {
			return ErrEmpty
		}
		where = Const(false)
	}
	w.S("SELECT ")
	if q.Distinct {
		if len(q.DistinctFields) > 0 {
			w.S("DISTINCT ON (")
			for i, e := range q.DistinctFields {
				if i > 0 {
					w.S(", ")
				}
				w.Node(e)
			}
			w.S(") ")
		} else {
			w.S("DISTINCT ")
		}
	}
	switch {
	case q.SelectOne:
		w.S("1 AS ")
		w.Ident("a")
	case plain != nil && len(items) == len(plain.items):
		w.S(plain.sql)
		c.Cols = plain.cols
	default:
		writeItems(w, items, q.colAliases)
		for _, it := range items {
			c.Cols = append(c.Cols, it.col)
		}
	}
	var lockOf []lockTarget
	if q.Lock != nil && top {
		if lockOf, err = q.lockTargets(); err != nil {
			return err
		}
	}
	q.writeFrom(w)
	if where != nil {
		if k, ok := where.(Const); !ok || !bool(k) {
			w.S(" WHERE ")
			w.Node(where)
		}
	}
	if q.grouped() {
		q.writeGroupBy(w, items, order, having)
	}
	if having != nil {
		w.S(" HAVING ")
		if w.D.Features().HavingReadsGroupsByAggregate {
			having = groupedByAggregate(having)
		}
		w.Node(having)
	}
	writeOrder(w, order, q.groupedPositions(w, items, order))
	if q.IsSliced() {
		w.D.LimitOffset(w, q.limit(), q.Low)
	}
	if q.Lock != nil && top {
		return q.writeLock(w, lockOf)
	}
	return nil
}

// writeLock writes FOR UPDATE OF the tables of lockOf (resolved before
// FROM, since naming a parent may join it); a backend that cannot lock a
// LIMITed SELECT (Oracle) refuses a sliced one, as Django does.
func (q *Query) writeLock(w *dialects.Writer, lockOf []lockTarget) error {
	if q.IsSliced() && !w.D.Features().LockWithLimit {
		w.Unsupported("LIMIT/OFFSET with select_for_update")
		return nil
	}
	lock := *q.Lock
	for _, t := range lockOf {
		lock.Of = append(lock.Of, t.alias)
		lock.OfKeys = append(lock.OfKeys, t.model.PK.Column)
	}
	w.D.ForUpdate(w, lock)
	return nil
}

// lockTarget is a table SelectForUpdate(Of(...)) names.
type lockTarget struct {
	alias string
	model *registry.Model
}

// lockTargets resolves the SelectForUpdate Of names.
func (q *Query) lockTargets() ([]lockTarget, error) {
	var out []lockTarget
	for _, name := range q.LockOf {
		alias, m, err := q.lockAlias(name)
		if err != nil {
			return nil, err
		}
		out = append(out, lockTarget{alias, m})
	}
	return out, nil
}

// lockAlias maps a SelectForUpdate Of name to its table alias and model:
// "self", a select_related path, or a parent link of a multi-table child
// at any point of it ("country_ptr", "born__country__entity_ptr"), which
// joins that parent if the query has not.
func (q *Query) lockAlias(name string) (string, *registry.Model, error) {
	if name == "self" {
		return q.BaseAlias(), q.Model, nil
	}
	node, alias, m := q.Related, q.BaseAlias(), q.Model
	for _, part := range strings.Split(name, "__") {
		if f := m.Field(part); f != nil && f.ParentLink && f.Name == part {
			to := f.Rel.To()
			aliases := q.setupJoinsFrom(alias, []step{{name: part, table: to.Table, model: to, lcol: f, rcol: f.Rel.ToField(), direct: true}}, nil)
			alias, m = aliases[len(aliases)-1], to
			continue
		}
		var next *RelatedNode
		if node != nil {
			for _, c := range node.Children {
				if c.Name == part {
					next = c
				}
			}
		}
		if next == nil {
			choices := append([]string{"self"}, lockChoices(q.Model, q.Related, "")...)
			return "", nil, &FieldError{Model: q.Model.TypeName, Name: name, Choices: choices, Msg: fmt.Sprintf(
				"Invalid field name(s) given in select_for_update(of=...): '%s'. Only relational fields followed in the query (SelectRelated) are allowed. Choices are: %s",
				name, strings.Join(choices, ", "))}
		}
		node, alias, m = next, next.alias, next.Model
	}
	return alias, m, nil
}

// lockChoices lists the names Of accepts below model m (reached at node
// of the select_related tree, under prefix): m's parent links, then each
// related model followed, with its own, as Django lists them.
func lockChoices(m *registry.Model, node *RelatedNode, prefix string) []string {
	var out []string
	p := prefix
	for link := m.Concrete().Parent; link != nil; link = link.Rel.To().Parent {
		p += link.Name
		out = append(out, p)
		p += "__"
	}
	if node == nil {
		return out
	}
	for _, c := range node.Children {
		out = append(out, prefix+c.Name)
		out = append(out, lockChoices(c.Model, c, prefix+c.Name+"__")...)
	}
	return out
}

func (q *Query) limit() int64 {
	if q.High < 0 {
		return -1
	}
	return q.High - q.Low
}

// selectItems lists the select expressions and fills c.Groups.
func (q *Query) selectItems(c *Compiled) []selItem {
	var items []selItem
	if q.SelectOne {
		return nil
	}
	for _, x := range q.ExtraSelect {
		items = append(items, selItem{e: x.E, alias: x.Name, col: OutCol{Name: x.Name, Group: -1, Extra: true}})
	}
	if q.Values != nil {
		for _, v := range q.Values {
			it := selItem{e: v.E, col: OutCol{Name: v.Name, Kind: v.E.Kind(), Group: -1}}
			if ref, ok := v.E.(*Ref); ok {
				it.e, it.alias, it.col.Annotation = ref.Target, v.Name, true
			} else if col, isCol := v.E.(*Col); !isCol {
				it.alias = v.Name
			} else if col.Out == registry.Invalid || col.Out == col.Field.Kind {
				it.col.Field = col.Field // read as the field reads it (decimals to its places)
			}
			items = append(items, it)
		}
		return items
	}
	fields := q.loadedFields()
	c.Groups = append(c.Groups, Group{Model: q.Model, Parent: -1, Fields: fields})
	for _, f := range fields {
		items = append(items, selItem{e: &Col{Alias: q.fieldAlias(q.BaseAlias(), q.Model, f), Field: f},
			col: OutCol{Field: f, Kind: f.Kind, Group: 0}})
	}
	for _, a := range q.Annotations {
		if a.Select {
			items = append(items, selItem{e: a.E, alias: a.Name,
				col: OutCol{Name: a.Name, Kind: a.E.Kind(), Group: -1, Annotation: true}})
		}
	}
	if q.Related != nil {
		items = q.relatedItems(q.Related, 0, "", items, c)
	}
	return items
}

func (q *Query) relatedItems(node *RelatedNode, parent int, prefix string, items []selItem, c *Compiled) []selItem {
	for _, child := range node.Children {
		p := prefix + child.Name + "__"
		fields := loadedOf(child.Model, q.Only, q.Defer, p)
		if q.Only != nil && !q.Only[prefix+child.Name] && !hasPrefix(q.Only, p) {
			fields = loadedOf(child.Model, nil, nil, p) // only() names nothing of it: load it whole
		}
		gi := len(c.Groups)
		c.Groups = append(c.Groups, Group{Model: child.Model, Node: child, Parent: parent, Fields: fields})
		for _, f := range fields {
			items = append(items, selItem{e: &Col{Alias: q.fieldAlias(child.alias, child.Model, f), Field: f}, col: OutCol{Field: f, Kind: f.Kind, Group: gi}})
		}
		items = q.relatedItems(child, gi, p, items, c)
	}
	return items
}

// addOrderColumns selects ordering expressions DISTINCT needs in its select
// list, as Django's get_extra_select does.
func addOrderColumns(items []selItem, order []OrderTerm) []selItem {
	for _, t := range order {
		if t.E == nil {
			continue
		}
		if _, isRef := t.E.(*Ref); isRef || selectedIndex(items, t.E) >= 0 {
			continue
		}
		items = append(items, selItem{e: t.E, col: OutCol{Kind: t.E.Kind(), Group: -1, Hidden: true}})
	}
	return items
}

func writeItems(w *dialects.Writer, items []selItem, colAliases bool) {
	for i, it := range items {
		if i > 0 {
			w.S(", ")
		}
		w.Node(it.e)
		if it.alias == "" && colAliases {
			w.S(" AS ")
			w.Ident("col" + strconv.Itoa(i+1))
		} else if it.alias != "" {
			w.S(" AS ")
			w.Ident(it.alias)
		}
	}
}

// writeFrom renders FROM and the joins still referenced.
func (q *Query) writeFrom(w *dialects.Writer) {
	first := true
	for _, j := range q.joins {
		if j.refs <= 0 {
			continue
		}
		if first {
			w.S(" FROM ")
			writeTable(w, j)
			first = false
			continue
		}
		if j.Type == LeftOuter {
			w.S(" LEFT OUTER JOIN ")
		} else {
			w.S(" INNER JOIN ")
		}
		writeTable(w, j)
		w.S(" ON (")
		w.Col(j.Parent, j.LCol)
		w.S(" = ")
		w.Col(j.Alias, j.RCol)
		if j.Filter != nil {
			w.S(" AND ")
			w.Node(j.Filter)
		}
		w.B(')')
	}
}

func writeTable(w *dialects.Writer, j *Join) {
	w.Ident(j.Table)
	if j.Alias != j.Table {
		w.B(' ')
		w.Ident(j.Alias)
	}
}

// splitWhere folds the WHERE tree and moves conditions on aggregates to
// HAVING (Django's split_having).
func (q *Query) splitWhere() (where, having Cond) {
	if q.Empty {
		return Const(false), nil
	}
	all := q.Where
	if len(q.ExtraWhere) > 0 {
		all = &Where{}
		all.Add(q.Where)
		for _, x := range q.ExtraWhere {
			all.Add(x)
		}
	}
	folded := fold(all)
	if _, isConst := folded.(Const); isConst {
		return folded, nil
	}
	wh := folded.(*Where)
	if !hasAggregate(wh) {
		return wh, nil
	}
	if wh.Negated || wh.Or || wh.Xor {
		return nil, wh
	}
	var w, h Where
	for _, c := range wh.Children {
		if hasAggregate(c) {
			h.Children = append(h.Children, c)
		} else {
			w.Children = append(w.Children, c)
		}
	}
	if len(w.Children) > 0 {
		where = &w
	}
	return where, &h
}

// writeGroupBy groups by the explicit GroupBy list, every selected
// non-aggregate expression and every non-aggregate ordering expression, as
// Django's get_group_by does.
func (q *Query) writeGroupBy(w *dialects.Writer, items []selItem, order []OrderTerm, having Cond) {
	var exprs []Expr
	add := func(e Expr) {
		if r, ok := e.(*Ref); ok {
			e = r.Target
		}
		// A window is computed after grouping, over the groups: it is
		// never a grouping term (Django 3.2's Window.get_group_by_cols).
		if e == nil || hasAggregate(e) || isConstant(e) || containsWindow(e) {
			return
		}
		for _, x := range exprs {
			if sameExpr(x, e) {
				return
			}
		}
		exprs = append(exprs, e)
	}
	for _, e := range q.GroupBy {
		add(e)
	}
	// A selected or ordering expression holding an aggregate groups by its
	// other operands (Sum("age") + F("age") groups by age), as Django's
	// get_group_by_cols of a combined expression.
	addOperands := func(e Expr) {
		if r, ok := e.(*Ref); ok {
			e = r.Target
		}
		if e != nil && hasAggregate(e) {
			for _, g := range havingGroupBy(e, nil) {
				add(g)
			}
			return
		}
		add(e)
	}
	for _, it := range items {
		addOperands(it.e)
	}
	for _, t := range order {
		addOperands(t.E)
	}
	for _, e := range havingGroupBy(having, nil) {
		add(e)
	}
	if len(exprs) == 0 {
		return
	}
	w.S(" GROUP BY ")
	ordinal := w.D.Features().GroupByOrdinal
	for i, e := range exprs {
		if i > 0 {
			w.S(", ")
		}
		if _, isCol := e.(*Col); !isCol && ordinal {
			if n := selectedIndex(items, e); n >= 0 {
				w.Int(int64(n + 1))
				continue
			}
		}
		w.Node(e)
	}
}

// havingGroupBy appends what a HAVING condition reads outside aggregates
// (a plain column ORed with an aggregate condition), which must be grouped
// too, as Django's WhereNode.get_group_by_cols adds it: an expression
// without an aggregate is grouped whole, one with an aggregate by its
// other operands (SUM(x) + y groups by y).
func havingGroupBy(c any, out []Expr) []Expr {
	switch x := c.(type) {
	case nil, *Subquery, *ExistsCond, *Agg:
		return out
	case Expr:
		if !hasAggregate(x) {
			return append(out, x)
		}
	}
	for _, o := range operands(c) {
		out = havingGroupBy(o, out)
	}
	return out
}

// groupedByAggregate rewrites the grouped operands a HAVING condition reads
// outside aggregates as MIN(operand): MariaDB cannot always resolve a
// grouped column in HAVING ("Unknown column 'author.name' in 'HAVING'"
// when another grouped column has the same name), and the MIN of a grouped
// value is that value. The query's own tree is not changed.
func groupedByAggregate(c Cond) Cond {
	switch x := c.(type) {
	case *Where:
		cp := *x
		cp.Children = make([]Cond, len(x.Children))
		for i, ch := range x.Children {
			cp.Children[i] = groupedByAggregate(ch)
		}
		return &cp
	case *Lookup:
		cp := *x
		cp.LHS = minOf(x.LHS)
		switch r := x.RHS.(type) {
		case []Expr:
			list := make([]Expr, len(r))
			for i, e := range r {
				list[i] = minOf(e)
			}
			cp.RHS = list
		case Expr:
			cp.RHS = minOf(r)
		}
		return &cp
	}
	return c
}

func minOf(e Expr) Expr {
	if e == nil || hasAggregate(e) || isConstant(e) {
		return e
	}
	switch e.(type) {
	case *Subquery, *RawExpr:
		return e
	}
	return &Agg{Fn: "MIN", Arg: e, Out: e.Kind()}
}

func isConstant(e Expr) bool {
	switch e.(type) {
	case *Param, Star:
		return true
	}
	return false
}

func sameExpr(a, b Expr) bool {
	if a == b {
		return true
	}
	ca, ok1 := a.(*Col)
	cb, ok2 := b.(*Col)
	return ok1 && ok2 && ca.Alias == cb.Alias && ca.Field.Column == cb.Field.Column
}

func selectedIndex(items []selItem, e Expr) int {
	if r, ok := e.(*Ref); ok {
		e = r.Target
	}
	for i, it := range items {
		if sameExpr(it.e, e) {
			return i
		}
	}
	return -1
}

// groupedPositions numbers the ordering terms of a grouped query that are
// selected expressions, where GROUP BY names them by number too: written
// out again they would bind their values as new parameters ($5 for the $4
// of the select list), and PostgreSQL would no longer see the grouped
// expression ("must appear in the GROUP BY clause"). Columns, aggregates
// and terms whose NULL placement is emulated stay expressions (0).
func (q *Query) groupedPositions(w *dialects.Writer, items []selItem, order []OrderTerm) []int {
	f := w.D.Features()
	if !q.grouped() || !f.GroupByOrdinal || len(order) == 0 {
		return nil
	}
	var positions []int
	for i, t := range order {
		e := t.E
		if _, isRef := e.(*Ref); isRef {
			continue // written as the select alias already
		}
		if _, isCol := e.(*Col); isCol || e == nil || hasAggregate(e) || (t.NullsFirst || t.NullsLast) && !f.NullsOrder {
			continue
		}
		if k := selectedIndex(items, e); k >= 0 {
			if positions == nil {
				positions = make([]int, len(order))
			}
			positions[i] = k + 1
		}
	}
	return positions
}

// writeOrder renders ORDER BY; positions, when given, replace expressions
// by column numbers (compound queries; selected expressions of a grouped
// query); a position of 0 leaves its term an expression.
func writeOrder(w *dialects.Writer, order []OrderTerm, positions []int) {
	if len(order) == 0 {
		return
	}
	w.S(" ORDER BY ")
	f := w.D.Features()
	for i, t := range order {
		if i > 0 {
			w.S(", ")
		}
		if t.Random {
			w.D.Func(w, "Random", nil)
			continue
		}
		term := func() {
			if positions != nil && positions[i] > 0 {
				w.Int(int64(positions[i]))
			} else {
				w.Node(t.E)
			}
		}
		emulate := (t.NullsFirst || t.NullsLast) && !f.NullsOrder
		if emulate {
			// NULLS FIRST/LAST for backends without it: sort on "is null" first.
			w.S("CASE WHEN ")
			term()
			if t.NullsLast {
				w.S(" IS NULL THEN 1 ELSE 0 END, ")
			} else {
				w.S(" IS NULL THEN 0 ELSE 1 END, ")
			}
		}
		term()
		if t.Desc {
			w.S(" DESC")
		} else {
			w.S(" ASC")
		}
		if !emulate {
			if t.NullsFirst {
				w.S(" NULLS FIRST")
			} else if t.NullsLast {
				w.S(" NULLS LAST")
			}
		}
	}
}

// writeCombined renders UNION / INTERSECT / EXCEPT.
func writeCombined(w *dialects.Writer, q *Query, c *Compiled, top bool) error {
	f := w.D.Features()
	members, empty := liveMembers(q)
	if empty {
		if top && !q.RunEmpty {
			return ErrEmpty
		}
		// Inside another statement: the first member, matching nothing.
		first := q.Combined[0]
		first.Empty = true
		return writeSelect(w, first, c, false)
	}
	for i, part := range members {
		if i > 0 {
			w.B(' ')
			w.S(q.Combinator)
			w.B(' ')
		}
		sliced := part.IsSliced() || len(part.OrderBy) > 0
		if sliced && !f.SliceInCompound {
			return &notSupported{feature: "LIMIT/OFFSET or ORDER BY in a member of a compound statement", dialect: w.D.Name()}
		}
		if !sliced {
			part.DefaultOrdering = false
		}
		// Read as a derived table (Count, Aggregate), the compound's
		// columns need names of their own: a member joining a related
		// model selects two columns named id (MariaDB: duplicate column).
		part.colAliases = part.colAliases || q.colAliases
		pc := &Compiled{}
		open, close := memberBrackets(f, sliced, part.Combinator != "")
		w.S(open)
		if err := writeSelect(w, part, pc, false); err != nil {
			return err
		}
		w.S(close)
		if i == 0 {
			c.Cols, c.Groups = pc.Cols, pc.Groups
		}
	}
	positions := make([]int, len(q.OrderBy))
	for i, t := range q.OrderBy {
		positions[i] = combinedPosition(q.Combined[0], c, t.E)
		if positions[i] < 0 {
			return invalid("ORDER BY term of a %s does not match any column in the result set", q.Combinator)
		}
	}
	writeOrder(w, q.OrderBy, positions)
	if q.IsSliced() {
		w.D.LimitOffset(w, q.limit(), q.Low)
	}
	_ = top
	return nil
}

// liveMembers drops the members that match nothing, as Django's
// get_combinator_sql: from a union, and from a difference after its first
// member; an empty member of an intersection, or an empty first member of
// a difference, empties the whole, as does None() on the combined query.
func liveMembers(q *Query) ([]*Query, bool) {
	if q.Empty {
		return nil, true
	}
	var live []*Query
	for i, part := range q.Combined {
		if !part.matchesNothing() {
			live = append(live, part)
			continue
		}
		union := strings.HasPrefix(q.Combinator, "UNION")
		if !union && (q.Combinator != "EXCEPT" || i == 0) {
			return nil, true
		}
	}
	if len(live) == 1 && len(q.Combined) > 1 {
		// A compound of one member would need brackets an ORDER BY
		// cannot follow on PostgreSQL: keep the empty members, which
		// answer nothing.
		return q.Combined, false
	}
	return live, len(live) == 0
}

// matchesNothing reports whether q is known to match no row before it runs
// (None(), a filter folded to false).
func (q *Query) matchesNothing() bool {
	if q.Empty {
		return true
	}
	if q.Combinator != "" {
		_, empty := liveMembers(q)
		return empty
	}
	where, _ := q.splitWhere()
	k, ok := where.(Const)
	return ok && !bool(k)
}

// unselectedRefs orders by the expression of an annotation the SELECT
// leaves out (Values after Annotate masks it): its alias names no column
// there (PostgreSQL and MariaDB refuse it; SQLite orders by the alias as a
// constant string), as Django orders by the expression.
func unselectedRefs(order []OrderTerm, items []selItem) []OrderTerm {
	var out []OrderTerm
	for i, t := range order {
		r, ok := t.E.(*Ref)
		if !ok || selectedAs(items, r.Name) {
			continue
		}
		if out == nil {
			out = append([]OrderTerm(nil), order...)
		}
		out[i].E = r.Target
	}
	if out == nil {
		return order
	}
	return out
}

func selectedAs(items []selItem, name string) bool {
	for _, it := range items {
		if it.alias == name || it.col.Name == name {
			return true
		}
	}
	return false
}

// memberBrackets encloses a member of a compound statement that is sliced
// or ordered, or itself compound (a.union(b).intersection(c) must not read
// as a UNION (b INTERSECT c)). Backends without parentheses there (SQLite)
// take a nested compound as a subquery, as Django does.
func memberBrackets(f *dialects.Features, sliced, compound bool) (open, close string) {
	switch {
	case sliced || compound && f.SliceInCompound:
		return "(", ")"
	case compound:
		return "SELECT * FROM (", ")"
	}
	return "", ""
}

// combinedPosition finds the 1-based column of a combined query that an
// ordering expression (resolved against the first member) refers to.
func combinedPosition(first *Query, c *Compiled, e Expr) int {
	switch x := e.(type) {
	case *Col:
		for i, col := range c.Cols {
			if col.Field == x.Field && col.Group <= 0 {
				return i + 1
			}
			if col.Name != "" && first.Values != nil {
				if vc, ok := first.Values[i].E.(*Col); ok && vc.Field == x.Field {
					return i + 1
				}
			}
		}
	case *Ref:
		for i, col := range c.Cols {
			if col.Name == x.Name {
				return i + 1
			}
		}
	}
	return -1
}

// writePartitioned renders a per-group slice: the query with a ROW_NUMBER()
// column, filtered in an outer query (window functions cannot appear in
// WHERE). The outer SELECT * keeps the inner column order for the scanner.
func writePartitioned(w *dialects.Writer, q *Query, c *Compiled) error {
	if !w.D.Features().Window {
		return &notSupported{feature: "a sliced Prefetch (window functions)", dialect: w.D.Name()}
	}
	p := q.Partition
	q.Partition = nil
	order, err := q.effectiveOrdering()
	if err != nil {
		return err
	}
	q.OrderBy, q.ExtraOrder, q.DefaultOrdering, q.ordered = nil, nil, false, true
	q.colAliases = true
	rn := &rowNumber{by: p.By, order: order}
	q.setAnnotation(&Annotation{Name: "_rn", E: rn, Select: true})
	w.S("SELECT * FROM (")
	if err := writeSelect(w, q, c, false); err != nil {
		return err
	}
	w.S(") ")
	w.Ident("_p")
	w.S(" WHERE ")
	w.Ident("_rn")
	w.S(" > ")
	w.Int(p.Low)
	if p.High >= 0 {
		w.S(" AND ")
		w.Ident("_rn")
		w.S(" <= ")
		w.Int(p.High)
	}
	w.S(" ORDER BY ")
	w.Ident("_rn")
	// The row number is selected for the filter only.
	c.Cols[len(c.Cols)-1].Hidden = true
	return nil
}

// rowNumber is ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...).
type rowNumber struct {
	by    Expr
	order []OrderTerm
}

func (r *rowNumber) WriteSQL(w *dialects.Writer) {
	w.S("ROW_NUMBER() OVER (PARTITION BY ")
	w.Node(r.by)
	if len(r.order) > 0 {
		writeOrder(w, r.order, nil)
	}
	w.B(')')
}

func (r *rowNumber) Kind() registry.Kind { return registry.BigInt }
