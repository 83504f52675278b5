package migrate

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/djorm/orm/registry"
	"github.com/djorm/orm/schema"
)

// State is the project state: every model as a migration history leaves
// it, rebuilt by replaying operations with no database, as Django's
// ProjectState. Operations change a State through StateForwards; a State
// is copied on write (Clone copies the model map, an operation replaces
// the models it changes), so the states before and after an operation
// share what did not change.
type State struct {
	models map[string]*ModelState
}

// ModelState is one model of a State.
type ModelState struct {
	Name           string // model name: the lower-cased Go type name ("book")
	Table          string
	TableComment   string  // Meta.TableComment
	Fields         []Field // the primary key first
	Indexes        []Index
	Constraints    []Constraint
	UniqueTogether [][]string // field names
}

// NewState returns an empty state.
func NewState() *State { return &State{models: map[string]*ModelState{}} }

// Clone returns a state sharing the models of s until an operation
// replaces them.
func (s *State) Clone() *State {
	out := &State{models: make(map[string]*ModelState, len(s.models))}
	for k, v := range s.models {
		out.models[k] = v
	}
	return out
}

// Model returns the model called name (lower case), or nil.
func (s *State) Model(name string) *ModelState { return s.models[strings.ToLower(name)] }

// Models returns the models sorted by name.
func (s *State) Models() []*ModelState {
	out := make([]*ModelState, 0, len(s.models))
	for _, m := range s.models {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names lists the model names, sorted.
func (s *State) Names() []string {
	out := make([]string, 0, len(s.models))
	for n := range s.models {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (s *State) put(m *ModelState) { s.models[m.Name] = m }

// edit returns a copy of model name that s now holds, for an operation to
// change, or an error naming the models there are.
func (s *State) edit(name string) (*ModelState, error) {
	m := s.Model(name)
	if m == nil {
		return nil, s.unknown(name)
	}
	c := m.clone()
	s.put(c)
	return c, nil
}

func (s *State) unknown(name string) error {
	return fmt.Errorf("no model %q in the migration state; models: %s", name, strings.Join(s.Names(), ", "))
}

func (m *ModelState) clone() *ModelState {
	c := *m
	c.Fields = slices.Clone(m.Fields)
	c.Indexes = slices.Clone(m.Indexes)
	c.Constraints = slices.Clone(m.Constraints)
	c.UniqueTogether = make([][]string, len(m.UniqueTogether))
	for i, ut := range m.UniqueTogether {
		c.UniqueTogether[i] = slices.Clone(ut)
	}
	return &c
}

// Field returns the field called name, and its position (-1 when none).
func (m *ModelState) Field(name string) (Field, int) {
	for i, f := range m.Fields {
		if f.Name == name {
			return f, i
		}
	}
	return Field{}, -1
}

// PK returns the primary key field.
func (m *ModelState) PK() (Field, bool) {
	for _, f := range m.Fields {
		if f.PrimaryKey {
			return f, true
		}
	}
	return Field{}, false
}

func (m *ModelState) fieldNames() string {
	var names []string
	for _, f := range m.Fields {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// equal reports whether two model states are the same, whatever the order
// of their fields, indexes and constraints (a field added later sits last
// in its table, wherever the Go struct declares it).
func (m *ModelState) equal(o *ModelState) bool {
	if m.Name != o.Name || m.Table != o.Table || m.TableComment != o.TableComment || len(m.Fields) != len(o.Fields) ||
		!sameSet(m.Indexes, o.Indexes, Index.equal) || !sameSet(m.Constraints, o.Constraints, Constraint.equal) ||
		!sameSet(m.UniqueTogether, o.UniqueTogether, slices.Equal[[]string]) {
		return false
	}
	for _, f := range m.Fields {
		g, i := o.Field(f.Name)
		if i < 0 || !f.equal(g) {
			return false
		}
	}
	return true
}

func sameSet[T any](a, b []T, eq func(T, T) bool) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y T) bool { return eq(x, y) }) {
			return false
		}
	}
	return true
}

// Tables describes the tables of the state's models (with their
// automatic many-to-many tables) for package schema, in dependency order.
func (s *State) Tables() ([]*schema.Table, error) { return s.tables(nil) }

// tables describes the tables of the models named in only (all when nil).
func (s *State) tables(only map[string]bool) ([]*schema.Table, error) {
	var out []*schema.Table
	for _, name := range s.Names() {
		if only != nil && !only[name] {
			continue
		}
		ts, err := s.tablesOf(s.models[name])
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return schema.SortTables(out), nil
}

// tablesOf describes a model's table and its automatic join tables.
func (s *State) tablesOf(m *ModelState) ([]*schema.Table, error) {
	t := &schema.Table{Key: m.Name, Name: m.Table, Owner: m.Name, Comment: m.TableComment}
	for _, f := range m.Fields {
		if f.IsManyToMany() {
			continue
		}
		c, err := s.column(m, f)
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, c)
	}
	for _, ix := range m.Indexes {
		out := schema.Index{Name: ix.Name, Unique: ix.Unique, Expressions: ix.Expressions, Condition: ix.Condition,
			OpClasses: ix.OpClasses}
		var err error
		if out.Include, err = m.columnsOf(ix.Include); err != nil {
			return nil, fmt.Errorf("index %s: %w", ix.Name, err)
		}
		for _, name := range ix.Fields {
			col, err := m.columnOf(strings.TrimPrefix(name, "-"))
			if err != nil {
				return nil, fmt.Errorf("index %v: %w", ix.Fields, err)
			}
			out.Columns, out.Desc = append(out.Columns, col), append(out.Desc, strings.HasPrefix(name, "-"))
		}
		t.Indexes = append(t.Indexes, out)
	}
	for _, ut := range m.UniqueTogether {
		cols, err := m.columnsOf(ut)
		if err != nil {
			return nil, fmt.Errorf("unique together %v: %w", ut, err)
		}
		t.UniqueTogether = append(t.UniqueTogether, cols)
	}
	for _, c := range m.Constraints {
		sc, err := m.constraint(c)
		if err != nil {
			return nil, fmt.Errorf("constraint %s: %w", c.Name, err)
		}
		t.Constraints = append(t.Constraints, sc)
	}
	out := []*schema.Table{t}
	for _, f := range m.Fields {
		if f.IsManyToMany() && f.Through == "" {
			jt, err := s.joinTable(m, f)
			if err != nil {
				return nil, err
			}
			out = append(out, jt)
		}
	}
	return out, nil
}

// constraint describes c for package schema.
func (m *ModelState) constraint(c Constraint) (schema.Constraint, error) {
	out := schema.Constraint{Name: c.Name, Check: c.Check, CheckCond: c.CheckCondition, Expressions: c.Expressions,
		Condition: c.Condition}
	var err error
	if out.Columns, err = m.columnsOf(c.Fields); err != nil {
		return out, err
	}
	if out.Include, err = m.columnsOf(c.Include); err != nil {
		return out, err
	}
	switch c.Nulls {
	case "":
	case "distinct", "not_distinct":
		distinct := c.Nulls == "distinct"
		out.NullsDistinct = &distinct
	default:
		return out, fmt.Errorf("Nulls=%q is none of \"distinct\", \"not_distinct\" or \"\"", c.Nulls)
	}
	switch c.Deferrable {
	case "":
	case "deferred":
		out.Deferrable = registry.Deferred
	case "immediate":
		out.Deferrable = registry.Immediate
	default:
		return out, fmt.Errorf("Deferrable=%q is none of \"deferred\", \"immediate\" or \"\"", c.Deferrable)
	}
	return out, nil
}

// goSource is a value as a migration file writes it (orm.Q and
// expressions have Go source forms), for comparing conditions and
// expressions; empty slices and nil are "".
func goSource(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.([]any); ok && len(s) == 0 {
		return ""
	}
	return fmt.Sprintf("%#v", v)
}

func (m *ModelState) columnOf(name string) (string, error) {
	f, i := m.Field(name)
	if i < 0 || f.IsManyToMany() {
		return "", fmt.Errorf("model %s has no field %q; fields: %s", m.Name, name, m.fieldNames())
	}
	return f.ColumnName(), nil
}

func (m *ModelState) columnsOf(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		c, err := m.columnOf(n)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// column describes field f of m.
func (s *State) column(m *ModelState, f Field) (*schema.Column, error) {
	c := &schema.Column{Name: f.ColumnName(), Field: f.Name, PrimaryKey: f.PrimaryKey, Auto: f.IsAuto(),
		Null: f.Null, Unique: f.Unique || f.PrimaryKey, Index: f.Index, MaxLength: f.MaxLength,
		MaxDigits: f.MaxDigits, DecimalPlaces: f.DecimalPlaces, Generated: f.Generated, Stored: f.Stored, Comment: f.Comment}
	if f.IsRelation() {
		target, err := s.target(m, f)
		if err != nil {
			return nil, err
		}
		c.Kind, c.MaxLength, c.MaxDigits, c.DecimalPlaces = target.kind, target.f.MaxLength, target.f.MaxDigits, target.f.DecimalPlaces
		c.Ref = &schema.Ref{Table: target.m.Table, Column: target.f.ColumnName()}
		if f.Type == "OneToOneField" {
			c.Unique = true
		}
	} else {
		k, err := f.kind()
		if err != nil {
			return nil, fmt.Errorf("model %s: %w", m.Name, err)
		}
		c.Kind = k
	}
	for _, d := range []*string{f.Default, f.DBDefault} {
		if d == nil {
			continue
		}
		if e, call, err := registry.ParseDBExpr(*d); call && d == f.DBDefault {
			if err != nil {
				return nil, fmt.Errorf("model %s field %s: %w", m.Name, f.Name, err)
			}
			c.Default, c.HasDefault, c.DefaultExpr = nil, false, e.Func
			continue
		}
		v, err := registry.ParseLiteral(c.Kind, *d)
		if err != nil {
			return nil, fmt.Errorf("model %s field %s: default %q: %w", m.Name, f.Name, *d, err)
		}
		c.Default, c.HasDefault = v, true
	}
	return c, nil
}

// target is the model and field a relation points at.
type target struct {
	m    *ModelState
	f    Field
	kind registry.Kind
}

func (s *State) target(m *ModelState, f Field) (target, error) {
	to := s.Model(f.To)
	if to == nil {
		return target{}, fmt.Errorf("model %s field %s points to %q, which is not in the migration state; models: %s",
			m.Name, f.Name, f.To, strings.Join(s.Names(), ", "))
	}
	tf, ok := to.PK()
	if f.ToField != "" {
		var i int
		tf, i = to.Field(f.ToField)
		ok = i >= 0
	}
	if !ok {
		return target{}, fmt.Errorf("model %s field %s: %s has no field %q", m.Name, f.Name, to.Name, f.ToField)
	}
	if tf.IsRelation() {
		t, err := s.target(to, tf)
		return target{m: to, f: tf, kind: t.kind}, err
	}
	k, err := tf.kind()
	return target{m: to, f: tf, kind: k}, err
}

// joinTable describes the automatic table of a many-to-many field, as
// the registry builds it: id, a key to each side, unique together.
func (s *State) joinTable(m *ModelState, f Field) (*schema.Table, error) {
	to := s.Model(f.To)
	if to == nil {
		return nil, fmt.Errorf("model %s field %s points to %q, which is not in the migration state", m.Name, f.Name, f.To)
	}
	fromCol, toCol := m.Name+"_id", to.Name+"_id"
	if m == to || m.Name == to.Name {
		fromCol, toCol = "from_"+m.Name+"_id", "to_"+to.Name+"_id"
	}
	t := &schema.Table{Key: m.Name + "." + f.Name, Name: m.Table + "_" + f.Name, Owner: m.Name}
	t.Columns = append(t.Columns, &schema.Column{Name: "id", Kind: registry.BigInt, PrimaryKey: true, Auto: true, Unique: true})
	for _, side := range []struct {
		col string
		m   *ModelState
	}{{fromCol, m}, {toCol, to}} {
		// The registry's join tables take the kind of each side's key,
		// not its sizes; so does the state, to write the same DDL.
		pk, _ := side.m.PK()
		tg, err := s.target(side.m, Field{Name: f.Name, Type: "ForeignKey", To: side.m.Name})
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, &schema.Column{Name: side.col, Kind: tg.kind, Index: true,
			Ref: &schema.Ref{Table: side.m.Table, Column: pk.ColumnName()}})
	}
	t.UniqueTogether = [][]string{{fromCol, toCol}}
	return t, nil
}

// constraintState describes a registered model's constraint.
func constraintState(m *registry.Model, c registry.Constraint) Constraint {
	switch c := c.(type) {
	case registry.CheckConstraint:
		return Constraint{Name: c.Name, CheckCondition: c.Check}
	case registry.UniqueConstraint:
		out := Constraint{Name: c.Name, Fields: optNames(m, c.Fields), Expressions: c.Expressions,
			Condition: c.Condition, Include: optNames(m, c.Include)}
		if c.NullsDistinct != nil {
			out.Nulls = map[bool]string{true: "distinct", false: "not_distinct"}[*c.NullsDistinct]
		}
		out.Deferrable = map[registry.Deferrable]string{registry.Deferred: "deferred", registry.Immediate: "immediate"}[c.Deferrable]
		return out
	}
	return Constraint{Name: c.ConstraintName()}
}

// optNames is fieldNames keeping nil for no names.
func optNames(m *registry.Model, names []string) []string {
	if len(names) == 0 {
		return nil
	}
	return fieldNames(m, names)
}
