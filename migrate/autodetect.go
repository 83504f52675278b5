package migrate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Questioner answers what the autodetector cannot decide alone, as
// Django's MigrationQuestioner: whether a model or field was renamed, and
// the value rows already in a table take for a NOT NULL field without a
// default. InteractiveQuestioner asks on a terminal; FlagQuestioner
// answers from flags.
type Questioner interface {
	// AskRenameModel reports whether model old was renamed to new.
	AskRenameModel(old, new string) (bool, error)
	// AskRenameField reports whether field old of model was renamed to new.
	AskRenameField(model, old, new string, f Field) (bool, error)
	// AskNotNullAddition returns the one-off value (a tag literal) the
	// rows of model take for the new NOT NULL field f.
	AskNotNullAddition(model string, f Field) (string, error)
	// AskNotNullAlteration returns the value NULL rows take when field f
	// of model becomes NOT NULL.
	AskNotNullAlteration(model string, f Field) (string, error)
}

// Autodetect compares the state the migrations leave (from) with the
// models' state (to) and returns the operations that turn one into the
// other, in an order that applies: renames first, new models (parents
// before the models pointing at them), removals of indexes and fields,
// additions, changes, then deleted models. Each operation is applied to
// a working copy of from as it is chosen, so the result replays to a
// state equal to to, which Autodetect checks. A nil q is FlagQuestioner{}:
// no rename is confirmed and no one-off value given.
func Autodetect(from, to *State, q Questioner) ([]Operation, error) {
	if q == nil {
		q = FlagQuestioner{}
	}
	d := &detector{cur: from.Clone(), to: to, q: q}
	steps := []func() error{d.renamedModels, d.createdModels, d.renamedFields, d.removedIndexes,
		d.removedFields, d.addedFields, d.alteredFields, d.tables, d.uniqueTogether, d.addedIndexes, d.deletedModels}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	if diff := d.cur.differences(to); diff != "" {
		return nil, fmt.Errorf("migrate: internal: the detected operations leave %s; please report this", diff)
	}
	return d.ops, nil
}

type detector struct {
	cur, to *State
	q       Questioner
	ops     []Operation
}

// emit applies op to the working state and keeps it.
func (d *detector) emit(op Operation) error {
	if err := op.StateForwards(d.cur); err != nil {
		return fmt.Errorf("migrate: autodetector: %s: %w", op.Describe(), err)
	}
	d.ops = append(d.ops, op)
	return nil
}

func (d *detector) added() []*ModelState {
	var out []*ModelState
	for _, m := range d.to.Models() {
		if d.cur.Model(m.Name) == nil {
			out = append(out, m)
		}
	}
	return out
}

func (d *detector) removed() []*ModelState {
	var out []*ModelState
	for _, m := range d.cur.Models() {
		if d.to.Model(m.Name) == nil {
			out = append(out, m)
		}
	}
	return out
}

// renamedModels asks about a removed and an added model whose fields are
// defined the same.
func (d *detector) renamedModels() error {
	for _, n := range d.added() {
		for _, o := range d.removed() {
			if !sameFields(o, n) {
				continue
			}
			ok, err := d.q.AskRenameModel(o.Name, n.Name)
			if err != nil {
				return err
			}
			if ok {
				if err := d.emit(RenameModel{OldName: o.Name, NewName: n.Name}); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

func sameFields(a, b *ModelState) bool {
	return len(a.Fields) == len(b.Fields) && !slices.ContainsFunc(a.Fields, func(f Field) bool {
		g, i := b.Field(f.Name)
		return i < 0 || !f.sameDefinition(g) && !(f.To == a.Name && g.To == b.Name)
	})
}

// createdModels creates new models, each after the models it points at;
// a relation that would close a cycle is added by AddField afterwards.
func (d *detector) createdModels() error {
	pending := d.added()
	var later []AddField
	for len(pending) > 0 {
		next := pending[0]
		for _, m := range pending {
			if d.ready(m, pending) {
				next = m
				break
			}
		}
		pending = slices.DeleteFunc(pending, func(m *ModelState) bool { return m == next })
		op := CreateModel{Name: next.Name, Table: next.Table, Indexes: slices.Clone(next.Indexes),
			Constraints: slices.Clone(next.Constraints), UniqueTogether: slices.Clone(next.UniqueTogether),
			TableComment: next.TableComment}
		for _, f := range next.Fields {
			if f.To != "" && f.To != next.Name && d.cur.Model(f.To) == nil {
				later = append(later, AddField{Model: next.Name, Field: f})
				continue
			}
			op.Fields = append(op.Fields, f)
		}
		if err := d.emit(op); err != nil {
			return err
		}
	}
	for _, op := range later {
		if err := d.emit(op); err != nil {
			return err
		}
	}
	return nil
}

// ready reports whether every model m points at exists or is m itself.
func (d *detector) ready(m *ModelState, pending []*ModelState) bool {
	for _, f := range m.Fields {
		if f.To != "" && f.To != m.Name && d.cur.Model(f.To) == nil {
			return false
		}
	}
	return true
}

// kept lists the models in both states.
func (d *detector) kept() []*ModelState {
	var out []*ModelState
	for _, m := range d.to.Models() {
		if d.cur.Model(m.Name) != nil {
			out = append(out, m)
		}
	}
	return out
}

// renamedFields asks about a removed and an added field defined the same.
func (d *detector) renamedFields() error {
	for _, want := range d.kept() {
		for _, nf := range want.Fields {
			if _, i := d.cur.Model(want.Name).Field(nf.Name); i >= 0 {
				continue
			}
			for _, of := range d.cur.Model(want.Name).Fields {
				if _, j := want.Field(of.Name); j >= 0 || !of.sameDefinition(nf) {
					continue
				}
				ok, err := d.q.AskRenameField(want.Name, of.Name, nf.Name, nf)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				if err := d.emit(RenameField{Model: want.Name, OldName: of.Name, NewName: nf.Name}); err != nil {
					return err
				}
				if of.Column != nf.Column {
					if err := d.emit(AlterField{Model: want.Name, Field: nf}); err != nil {
						return err
					}
				}
				break
			}
		}
	}
	return nil
}

// removedIndexes removes indexes and constraints the models no longer
// have (before their fields go), renaming an index whose fields stay.
func (d *detector) removedIndexes() error {
	for _, want := range d.kept() {
		have := d.cur.Model(want.Name)
		for _, ix := range have.Indexes {
			if slices.ContainsFunc(want.Indexes, ix.equal) {
				continue
			}
			if j := slices.IndexFunc(want.Indexes, func(n Index) bool {
				return n.Unique == ix.Unique && slices.Equal(n.Fields, ix.Fields) && n.Name != "" &&
					findIndex(have, n.Name, n.Fields) < 0
			}); j >= 0 {
				if err := d.emit(RenameIndex{Model: want.Name, OldName: ix.Name, NewName: want.Indexes[j].Name, OldFields: oldFields(ix)}); err != nil {
					return err
				}
				continue
			}
			if err := d.emit(RemoveIndex{Model: want.Name, Name: ix.Name, Fields: oldFields(ix)}); err != nil {
				return err
			}
		}
		for _, c := range have.Constraints {
			if !slices.ContainsFunc(want.Constraints, c.equal) {
				if err := d.emit(RemoveConstraint{Model: want.Name, Name: c.Name}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// oldFields identifies an unnamed index by its fields.
func oldFields(ix Index) []string {
	if ix.Name != "" {
		return nil
	}
	return slices.Clone(ix.Fields)
}

func (d *detector) removedFields() error {
	for _, want := range d.kept() {
		for _, f := range d.cur.Model(want.Name).Fields {
			if _, i := want.Field(f.Name); i < 0 {
				if err := d.emit(RemoveField{Model: want.Name, Name: f.Name}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// needsValue reports whether rows need a value for f: NOT NULL, no
// default, a column the database does not fill itself.
func needsValue(f Field) bool {
	return !f.Null && f.Default == nil && f.DBDefault == nil && !f.IsAuto() && !f.IsManyToMany() && f.Generated == ""
}

func (d *detector) addedFields() error {
	for _, want := range d.kept() {
		for _, f := range want.Fields {
			if _, i := d.cur.Model(want.Name).Field(f.Name); i >= 0 {
				continue
			}
			op := AddField{Model: want.Name, Field: f}
			if needsValue(f) {
				lit, err := d.q.AskNotNullAddition(want.Name, f)
				if err != nil {
					return err
				}
				op.OneOffDefault = Lit(lit)
			}
			if err := d.emit(op); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *detector) alteredFields() error {
	for _, want := range d.kept() {
		for _, f := range want.Fields {
			old, i := d.cur.Model(want.Name).Field(f.Name)
			if i < 0 || old.equal(f) {
				continue
			}
			if old.IsManyToMany() != f.IsManyToMany() {
				if err := d.emit(RemoveField{Model: want.Name, Name: f.Name}); err != nil {
					return err
				}
				if err := d.emit(AddField{Model: want.Name, Field: f}); err != nil {
					return err
				}
				continue
			}
			op := AlterField{Model: want.Name, Field: f}
			if old.Null && needsValue(f) {
				lit, err := d.q.AskNotNullAlteration(want.Name, f)
				if err != nil {
					return err
				}
				op.OneOffDefault = Lit(lit)
			}
			if err := d.emit(op); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *detector) tables() error {
	for _, want := range d.kept() {
		if have := d.cur.Model(want.Name); have.Table != want.Table {
			if err := d.emit(AlterModelTable{Name: want.Name, Table: want.Table}); err != nil {
				return err
			}
		}
		if have := d.cur.Model(want.Name); have.TableComment != want.TableComment {
			if err := d.emit(AlterModelTableComment{Model: want.Name, TableComment: want.TableComment}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *detector) uniqueTogether() error {
	for _, want := range d.kept() {
		have := d.cur.Model(want.Name)
		if !sameSet(have.UniqueTogether, want.UniqueTogether, slices.Equal[[]string]) {
			if err := d.emit(AlterUniqueTogether{Model: want.Name, UniqueTogether: slices.Clone(want.UniqueTogether)}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *detector) addedIndexes() error {
	for _, want := range d.kept() {
		for _, ix := range want.Indexes {
			if !slices.ContainsFunc(d.cur.Model(want.Name).Indexes, ix.equal) {
				if err := d.emit(AddIndex{Model: want.Name, Index: ix}); err != nil {
					return err
				}
			}
		}
		for _, c := range want.Constraints {
			if !slices.ContainsFunc(d.cur.Model(want.Name).Constraints, c.equal) {
				if err := d.emit(AddConstraint{Model: want.Name, Constraint: c}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// deletedModels deletes models, each after the models pointing at it; a
// relation between two deleted models is removed first when they form a
// cycle.
func (d *detector) deletedModels() error {
	pending := d.removed()
	for len(pending) > 0 {
		var next *ModelState
		for _, m := range pending {
			if !d.pointedAt(m) {
				next = m
				break
			}
		}
		if next == nil {
			m := pending[0]
			for _, f := range m.Fields {
				if f.To != "" && f.To != m.Name {
					if err := d.emit(RemoveField{Model: m.Name, Name: f.Name}); err != nil {
						return err
					}
				}
			}
			continue
		}
		if err := d.emit(DeleteModel{Name: next.Name}); err != nil {
			return err
		}
		pending = slices.DeleteFunc(pending, func(m *ModelState) bool { return m == next })
	}
	return nil
}

// pointedAt reports whether another model of the working state points at m.
func (d *detector) pointedAt(m *ModelState) bool {
	for _, o := range d.cur.Models() {
		if o.Name != m.Name && pointsAt(o, []string{m.Name}) {
			return true
		}
	}
	return false
}

// differences describes how two states differ ("" when equal).
func (s *State) differences(o *State) string {
	var out []string
	for _, name := range union(s.Names(), o.Names()) {
		a, b := s.Model(name), o.Model(name)
		switch {
		case a == nil:
			out = append(out, "model "+name+" missing")
		case b == nil:
			out = append(out, "model "+name+" extra")
		case !a.equal(b):
			out = append(out, "model "+name+" different")
		}
	}
	return strings.Join(out, ", ")
}

func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	sort.Strings(out)
	return slices.Compact(out)
}

// Differences describes how the models differ from the state the
// migrations leave, one line per model ("" when they match): what
// makemigrations --check reports.
func Differences(from, to *State) string { return from.differences(to) }
