package migrate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/djorm/orm/schema"
)

// Operation is one step of a migration. StateForwards changes the state
// (no database); DatabaseForwards changes the database from the state
// before the operation to the state after it, DatabaseBackwards undoes
// that. Every schema operation computes its SQL from the two states
// through package schema, so an operation is a plain value.
type Operation interface {
	// Describe says what the operation does ("Add field isbn to book").
	Describe() string
	StateForwards(s *State) error
	DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error
	DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error
}

// fragmenter names a migration after its operations (Django's
// migration_name_fragment).
type fragmenter interface{ fragment() string }

// schemaOp is embedded by operations whose database change is the schema
// difference of the two states.
type schemaOp struct{}

// DatabaseForwards changes the schema from before to after.
func (schemaOp) DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, before, after, schema.Hints{})
}

// DatabaseBackwards changes the schema from after back to before.
func (schemaOp) DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, after, before, schema.Hints{})
}

// CreateModel creates a model and its table (and its automatic join tables).
type CreateModel struct {
	schemaOp
	Name           string
	Table          string
	Fields         []Field
	Indexes        []Index
	Constraints    []Constraint
	UniqueTogether [][]string
	TableComment   string
}

// Describe implements Operation.
func (o CreateModel) Describe() string { return "Create model " + o.Name }
func (o CreateModel) fragment() string { return strings.ToLower(o.Name) }

// StateForwards implements Operation.
func (o CreateModel) StateForwards(s *State) error {
	name := strings.ToLower(o.Name)
	if s.Model(name) != nil {
		return fmt.Errorf("create model %s: the model exists already", name)
	}
	if o.Table == "" {
		return fmt.Errorf("create model %s: Table is empty", name)
	}
	m := &ModelState{Name: name, Table: o.Table, Fields: slices.Clone(o.Fields), Indexes: slices.Clone(o.Indexes),
		Constraints: slices.Clone(o.Constraints), UniqueTogether: slices.Clone(o.UniqueTogether), TableComment: o.TableComment}
	if _, ok := m.PK(); !ok {
		return fmt.Errorf("create model %s: no primary key field; add Field{Name: \"id\", Type: \"BigAutoField\", PrimaryKey: true}", name)
	}
	s.put(m)
	return nil
}

// DeleteModel deletes a model and drops its table.
type DeleteModel struct {
	schemaOp
	Name string
}

// Describe implements Operation.
func (o DeleteModel) Describe() string { return "Delete model " + o.Name }
func (o DeleteModel) fragment() string { return "delete_" + strings.ToLower(o.Name) }

// StateForwards implements Operation.
func (o DeleteModel) StateForwards(s *State) error {
	name := strings.ToLower(o.Name)
	if s.Model(name) == nil {
		return fmt.Errorf("delete model: %w", s.unknown(name))
	}
	for _, m := range s.Models() {
		for _, f := range m.Fields {
			if m.Name != name && f.To == name {
				return fmt.Errorf("delete model %s: %s.%s still points to it; remove or alter that field first", name, m.Name, f.Name)
			}
		}
	}
	delete(s.models, name)
	return nil
}

// RenameModel renames a model; its table keeps its name (AlterModelTable
// renames it), join tables and key columns named after the model follow.
type RenameModel struct {
	OldName, NewName string
}

// Describe implements Operation.
func (o RenameModel) Describe() string { return "Rename model " + o.OldName + " to " + o.NewName }
func (o RenameModel) fragment() string {
	return "rename_" + strings.ToLower(o.OldName) + "_" + strings.ToLower(o.NewName)
}

// StateForwards implements Operation.
func (o RenameModel) StateForwards(s *State) error {
	old, new := strings.ToLower(o.OldName), strings.ToLower(o.NewName)
	m, err := s.edit(old)
	if err != nil {
		return fmt.Errorf("rename model: %w", err)
	}
	if s.Model(new) != nil {
		return fmt.Errorf("rename model %s: a model %s exists already", old, new)
	}
	delete(s.models, old)
	m.Name = new
	s.put(m)
	for _, other := range s.Models() {
		if !pointsAt(other, []string{old}) {
			continue
		}
		c, _ := s.edit(other.Name)
		for i, f := range c.Fields {
			if f.To == old {
				c.Fields[i].To = new
			}
			if f.Through == old {
				c.Fields[i].Through = new
			}
		}
	}
	return nil
}

// DatabaseForwards renames what is named after the model: its join
// tables' keys and their key columns.
func (o RenameModel) DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, before, after, renameHints(before, after, o.OldName, o.NewName))
}

// DatabaseBackwards implements Operation.
func (o RenameModel) DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, after, before, renameHints(after, before, o.NewName, o.OldName))
}

// renameHints tells schema.Diff that the tables of model old (in from)
// are those of new (in to), join tables and their columns included.
func renameHints(from, to *State, old, new string) schema.Hints {
	old, new = strings.ToLower(old), strings.ToLower(new)
	h := schema.Hints{Tables: map[string]string{new: old}, Renamed: map[string]map[string]string{}}
	for _, m := range to.Models() {
		for _, f := range m.Fields {
			if !f.IsManyToMany() || f.Through != "" || (m.Name != new && f.To != new) {
				continue
			}
			key, oldKey := m.Name+"."+f.Name, m.Name+"."+f.Name
			if m.Name == new {
				oldKey = old + "." + f.Name
			}
			h.Tables[key] = oldKey
			cols := map[string]string{}
			if m.Name == new && f.To == new {
				cols["from_"+new+"_id"], cols["to_"+new+"_id"] = "from_"+old+"_id", "to_"+old+"_id"
			} else {
				cols[new+"_id"] = old + "_id"
			}
			h.Renamed[key] = cols
		}
	}
	return h
}

// AlterModelTable renames a model's table.
type AlterModelTable struct {
	schemaOp
	Name  string
	Table string
}

// Describe implements Operation.
func (o AlterModelTable) Describe() string { return "Rename table for " + o.Name + " to " + o.Table }
func (o AlterModelTable) fragment() string { return "alter_" + strings.ToLower(o.Name) + "_table" }

// StateForwards implements Operation.
func (o AlterModelTable) StateForwards(s *State) error {
	m, err := s.edit(o.Name)
	if err != nil {
		return fmt.Errorf("alter model table: %w", err)
	}
	if o.Table == "" {
		return fmt.Errorf("alter model table %s: Table is empty", o.Name)
	}
	m.Table = o.Table
	return nil
}

// AddField adds a field. OneOffDefault, a tag literal, is the value the
// rows already there take when the field is NOT NULL without a default
// (Django's preserve_default=False): the column does not keep it.
type AddField struct {
	Model         string
	Field         Field
	OneOffDefault *string
}

// Describe implements Operation.
func (o AddField) Describe() string { return "Add field " + o.Field.Name + " to " + o.Model }
func (o AddField) fragment() string {
	return strings.ToLower(o.Model) + "_" + o.Field.Name
}

// StateForwards implements Operation.
func (o AddField) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("add field: %w", err)
	}
	if _, i := m.Field(o.Field.Name); i >= 0 {
		return fmt.Errorf("add field %s.%s: the field exists already", m.Name, o.Field.Name)
	}
	m.Fields = append(m.Fields, o.Field)
	return nil
}

// DatabaseForwards adds the column, filling the rows with OneOffDefault.
func (o AddField) DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error {
	h, err := fillHint(after, o.Model, o.Field.Name, o.OneOffDefault)
	if err != nil {
		return err
	}
	return e.change(ctx, before, after, h)
}

// DatabaseBackwards drops the column.
func (o AddField) DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, after, before, schema.Hints{})
}

// fillHint makes a one-off literal of a field the fill schema.Diff uses.
func fillHint(s *State, model, field string, lit *string) (schema.Hints, error) {
	m := s.Model(model)
	if lit == nil || m == nil {
		return schema.Hints{}, nil
	}
	f, i := m.Field(field)
	if i < 0 {
		return schema.Hints{}, nil
	}
	c, err := s.column(m, f)
	if err != nil {
		return schema.Hints{}, err
	}
	v, err := parseLiteral(c.Kind, *lit)
	if err != nil {
		return schema.Hints{}, fmt.Errorf("the one-off value %q of %s.%s is not a %s: %w", *lit, model, field, c.Kind, err)
	}
	return schema.Hints{Fill: map[string]map[string]any{m.Name: {c.Name: v}}}, nil
}

// refillHint fills the rows of a NOT NULL field that comes back without
// a default (undoing its removal, or its change to nullable) with the
// kind's zero value, as Django's effective_default.
func refillHint(s *State, model, field string) schema.Hints {
	m := s.Model(model)
	if m == nil {
		return schema.Hints{}
	}
	f, i := m.Field(field)
	if i < 0 || f.Null || f.Default != nil || f.DBDefault != nil || f.IsManyToMany() || f.IsRelation() || f.IsAuto() {
		return schema.Hints{}
	}
	k, err := f.kind()
	if err != nil {
		return schema.Hints{}
	}
	if lit, ok := zeroLiteral(k); ok {
		h, _ := fillHint(s, model, field, &lit) // the zero value of its kind parses
		return h
	}
	return schema.Hints{}
}

// RemoveField removes a field and drops its column, with the indexes and
// unique-together sets that use it.
type RemoveField struct {
	Model string
	Name  string
}

// Describe implements Operation.
func (o RemoveField) Describe() string { return "Remove field " + o.Name + " from " + o.Model }
func (o RemoveField) fragment() string {
	return "remove_" + strings.ToLower(o.Model) + "_" + o.Name
}

// StateForwards implements Operation.
func (o RemoveField) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("remove field: %w", err)
	}
	_, i := m.Field(o.Name)
	if i < 0 {
		return fmt.Errorf("remove field: model %s has no field %q; fields: %s", m.Name, o.Name, m.fieldNames())
	}
	m.Fields = slices.Delete(m.Fields, i, i+1)
	m.UniqueTogether = slices.DeleteFunc(m.UniqueTogether, func(ut []string) bool { return slices.Contains(ut, o.Name) })
	m.Indexes = slices.DeleteFunc(m.Indexes, func(ix Index) bool {
		return slices.Contains(ix.Fields, o.Name) || slices.Contains(ix.Fields, "-"+o.Name) || slices.Contains(ix.Include, o.Name)
	})
	m.Constraints = slices.DeleteFunc(m.Constraints, func(c Constraint) bool {
		return slices.Contains(c.Fields, o.Name) || slices.Contains(c.Include, o.Name)
	})
	return nil
}

// DatabaseForwards drops the column.
func (o RemoveField) DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, before, after, schema.Hints{})
}

// DatabaseBackwards adds the column back (its data is gone); a NOT NULL
// field without default takes its kind's zero value in the rows.
func (o RemoveField) DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, after, before, refillHint(before, o.Model, o.Name))
}

// AlterField changes a field's definition (type, null, default,
// max_length, unique, db_index, db_column, ...). OneOffDefault fills the
// NULL rows when the field becomes NOT NULL.
type AlterField struct {
	Model         string
	Field         Field
	OneOffDefault *string
}

// Describe implements Operation.
func (o AlterField) Describe() string { return "Alter field " + o.Field.Name + " on " + o.Model }
func (o AlterField) fragment() string {
	return "alter_" + strings.ToLower(o.Model) + "_" + o.Field.Name
}

// StateForwards implements Operation.
func (o AlterField) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("alter field: %w", err)
	}
	_, i := m.Field(o.Field.Name)
	if i < 0 {
		return fmt.Errorf("alter field: model %s has no field %q; fields: %s", m.Name, o.Field.Name, m.fieldNames())
	}
	m.Fields[i] = o.Field
	return nil
}

// DatabaseForwards implements Operation.
// A changed db_column renames the column.
func (o AlterField) DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error {
	h, err := fillHint(after, o.Model, o.Field.Name, o.OneOffDefault)
	if err != nil {
		return err
	}
	h.Renamed = columnRename(before, after, o.Model, o.Field.Name, o.Field.Name).Renamed
	return e.change(ctx, before, after, h)
}

// DatabaseBackwards implements Operation.
func (o AlterField) DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error {
	h := refillHint(before, o.Model, o.Field.Name)
	h.Renamed = columnRename(after, before, o.Model, o.Field.Name, o.Field.Name).Renamed
	return e.change(ctx, after, before, h)
}

// RenameField renames a field (and its column, unless db_column names it).
type RenameField struct {
	Model            string
	OldName, NewName string
}

// Describe implements Operation.
func (o RenameField) Describe() string {
	return "Rename field " + o.OldName + " on " + o.Model + " to " + o.NewName
}
func (o RenameField) fragment() string {
	return "rename_" + o.OldName + "_" + strings.ToLower(o.Model) + "_" + o.NewName
}

// StateForwards implements Operation.
func (o RenameField) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("rename field: %w", err)
	}
	_, i := m.Field(o.OldName)
	if i < 0 {
		return fmt.Errorf("rename field: model %s has no field %q; fields: %s", m.Name, o.OldName, m.fieldNames())
	}
	if _, j := m.Field(o.NewName); j >= 0 {
		return fmt.Errorf("rename field %s.%s: a field %s exists already", m.Name, o.OldName, o.NewName)
	}
	m.Fields[i].Name = o.NewName
	rename := func(names []string) {
		for k, n := range names {
			switch n {
			case o.OldName:
				names[k] = o.NewName
			case "-" + o.OldName:
				names[k] = "-" + o.NewName
			}
		}
	}
	for _, ut := range m.UniqueTogether {
		rename(ut)
	}
	for i := range m.Indexes {
		m.Indexes[i].Fields, m.Indexes[i].Include = slices.Clone(m.Indexes[i].Fields), slices.Clone(m.Indexes[i].Include)
		rename(m.Indexes[i].Fields)
		rename(m.Indexes[i].Include)
	}
	for i := range m.Constraints {
		m.Constraints[i].Fields, m.Constraints[i].Include = slices.Clone(m.Constraints[i].Fields), slices.Clone(m.Constraints[i].Include)
		rename(m.Constraints[i].Fields)
		rename(m.Constraints[i].Include)
	}
	return nil
}

// DatabaseForwards renames the column.
func (o RenameField) DatabaseForwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, before, after, columnRename(before, after, o.Model, o.OldName, o.NewName))
}

// DatabaseBackwards renames it back.
func (o RenameField) DatabaseBackwards(ctx context.Context, e *Editor, before, after *State) error {
	return e.change(ctx, after, before, columnRename(after, before, o.Model, o.NewName, o.OldName))
}

func columnRename(from, to *State, model, old, new string) schema.Hints {
	fm, tm := from.Model(model), to.Model(model)
	if fm == nil || tm == nil {
		return schema.Hints{}
	}
	of, _ := fm.Field(old)
	nf, _ := tm.Field(new)
	if of.ColumnName() == nf.ColumnName() {
		return schema.Hints{}
	}
	return schema.Hints{Renamed: map[string]map[string]string{tm.Name: {nf.ColumnName(): of.ColumnName()}}}
}

// AddIndex adds an index to a model.
type AddIndex struct {
	schemaOp
	Model string
	Index Index
}

// Describe implements Operation.
func (o AddIndex) Describe() string {
	return "Create index " + indexLabel(o.Index.Name, o.Index.Fields) + " on " + o.Model
}
func (o AddIndex) fragment() string {
	return strings.ToLower(o.Model) + "_" + strings.ToLower(indexLabel(o.Index.Name, o.Index.Fields))
}

func indexLabel(name string, fields []string) string {
	if name != "" {
		return name
	}
	return strings.TrimPrefix(strings.Join(fields, "_"), "-")
}

// StateForwards implements Operation.
func (o AddIndex) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("add index: %w", err)
	}
	if findIndex(m, o.Index.Name, o.Index.Fields) >= 0 {
		return fmt.Errorf("add index %s on %s: the index exists already", indexLabel(o.Index.Name, o.Index.Fields), m.Name)
	}
	if len(o.Index.Fields) == 0 {
		return fmt.Errorf("add index on %s: an index needs fields", m.Name)
	}
	m.Indexes = append(m.Indexes, o.Index)
	return nil
}

// findIndex finds an index by name, or (unnamed) by fields.
func findIndex(m *ModelState, name string, fields []string) int {
	for i, ix := range m.Indexes {
		if (name != "" && ix.Name == name) || (name == "" && ix.Name == "" && slices.Equal(ix.Fields, fields)) {
			return i
		}
	}
	return -1
}

// RemoveIndex removes an index, found by Name or (unnamed) by Fields.
type RemoveIndex struct {
	schemaOp
	Model  string
	Name   string
	Fields []string
}

// Describe implements Operation.
func (o RemoveIndex) Describe() string {
	return "Remove index " + indexLabel(o.Name, o.Fields) + " from " + o.Model
}
func (o RemoveIndex) fragment() string {
	return "remove_" + strings.ToLower(o.Model) + "_" + strings.ToLower(indexLabel(o.Name, o.Fields))
}

// StateForwards implements Operation.
func (o RemoveIndex) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("remove index: %w", err)
	}
	i := findIndex(m, o.Name, o.Fields)
	if i < 0 {
		return fmt.Errorf("remove index: model %s has no index %s", m.Name, indexLabel(o.Name, o.Fields))
	}
	m.Indexes = slices.Delete(m.Indexes, i, i+1)
	return nil
}

// RenameIndex renames an index, found by OldName or (unnamed) OldFields.
type RenameIndex struct {
	schemaOp
	Model     string
	OldName   string
	NewName   string
	OldFields []string
}

// Describe implements Operation.
func (o RenameIndex) Describe() string {
	return "Rename index " + indexLabel(o.OldName, o.OldFields) + " on " + o.Model + " to " + o.NewName
}
func (o RenameIndex) fragment() string {
	return "rename_" + strings.ToLower(indexLabel(o.OldName, o.OldFields)) + "_" + strings.ToLower(o.NewName)
}

// StateForwards implements Operation.
func (o RenameIndex) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("rename index: %w", err)
	}
	i := findIndex(m, o.OldName, o.OldFields)
	if i < 0 {
		return fmt.Errorf("rename index: model %s has no index %s", m.Name, indexLabel(o.OldName, o.OldFields))
	}
	m.Indexes[i].Name = o.NewName
	return nil
}

// AddConstraint adds a named unique or check constraint.
type AddConstraint struct {
	schemaOp
	Model      string
	Constraint Constraint
}

// Describe implements Operation.
func (o AddConstraint) Describe() string {
	return "Create constraint " + o.Constraint.Name + " on model " + o.Model
}
func (o AddConstraint) fragment() string {
	return strings.ToLower(o.Model) + "_" + strings.ToLower(o.Constraint.Name)
}

// StateForwards implements Operation.
func (o AddConstraint) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("add constraint: %w", err)
	}
	c := o.Constraint
	switch {
	case c.Name == "":
		return fmt.Errorf("add constraint on %s: a constraint needs a Name", m.Name)
	case (c.Check != "" || c.CheckCondition != nil) == (len(c.Fields) > 0 || len(c.Expressions) > 0):
		return fmt.Errorf("add constraint %s: give Fields or Expressions (unique) or Check or CheckCondition, not both", c.Name)
	}
	if _, err := m.constraint(c); err != nil {
		return fmt.Errorf("add constraint %s on %s: %w", c.Name, m.Name, err)
	}
	for _, x := range m.Constraints {
		if x.Name == c.Name {
			return fmt.Errorf("add constraint %s on %s: the constraint exists already", c.Name, m.Name)
		}
	}
	m.Constraints = append(m.Constraints, c)
	return nil
}

// RemoveConstraint removes a named constraint.
type RemoveConstraint struct {
	schemaOp
	Model string
	Name  string
}

// Describe implements Operation.
func (o RemoveConstraint) Describe() string {
	return "Remove constraint " + o.Name + " from model " + o.Model
}
func (o RemoveConstraint) fragment() string {
	return "remove_" + strings.ToLower(o.Model) + "_" + strings.ToLower(o.Name)
}

// StateForwards implements Operation.
func (o RemoveConstraint) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("remove constraint: %w", err)
	}
	n := len(m.Constraints)
	m.Constraints = slices.DeleteFunc(m.Constraints, func(c Constraint) bool { return c.Name == o.Name })
	if len(m.Constraints) == n {
		return fmt.Errorf("remove constraint: model %s has no constraint %q", m.Name, o.Name)
	}
	return nil
}

// AlterModelTableComment sets a model's table comment (Django's
// AlterModelTableComment).
type AlterModelTableComment struct {
	schemaOp
	Model        string
	TableComment string
}

// Describe implements Operation.
func (o AlterModelTableComment) Describe() string {
	return "Alter " + o.Model + " table comment"
}
func (o AlterModelTableComment) fragment() string {
	return "alter_" + strings.ToLower(o.Model) + "_table_comment"
}

// StateForwards implements Operation.
func (o AlterModelTableComment) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("alter table comment: %w", err)
	}
	m.TableComment = o.TableComment
	return nil
}

// AlterUniqueTogether sets a model's unique-together sets.
type AlterUniqueTogether struct {
	schemaOp
	Model          string
	UniqueTogether [][]string
}

// Describe implements Operation.
func (o AlterUniqueTogether) Describe() string {
	return fmt.Sprintf("Alter unique_together for %s (%d constraint(s))", o.Model, len(o.UniqueTogether))
}
func (o AlterUniqueTogether) fragment() string {
	return "alter_" + strings.ToLower(o.Model) + "_unique_together"
}

// StateForwards implements Operation.
func (o AlterUniqueTogether) StateForwards(s *State) error {
	m, err := s.edit(o.Model)
	if err != nil {
		return fmt.Errorf("alter unique together: %w", err)
	}
	for _, ut := range o.UniqueTogether {
		if _, err := m.columnsOf(ut); err != nil {
			return fmt.Errorf("alter unique together: %w", err)
		}
	}
	m.UniqueTogether = nil
	for _, ut := range o.UniqueTogether {
		m.UniqueTogether = append(m.UniqueTogether, slices.Clone(ut))
	}
	return nil
}
