package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/djorm/orm/dialects"
)

// Hints tell Diff what two schemas alone cannot: which columns were
// renamed, and which values the rows already there take.
type Hints struct {
	// Tables maps the key of a table to the key it had (a renamed model).
	Tables map[string]string
	// Renamed maps a table key to its renamed columns, new name to old.
	Renamed map[string]map[string]string
	// Fill maps a table key to columns and the value existing rows take
	// (a canonical Go value): for a column added NOT NULL without a
	// default, or the NULL rows of a column that becomes NOT NULL (Django's
	// one-off default).
	Fill map[string]map[string]any
}

// Diff returns the statements that turn a database holding the tables
// from into one holding the tables to, matching tables by Key: tables
// only in from are dropped, tables only in to created, the others altered
// in place, or on a dialect that RebuildsTables (SQLite) copied into a new
// table keeping every row, as Django's SQLite schema editor does. Index
// and constraint names are derived from tables and columns, so a renamed
// table or column renames (or recreates) what is named after it.
func Diff(d dialects.Dialect, from, to []*Table, h Hints) ([]string, error) {
	ed, ok := d.(dialects.SchemaEditor)
	if !ok {
		return nil, &dialects.NotSupported{Dialect: d.Name(), Feature: "schema changes (the dialect does not implement dialects.SchemaEditor)"}
	}
	fromBy, toBy := byKey(from), byKey(to)
	for newKey, oldKey := range h.Tables {
		if t := fromBy[oldKey]; t != nil && toBy[newKey] != nil && toBy[oldKey] == nil {
			delete(fromBy, oldKey)
			fromBy[newKey] = t
		}
	}
	var fkDrops, drops, creates, alters, fkAdds []string
	var dropped, created []*Table
	for key, t := range fromBy {
		if toBy[key] == nil {
			dropped = append(dropped, t)
		}
	}
	sortByName(dropped)
	for _, t := range to {
		if fromBy[t.Key] == nil {
			created = append(created, t)
		}
	}
	dropped = SortTables(dropped)
	for i := len(dropped) - 1; i >= 0; i-- {
		drops = append(drops, d.DropTable(quote(d, dropped[i].Name)))
	}
	for _, t := range SortTables(created) {
		tbl, idx, fks, err := CreateTable(d, t)
		if err != nil {
			return nil, err
		}
		creates = append(append(creates, tbl), idx...)
		fkAdds = append(fkAdds, fks...)
	}
	for _, t := range to {
		old := fromBy[t.Key]
		if old == nil {
			continue
		}
		a := &alteration{d: d, ed: ed, old: old, new: t, renamed: h.Renamed[t.Key], fill: h.Fill[t.Key]}
		if err := a.run(); err != nil {
			return nil, err
		}
		fkDrops, alters, fkAdds = append(fkDrops, a.fkDrops...), append(alters, a.stmts...), append(fkAdds, a.fkAdds...)
	}
	out := append(append(fkDrops, drops...), creates...)
	return append(append(out, alters...), fkAdds...), nil
}

func sortByName(ts []*Table) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Name < ts[j].Name })
}

func byKey(tables []*Table) map[string]*Table {
	out := make(map[string]*Table, len(tables))
	for _, t := range tables {
		if t.Key == "" {
			t.Key = t.Name
		}
		out[t.Key] = t
	}
	return out
}

// alteration is the change of one table that exists before and after.
type alteration struct {
	d        dialects.Dialect
	ed       dialects.SchemaEditor
	old, new *Table
	renamed  map[string]string
	fill     map[string]any

	pairs   []colPair // every column of new, with its old self if any
	dropped []*Column // columns of old that new lacks

	fkDrops, stmts, fkAdds []string
}

// colPair is a column of the new table and the column it was (nil when added).
type colPair struct{ old, new *Column }

func (a *alteration) run() error {
	a.match()
	for _, p := range a.pairs {
		if p.old != nil && (p.old.PrimaryKey != p.new.PrimaryKey || p.old.Auto != p.new.Auto) {
			return &dialects.NotSupported{Dialect: a.d.Name(), Feature: "changing the primary key of " + a.new.Owner + " (" + a.new.where(p.new) + ")"}
		}
	}
	if a.ed.RebuildsTables() {
		rebuild, err := a.needsRebuild()
		if err != nil {
			return err
		}
		if rebuild {
			return a.rebuild()
		}
	}
	return a.inPlace()
}

// match pairs the columns of the new table with the old ones, through
// the renames; a generated column whose expression changed is dropped and
// added again (its values are computed anyway).
func (a *alteration) match() {
	seen := map[*Column]bool{}
	for _, c := range a.new.Columns {
		name := c.Name
		if o, ok := a.renamed[c.Name]; ok {
			name = o
		}
		oc := a.old.Column(name)
		if oc != nil && (oc.Generated != c.Generated || oc.Stored != c.Stored) {
			oc = nil
		}
		if oc != nil {
			seen[oc] = true
		}
		a.pairs = append(a.pairs, colPair{oc, c})
	}
	for _, c := range a.old.Columns {
		if !seen[c] {
			a.dropped = append(a.dropped, c)
		}
	}
}

func (a *alteration) q(name string) string { return quote(a.d, name) }

// body renders a column's type, default and nullability (no name).
func (a *alteration) body(t *Table, c *Column, o colOpts) (string, error) {
	o.bodyOnly = true
	def, err := columnDef(a.d, t, c, o)
	return strings.TrimPrefix(def, a.q(c.Name)+" "), err
}

func (a *alteration) literal(t *Table, c *Column, v any) (string, error) {
	lit, err := a.d.Literal(v, c.Kind)
	if err != nil {
		return "", fmt.Errorf("%s: the value for existing rows: %w", t.where(c), err)
	}
	return lit, nil
}

func (a *alteration) defaultLit(t *Table, c *Column) (string, error) {
	if c.Generated != "" {
		return "", nil
	}
	return defaultSQL(a.d, t, c)
}

// changed reports whether a kept column changed its definition (its
// name aside).
func (a *alteration) changed(p colPair) bool {
	if sameColumn(p.old, p.new) {
		return false
	}
	ob, _ := a.body(a.old, p.old, colOpts{})
	nb, _ := a.body(a.new, p.new, colOpts{})
	return ob != nb || p.old.Unique != p.new.Unique || !sameRef(p.old.Ref, p.new.Ref)
}

func sameRef(x, y *Ref) bool {
	if x == nil || y == nil {
		return x == y
	}
	return *x == *y
}

// simpleAdd reports whether SQLite's ADD COLUMN can add c: no key, no
// unique, a NOT NULL column with a default, a reference only when
// nullable, nothing stored-generated.
func simpleAdd(c *Column, fill bool) bool {
	switch {
	case c.PrimaryKey || c.Unique || fill || (c.Generated != "" && c.Stored):
		return false
	case c.Ref != nil:
		return c.Null && !c.HasDefault
	}
	return c.Null || c.HasDefault
}

// needsRebuild reports whether SQLite must copy the table.
func (a *alteration) needsRebuild() (bool, error) {
	if len(a.dropped) > 0 || len(a.fill) > 0 {
		return true, nil
	}
	for _, p := range a.pairs {
		if (p.old == nil && !simpleAdd(p.new, false)) || (p.old != nil && a.changed(p)) {
			return true, nil
		}
	}
	old, err := inlineDefs(a.d, a.old)
	if err != nil {
		return false, err
	}
	new, err := inlineDefs(a.d, a.new)
	if err != nil {
		return false, err
	}
	return !sameStrings(old, new), nil
}

// inlineDefs lists the table constraints written inside CREATE TABLE, by
// definition (their names follow the table).
func inlineDefs(d dialects.Dialect, t *Table) ([]string, error) {
	var out []string
	for _, cols := range t.UniqueTogether {
		out = append(out, "UNIQUE ("+quoteList(d, cols)+")")
	}
	for _, c := range t.Constraints {
		if inlineConstraint(c) {
			body, err := constraintBody(d, t, c)
			if err != nil {
				return nil, err
			}
			out = append(out, c.Name+" "+body)
		}
	}
	return out, nil
}

func sameStrings(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// rebuild copies the table into a new one, as SQLite's documentation
// and Django's _remake_table do: create the new table under a temporary
// name, copy every row, drop the old table, rename the new one, create
// its indexes. Foreign keys of other tables keep pointing at the name.
func (a *alteration) rebuild() error {
	tmp := *a.new
	tmp.Name = "new__" + a.new.Name
	create, err := createTable(a.d, &tmp)
	if err != nil {
		return err
	}
	var cols, exprs []string
	for _, p := range a.pairs {
		expr, err := a.copyExpr(p)
		if err != nil {
			return err
		}
		if expr != "" {
			cols, exprs = append(cols, a.q(p.new.Name)), append(exprs, expr)
		}
	}
	a.stmts = append(a.stmts, create)
	if len(cols) > 0 {
		a.stmts = append(a.stmts, "INSERT INTO "+a.q(tmp.Name)+" ("+strings.Join(cols, ", ")+") SELECT "+
			strings.Join(exprs, ", ")+" FROM "+a.q(a.old.Name))
	}
	a.stmts = append(a.stmts, a.d.DropTable(a.q(a.old.Name)), a.ed.RenameTable(a.q(tmp.Name), a.q(a.new.Name)))
	ixs, err := indexes(a.d, a.new)
	if err != nil {
		return err
	}
	for _, ix := range ixs {
		a.stmts = append(a.stmts, ix.stmt)
	}
	return nil
}

// copyExpr is what the copy selects for a column of the new table: the
// old column (NULLs replaced by the fill or the default when it becomes
// NOT NULL), the fill for an added column, or "" to let the default apply.
func (a *alteration) copyExpr(p colPair) (string, error) {
	c := p.new
	if c.Generated != "" {
		return "", nil
	}
	fill, hasFill := a.fill[c.Name]
	var lit string
	var err error
	switch {
	case hasFill:
		lit, err = a.literal(a.new, c, fill)
	case !c.Null:
		lit, err = a.defaultLit(a.new, c)
	}
	if err != nil {
		return "", err
	}
	if p.old == nil {
		if hasFill {
			return lit, nil
		}
		return "", nil
	}
	if p.old.Null && !c.Null && lit != "" {
		return "COALESCE(" + a.q(p.old.Name) + ", " + lit + ")", nil
	}
	return a.q(p.old.Name), nil
}

// inPlace alters the table with ALTER TABLE statements, in Django's
// order: what goes away first (foreign keys, unique constraints,
// indexes, columns), renames, then what comes (columns, changes,
// constraints, indexes, foreign keys last).
func (a *alteration) inPlace() error {
	qt := a.q(a.new.Name)
	if a.old.Name != a.new.Name {
		a.stmts = append(a.stmts, a.ed.RenameTable(a.q(a.old.Name), qt))
	}
	if !a.d.Features().InlineForeignKeys {
		a.diffForeignKeys(qt)
	}
	for _, p := range a.pairs {
		if p.old != nil && p.old.Unique && !p.old.PrimaryKey && !p.new.Unique {
			a.stmts = append(a.stmts, a.ed.DropColumnUnique(qt, a.q(p.old.Name), a.old.Name, p.old.Name))
		}
	}
	for _, c := range a.dropped {
		if c.Unique && !c.PrimaryKey {
			a.stmts = append(a.stmts, a.ed.DropColumnUnique(qt, a.q(c.Name), a.old.Name, c.Name))
		}
	}
	addIdx, addCons, err := a.diffNamed(qt)
	if err != nil {
		return err
	}
	for _, c := range a.dropped {
		a.stmts = append(a.stmts, a.ed.DropColumn(qt, a.q(c.Name)))
	}
	for _, p := range a.pairs {
		if p.old != nil && p.old.Name != p.new.Name {
			a.stmts = append(a.stmts, a.ed.RenameColumn(qt, a.q(p.old.Name), a.q(p.new.Name)))
		}
		if p.old != nil && p.old.Unique && p.new.Unique && !p.new.PrimaryKey {
			if s := a.ed.RenameColumnUnique(qt, a.old.Name, p.old.Name, a.new.Name, p.new.Name); s != "" {
				a.stmts = append(a.stmts, s)
			}
		}
	}
	for _, p := range a.pairs {
		var err error
		if p.old == nil {
			err = a.addColumn(qt, p.new)
		} else {
			err = a.alterColumn(qt, p)
		}
		if err != nil {
			return err
		}
	}
	a.stmts = append(append(a.stmts, addCons...), addIdx...)
	a.stmts = append(a.stmts, a.commentChanges(qt)...)
	return nil
}

// commentChanges renders the comments that changed, where the backend
// sets them by statement (a column's COMMENT clause on MySQL changes
// with its definition).
func (a *alteration) commentChanges(qt string) []string {
	cm, ok := a.d.(dialects.Commenter)
	if !ok {
		return nil
	}
	var out []string
	if a.old.Comment != a.new.Comment {
		if s := cm.CommentOn(qt, "", a.new.Comment); s != "" {
			out = append(out, s)
		}
	}
	for _, p := range a.pairs {
		old := ""
		if p.old != nil {
			old = p.old.Comment
		}
		if old != p.new.Comment && cm.ColumnCommentClause(p.new.Comment) == "" {
			if s := cm.CommentOn(qt, a.q(p.new.Name), p.new.Comment); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (a *alteration) addColumn(qt string, c *Column) error {
	fill, hasFill := a.fill[c.Name]
	o := colOpts{}
	if hasFill {
		lit, err := a.literal(a.new, c, fill)
		if err != nil {
			return err
		}
		o.defaultLit = lit
	}
	def, err := columnDef(a.d, a.new, c, o)
	if err != nil {
		return err
	}
	a.stmts = append(a.stmts, a.ed.AddColumn(qt, def))
	if !hasFill {
		return nil
	}
	// The one-off default filled the rows; the column keeps its own.
	ch, err := a.change(colPair{old: withDefault(c, fill), new: c})
	if err != nil {
		return err
	}
	ch.Fill = "" // ADD COLUMN ... DEFAULT filled every row
	a.stmts = append(a.stmts, a.ed.AlterColumn(qt, ch)...)
	return nil
}

func withDefault(c *Column, v any) *Column {
	x := *c
	x.Default, x.HasDefault = v, true
	return &x
}

// sameColumn reports whether two columns are defined alike (their names
// aside), without rendering them.
func sameColumn(x, y *Column) bool {
	return x.Kind == y.Kind && x.MaxLength == y.MaxLength && x.MaxDigits == y.MaxDigits &&
		x.DecimalPlaces == y.DecimalPlaces && x.PrimaryKey == y.PrimaryKey && x.Auto == y.Auto &&
		x.Null == y.Null && x.Unique == y.Unique && x.HasDefault == y.HasDefault && x.DefaultExpr == y.DefaultExpr &&
		x.Comment == y.Comment &&
		(!x.HasDefault || fmt.Sprint(x.Default) == fmt.Sprint(y.Default)) &&
		x.Generated == y.Generated && x.Stored == y.Stored && sameRef(x.Ref, y.Ref) &&
		(x.source == nil) == (y.source == nil)
}

func (a *alteration) alterColumn(qt string, p colPair) error {
	if sameColumn(p.old, p.new) {
		return nil
	}
	ch, err := a.change(p)
	if err != nil {
		return err
	}
	if ch.TypeChanged || ch.NullChanged || ch.DefaultChanged {
		a.stmts = append(a.stmts, a.ed.AlterColumn(qt, ch)...)
	}
	if p.new.Unique && !p.new.PrimaryKey && !p.old.Unique {
		a.stmts = append(a.stmts, a.ed.AddColumnUnique(qt, a.q(p.new.Name)))
	}
	return nil
}

// change describes the change of a kept column for the dialect.
func (a *alteration) change(p colPair) (dialects.ColumnChange, error) {
	ch := dialects.ColumnChange{Column: a.q(p.new.Name), OldNull: p.old.Null, Null: p.new.Null,
		OldType: a.d.ColumnType(p.old.RegistryField()), Type: a.d.ColumnType(p.new.RegistryField())}
	var err error
	if ch.OldDefault, err = a.defaultLit(a.old, p.old); err != nil {
		return ch, err
	}
	if ch.Default, err = a.defaultLit(a.new, p.new); err != nil {
		return ch, err
	}
	if v, ok := a.fill[p.new.Name]; ok {
		if ch.Fill, err = a.literal(a.new, p.new, v); err != nil {
			return ch, err
		}
	}
	if ch.OldDefinition, err = a.body(a.old, p.old, colOpts{}); err != nil {
		return ch, err
	}
	if ch.Definition, err = a.body(a.new, p.new, colOpts{}); err != nil {
		return ch, err
	}
	ch.TypeChanged, ch.NullChanged = ch.OldType != ch.Type, ch.OldNull != ch.Null
	ch.DefaultChanged = ch.OldDefault != ch.Default
	ch.DefinitionChanged = ch.OldDefinition != ch.Definition
	return ch, nil
}

// diffForeignKeys drops the foreign keys that change or go, and adds the
// new ones at the end (every table exists by then).
func (a *alteration) diffForeignKeys(qt string) {
	old, new := foreignKeys(a.d, a.old), foreignKeys(a.d, a.new)
	keep := map[string]bool{}
	for _, o := range old {
		for _, n := range new {
			if o.name == n.name && o.def == n.def {
				keep[o.name] = true
			}
		}
	}
	for _, o := range old {
		if !keep[o.name] {
			a.fkDrops = append(a.fkDrops, a.ed.DropConstraint(a.q(a.old.Name), a.q(o.name), dialects.ForeignKeyConstraint))
		}
	}
	for _, n := range new {
		if !keep[n.name] {
			a.fkAdds = append(a.fkAdds, n.stmt)
		}
	}
	if a.old.Name != a.new.Name {
		// The table is renamed before anything else runs: drops name it anew.
		for i, s := range a.fkDrops {
			a.fkDrops[i] = strings.Replace(s, a.q(a.old.Name), qt, 1)
		}
		a.fkDrops, a.stmts = nil, append(a.stmts, a.fkDrops...)
	}
}

// named is an index or table constraint as diffNamed compares them.
type named struct {
	name, def, add string
	drop           func(qt string) string
}

// diffNamed drops the indexes and named constraints that change or go
// (renaming an index whose definition stays) and returns the statements
// adding the new ones.
func (a *alteration) diffNamed(qt string) (addIdx, addCons []string, err error) {
	oldIdx, err := a.namedIndexes(a.old)
	if err != nil {
		return nil, nil, err
	}
	newIdx, err := a.namedIndexes(a.new)
	if err != nil {
		return nil, nil, err
	}
	oldCons, err := a.namedConstraints(a.old)
	if err != nil {
		return nil, nil, err
	}
	newCons, err := a.namedConstraints(a.new)
	if err != nil {
		return nil, nil, err
	}
	addIdx = a.diffSet(qt, oldIdx, newIdx, true)
	addCons = a.diffSet(qt, oldCons, newCons, false)
	return addIdx, addCons, nil
}

func (a *alteration) diffSet(qt string, old, new []named, renames bool) []string {
	kept := map[string]bool{}
	var gone []named
	for _, o := range old {
		found := false
		for _, n := range new {
			if o.name == n.name && o.def == n.def {
				found = true
			}
		}
		if found {
			kept[o.name] = true
		} else {
			gone = append(gone, o)
		}
	}
	var adds []string
	for _, n := range new {
		if kept[n.name] {
			continue
		}
		if i := renameOf(gone, n); renames && i >= 0 {
			if s := a.ed.RenameIndex(qt, a.q(gone[i].name), a.q(n.name)); s != "" {
				a.stmts = append(a.stmts, s)
				gone = append(gone[:i], gone[i+1:]...)
				continue
			}
		}
		adds = append(adds, n.add)
	}
	for _, o := range gone {
		a.stmts = append(a.stmts, o.drop(qt))
	}
	return adds
}

// renameOf finds among gone an index defined as n is, on columns that
// exist under the same names.
func renameOf(gone []named, n named) int {
	for i, g := range gone {
		if g.def == n.def {
			return i
		}
	}
	return -1
}

func (a *alteration) namedIndexes(t *Table) ([]named, error) {
	var out []named
	ixs, err := indexes(a.d, t)
	if err != nil {
		return nil, err
	}
	for _, ix := range ixs {
		name := ix.name
		out = append(out, named{name: name, def: ix.def, add: ix.stmt,
			drop: func(qt string) string { return a.ed.DropIndex(qt, a.q(name)) }})
	}
	return out, nil
}

func (a *alteration) namedConstraints(t *Table) ([]named, error) {
	var out []named
	add := func(name, body string, kind dialects.ConstraintKind) {
		out = append(out, named{name: name, def: body,
			add:  "ALTER TABLE " + a.q(a.new.Name) + " ADD CONSTRAINT " + a.q(name) + " " + body,
			drop: func(qt string) string { return a.ed.DropConstraint(qt, a.q(name), kind) }})
	}
	for _, cols := range t.UniqueTogether {
		add(Name(a.d, t.Name, cols, "uniq"), "UNIQUE ("+quoteList(a.d, cols)+")", dialects.UniqueConstraint)
	}
	for _, c := range t.Constraints {
		if !inlineConstraint(c) {
			continue // a unique index: see namedIndexes
		}
		kind := dialects.UniqueConstraint
		if c.isCheck() {
			kind = dialects.CheckConstraint
		}
		body, err := constraintBody(a.d, t, c)
		if err != nil {
			return nil, err
		}
		if body != "" {
			add(c.Name, body, kind)
		}
	}
	return out, nil
}
