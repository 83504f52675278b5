package sqlq

import (
	"strconv"
	"strings"
	"time"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/registry"
)

// JoinType is INNER or LEFT OUTER (None for the base table).
type JoinType uint8

// Join types.
const (
	NoJoin JoinType = iota
	Inner
	LeftOuter
)

// Join is one table in the FROM clause. The base table has Type NoJoin.
type Join struct {
	Table  string
	Alias  string
	Model  *registry.Model
	Parent string // alias joined from
	Type   JoinType
	// The join condition: Parent.LCol = Alias.RCol.
	LCol, RCol string
	Nullable   bool
	Multi      bool // can produce several rows per parent row (Django's m2m path)
	// Filter is a FilteredRelation condition added to ON.
	Filter     Cond
	FilterName string
	// refs counts the uses of the alias; a join nobody uses is not rendered
	// (Django's alias_refcount).
	refs int
}

// equals is Django's Join.__eq__ (ignoring the join type).
func (j *Join) equals(o *Join) bool {
	return j.Table == o.Table && j.Parent == o.Parent && j.LCol == o.LCol && j.RCol == o.RCol &&
		j.FilterName == o.FilterName
}

// Annotation is a named expression of a query.
type Annotation struct {
	Name   string
	E      Expr
	Select bool // false for Alias(): usable in filters, not selected
}

// ValuesField is one column of a Values / ValuesList query.
type ValuesField struct {
	Name string
	E    Expr
}

// Query is the query tree of one SELECT (and the base of UPDATE / DELETE).
type Query struct {
	Model *registry.Model
	D     dialects.Dialect

	joins       []*Join
	prefix      string // subquery alias prefix ("U", "V", ...); "" at the top
	base        Join   // the model's own table, joins[0]
	baseAliases [1]string
	joinBuf     [4]*Join
	where       Where
	whereBuf    [2]Cond
	usedBuf     aliasSet

	Where *Where

	Annotations []*Annotation
	annIndex    map[string]int

	// Values is non-nil for Values/ValuesList queries.
	Values []ValuesField
	// ValuesAll: Values() with no fields (every concrete field, then annotations).
	ValuesAll bool

	// Deferred loading: Only lists the fields to load, Defer those to skip.
	Only  map[string]bool
	Defer map[string]bool

	// GroupBy: nil = no grouping; GroupAll = group by every selected column.
	GroupBy  []Expr
	GroupAll bool

	OrderBy         []OrderTerm
	DefaultOrdering bool // use Meta.Ordering when OrderBy is empty
	ordered         bool // OrderBy was set explicitly (even to nothing)
	metaOrdering    bool // the ordering in effect came from Meta
	reversed        bool // Reverse() applied to Meta ordering

	Low  int64
	High int64 // -1: no upper bound

	Distinct       bool
	DistinctFields []Expr

	Lock *dialects.Lock
	// LockOf names what SelectForUpdate(Of(...)) locks: "self" and select_related paths.
	LockOf []string

	Related *RelatedNode // select_related tree

	ExtraSelect []ExtraCol
	ExtraWhere  []Cond
	ExtraOrder  []OrderTerm

	// Combinator is "UNION", "UNION ALL", "INTERSECT" or "EXCEPT".
	Combinator string
	Combined   []*Query

	// Loc is the location datetimes are read in by date parts, date
	// lookups and truncations that name none (Django's current time zone
	// with USE_TZ); nil for UTC. Zone is its IANA name (SetLocation).
	Loc  *time.Location
	Zone string

	// orderRefs are the join references the explicit ordering holds
	// (holdOrderJoins); orderItems the ordering as given, resolved again
	// after a later filter (reorder).
	orderRefs  []joinHold
	orderItems []OrderItem

	// Outer is the enclosing query, for OuterRef.
	Outer *Query
	// external: this query refers to the outer one (correlated subquery).
	external bool
	// valuesOuter: F() in filter values means the outer query's row (the
	// NOT EXISTS of a split exclude, whose own tables are trimmed).
	valuesOuter bool

	// Partition limits rows per group with ROW_NUMBER() (a sliced
	// Prefetch: "the 3 best-selling books of each author").
	Partition *Partition

	// SelectOne renders SELECT 1 (Exists).
	SelectOne bool
	// Empty is set when the query can match nothing (pk__in=[]).
	Empty bool

	// used is the alias set of the AddFilter call in progress.
	used *aliasSet

	// colAliases names every selected column (col1, col2, ...) so the query
	// can be a derived table without duplicate column names.
	colAliases bool
	// qualify: what the outer query of a filter on a window reads (qualify.go).
	qualify *hiddenCols
	// visibleNames: the aliases of the inner columns the outer query of a
	// window filter selects (written by writeSelect).
	visibleNames []string

	// filtered are the FilteredRelation aliases.
	filtered map[string]*Filtered
	// pathErr records an error met while setting up joins.
	pathErr error

	subDepth int

	// RunEmpty compiles a query known to match nothing instead of
	// returning ErrEmpty (Django's elide_empty=False): an aggregate whose
	// value over no rows only the database knows.
	RunEmpty bool
}

// aliasSet is the set of aliases one Filter call made, which its other
// conditions may reuse for multi-valued relations (Django's used_aliases).
// A nil *aliasSet means any equal join may be reused.
type aliasSet struct{ names []string }

func (s *aliasSet) has(a string) bool {
	for _, n := range s.names {
		if n == a {
			return true
		}
	}
	return false
}

func (s *aliasSet) add(a string) {
	if !s.has(a) {
		s.names = append(s.names, a)
	}
}

// ExtraCol is an Extra(select=...) column.
type ExtraCol struct {
	Name string
	E    *RawExpr
}

// New returns a query over model m for dialect d.
func New(m *registry.Model, d dialects.Dialect) *Query {
	q := &Query{Model: m, D: d, High: -1, DefaultOrdering: true}
	q.addBase()
	return q
}

// joinHold is a number of references to one join.
type joinHold struct {
	j *Join
	n int
}

// SetLocation makes loc (nil: UTC) the query's time zone, named zone.
func (q *Query) SetLocation(loc *time.Location, zone string) {
	if loc == time.UTC {
		loc, zone = nil, ""
	}
	q.Loc, q.Zone = loc, zone
}

// writer returns a pooled Writer for q's dialect and time zone.
func (q *Query) writer() *dialects.Writer {
	w := dialects.GetWriter(q.D)
	w.Zone = q.Zone
	return w
}

// NewSub returns a query for a subquery of outer; its aliases use their own
// prefix so they cannot clash with the outer query's.
func NewSub(m *registry.Model, outer *Query) *Query {
	q := &Query{Model: m, D: outer.D, High: -1, DefaultOrdering: true, Outer: outer, Loc: outer.Loc, Zone: outer.Zone}
	q.subDepth = outer.subDepth + 1
	q.prefix = subPrefixes[min(q.subDepth, len(subPrefixes)-1)]
	q.addBase()
	return q
}

var subPrefixes = []string{"", "U", "V", "W", "X", "Y", "Z"}

// addBase sets up the query's own storage: the base table, the join list
// and the WHERE tree live inside the Query, so a simple query costs one
// allocation.
func (q *Query) addBase() {
	q.Where = &q.where
	q.where.Children = q.whereBuf[:0]
	q.base = Join{Table: q.Model.Table, Model: q.Model, Type: NoJoin, refs: 1}
	q.joins = q.joinBuf[:0]
	q.base.Alias = q.newAlias(q.base.Table)
	q.baseAliases[0] = q.base.Alias
	q.joins = append(q.joins, &q.base)
}

// alias returns the join called name, or nil.
func (q *Query) alias(name string) *Join {
	for _, j := range q.joins {
		if j.Alias == name {
			return j
		}
	}
	return nil
}

// BaseAlias is the alias of the model's own table.
func (q *Query) BaseAlias() string { return q.joins[0].Alias }

// Joins returns the tables of the FROM clause, base first.
func (q *Query) Joins() []*Join { return q.joins }

// newAlias names a new table alias as Django does: the table name on first
// use, then T<n>; inside subqueries U0, U1, ...
func (q *Query) newAlias(table string) string {
	if q.prefix != "" {
		return q.prefix + strconv.Itoa(len(q.joins))
	}
	for _, j := range q.joins {
		if j.Table == table {
			return "T" + strconv.Itoa(len(q.joins)+1)
		}
	}
	if q.alias(table) != nil {
		return "T" + strconv.Itoa(len(q.joins)+1)
	}
	return table
}

// join returns the alias of a join equal to j, reusing one when allowed
// (reuse == nil: any equal join; otherwise only aliases in reuse), or adds
// j. A new join is LEFT OUTER when it can produce NULLs or its parent is
// LEFT OUTER, INNER otherwise; filters demote it later (Django's Query.join).
func (q *Query) join(j *Join, reuse *aliasSet) string {
	// The most recent equal join is reused, as Django's Query.join does (a
	// multi-valued relation joined again by a later filter() is the one an
	// aggregate after it reads).
	for i := len(q.joins) - 1; i >= 0; i-- {
		existing := q.joins[i]
		if existing.Type == NoJoin || !existing.equals(j) {
			continue
		}
		if reuse == nil || reuse.has(existing.Alias) {
			return existing.Alias
		}
	}
	j.Alias = q.newAlias(j.Table)
	if q.alias(j.Parent).Type == LeftOuter || j.Nullable {
		j.Type = LeftOuter
	} else {
		j.Type = Inner
	}
	q.joins = append(q.joins, j)
	return j.Alias
}

// promote turns joins that may need to produce NULLs into LEFT OUTER joins,
// and cascades to the joins hanging off them (Django's promote_joins).
func (q *Query) promote(aliases []string) {
	for len(aliases) > 0 {
		a := aliases[0]
		aliases = aliases[1:]
		j := q.alias(a)
		if j == nil || j.Type == NoJoin || j.Type == LeftOuter {
			continue
		}
		parent := q.alias(j.Parent)
		if j.Nullable || (parent != nil && parent.Type == LeftOuter) {
			j.Type = LeftOuter
			for _, child := range q.joins {
				if child.Parent == a {
					aliases = append(aliases, child.Alias)
				}
			}
		}
	}
}

// demote turns LEFT OUTER joins back into INNER ones, walking up to the
// parents (Django's demote_joins).
func (q *Query) demote(aliases []string) {
	for len(aliases) > 0 {
		a := aliases[0]
		aliases = aliases[1:]
		j := q.alias(a)
		if j == nil || j.Type != LeftOuter {
			continue
		}
		j.Type = Inner
		if p := q.alias(j.Parent); p != nil && p.Type == Inner {
			aliases = append(aliases, p.Alias)
		}
	}
}

// Annotation returns the annotation called name, or nil.
func (q *Query) Annotation(name string) *Annotation {
	if i, ok := q.annIndex[name]; ok {
		return q.Annotations[i]
	}
	return nil
}

// IsSliced reports whether Slice/Limit/Offset applies.
func (q *Query) IsSliced() bool { return q.Low > 0 || q.High >= 0 }

// SetSlice narrows the slice as Python slicing a sliced QuerySet does.
func (q *Query) SetSlice(low, high int64) {
	if q.High >= 0 {
		if high >= 0 {
			high = min(q.Low+high, q.High)
		} else {
			high = q.High
		}
		low = min(q.Low+low, q.High)
	} else {
		low += q.Low
		if high >= 0 {
			high += q.Low
		}
	}
	q.Low, q.High = low, high
}

// HasAggregation reports whether the query groups rows.
func (q *Query) HasAggregation() bool { return q.GroupAll || q.GroupBy != nil }

// Ordered reports whether the query has an ordering (explicit or Meta).
func (q *Query) Ordered() bool {
	return len(q.OrderBy) > 0 || len(q.ExtraOrder) > 0 ||
		(q.DefaultOrdering && len(q.Model.Meta.Ordering) > 0 && !q.HasAggregation())
}

// Partition keeps the rows whose ROW_NUMBER() OVER (PARTITION BY By ORDER
// BY the query's ordering) is in (Low, High]; High < 0 means no bound.
type Partition struct {
	By        Expr
	Low, High int64
}

// PartitionBy makes the query's slice apply per value of the field path
// by, instead of to the whole result, and returns an error for a path that
// does not resolve.
func (q *Query) PartitionBy(by string) error {
	if !q.IsSliced() {
		return nil
	}
	e, err := q.resolveRef(by, &rctx{q: q})
	if err != nil {
		return err
	}
	q.Partition = &Partition{By: e, Low: q.Low, High: q.High}
	q.Low, q.High = 0, -1
	return nil
}

// Filtered is a FilteredRelation: a relation whose join carries an extra
// condition in its ON clause.
type Filtered struct {
	Alias     string
	Relation  string
	Condition CondSpec
}

// AddFilteredRelation makes alias usable as the first name of paths,
// meaning relation joined with condition (Django's FilteredRelation).
func (q *Query) AddFilteredRelation(fr *Filtered) error {
	if err := q.CheckAlias(fr.Alias); err != nil {
		return err
	}
	if q.Model.Field(fr.Alias) != nil || q.Model.ReverseByQueryName(fr.Alias) != nil {
		return invalid("FilteredRelation alias '%s' conflicts with a field on the model", fr.Alias)
	}
	if strings.Contains(fr.Relation, "__") {
		return &notSupported{feature: "FilteredRelation over a nested relation (" + fr.Relation + ")", dialect: q.D.Name()}
	}
	if f := q.Model.Field(fr.Relation); (f == nil || f.Rel == nil) && q.Model.ManyToManyField(fr.Relation) == nil &&
		q.Model.ReverseByQueryName(fr.Relation) == nil {
		return cannotResolve(q.Model.TypeName, fr.Relation, q.Model.Choices())
	}
	if q.filtered == nil {
		q.filtered = map[string]*Filtered{}
	}
	q.filtered[fr.Alias] = fr
	return nil
}

// filteredCondition resolves a FilteredRelation's condition (paths start
// with the relation's name) against the joined table alias.
func (q *Query) filteredCondition(fr *Filtered, m *registry.Model, alias string) (Cond, error) {
	sub := &Query{Model: m, D: q.D, High: -1}
	sub.Where = &sub.where
	sub.base = Join{Table: m.Table, Alias: alias, Model: m, refs: 1}
	sub.baseAliases[0] = alias
	sub.joins = append(sub.joinBuf[:0], &sub.base)
	cond, err := sub.resolveCond(stripRelation(fr.Condition, fr.Relation), nil)
	if err != nil {
		return nil, err
	}
	if len(sub.joins) > 1 {
		return nil, &notSupported{feature: "a FilteredRelation condition that needs further joins", dialect: q.D.Name()}
	}
	return cond, nil
}

// stripRelation rewrites "books__is_published" as "is_published".
func stripRelation(c CondSpec, relation string) CondSpec {
	switch x := c.(type) {
	case Pair:
		x.Key = strings.TrimPrefix(x.Key, relation+"__")
		return x
	case *Tree:
		t := &Tree{Or: x.Or, Xor: x.Xor, Negated: x.Negated}
		for _, pr := range x.Pairs {
			t.Children = append(t.Children, stripRelation(pr, relation))
		}
		for _, ch := range x.Children {
			t.Children = append(t.Children, stripRelation(ch, relation))
		}
		return t
	}
	return c
}

// UniqueRow reports whether q can match at most one row: it reads one
// table and its WHERE requires the primary key to equal a value. Get then
// need not look for a second row. (Unique columns are left out: a table
// djorm did not create may lack the constraint, and Get must then report
// the duplicates.)
func (q *Query) UniqueRow() bool {
	if len(q.joins) != 1 || q.Combinator != "" || q.Partition != nil {
		return false
	}
	return q.uniqueWhere(q.Where)
}

// uniqueWhere looks for a unique-column equality among the conditions
// an AND requires.
func (q *Query) uniqueWhere(w *Where) bool {
	if w.Or || w.Xor || w.Negated {
		return false
	}
	for _, c := range w.Children {
		switch x := c.(type) {
		case *Where:
			if q.uniqueWhere(x) {
				return true
			}
		case *Lookup:
			if x.Name != "exact" {
				continue
			}
			col, ok := x.LHS.(*Col)
			if !ok || col.Alias != q.joins[0].Alias || !col.Field.PrimaryKey {
				continue
			}
			if p, ok := x.RHS.(*Param); ok && p.V != nil {
				return true
			}
		}
	}
	return false
}
