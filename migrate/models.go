package migrate

import (
	"fmt"
	"strings"

	"github.com/djorm/orm"
	"github.com/djorm/orm/registry"
)

// FromModels returns the state of registered models (pointers to zero
// values, as for orm.Register): what the autodetector compares the
// replayed history with.
func FromModels(modelPtrs ...any) (*State, error) {
	var ms []*registry.Model
	for _, p := range modelPtrs {
		m, err := orm.ModelMeta(p)
		if err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		ms = append(ms, m)
	}
	return FromRegistry(ms...)
}

// FromRegistry returns the state of models read by a registry (one of
// orm.NewRegistry's, for model versions kept apart from the process's).
// Automatic join tables are described by their many-to-many fields;
// proxy models have no table and no state of their own.
func FromRegistry(models ...*registry.Model) (*State, error) {
	s := NewState()
	for _, m := range models {
		if m.Auto() || m.ProxyOf != nil {
			continue
		}
		if !m.Ready() {
			return nil, fmt.Errorf("migrate: %s", m.Unresolved())
		}
		if prev := s.Model(m.Name); prev != nil {
			return nil, fmt.Errorf("migrate: two models named %q (%s); one set of migrations holds one model of a name", m.Name, m.Label)
		}
		s.put(modelState(m))
	}
	for _, m := range s.Models() {
		for _, f := range m.Fields {
			if (f.IsRelation() || f.IsManyToMany()) && s.Model(f.To) == nil {
				return nil, fmt.Errorf("migrate: %s.%s points to model %q, which is not among the models given; add it", m.Name, f.Name, f.To)
			}
		}
	}
	return s, nil
}

func modelState(m *registry.Model) *ModelState {
	ms := &ModelState{Name: m.Name, Table: m.Table, TableComment: m.Meta.TableComment}
	for _, f := range m.Local() {
		ms.Fields = append(ms.Fields, fieldState(f))
	}
	for _, f := range m.ManyToMany {
		ms.Fields = append(ms.Fields, fieldState(f))
	}
	for _, ix := range m.Meta.Indexes {
		ms.Indexes = append(ms.Indexes, Index{Name: ix.Name, Fields: append([]string(nil), ix.Fields...), Unique: ix.Unique,
			Expressions: ix.Expressions, Condition: ix.Condition, Include: optNames(m, ix.Include), OpClasses: ix.OpClasses})
	}
	for _, c := range m.Meta.Constraints {
		ms.Constraints = append(ms.Constraints, constraintState(m, c))
	}
	for _, ut := range m.Meta.UniqueTogether {
		ms.UniqueTogether = append(ms.UniqueTogether, fieldNames(m, ut))
	}
	return ms
}

// fieldNames maps names or attnames ("author_id") to field names.
func fieldNames(m *registry.Model, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if f := m.Field(n); f != nil {
			out[i] = f.Name
		}
	}
	return out
}

func fieldState(f *registry.Field) Field {
	out := Field{Name: f.Name, PrimaryKey: f.PrimaryKey, Null: f.Null, Unique: f.Unique && !f.PrimaryKey,
		Index: f.DBIndex, MaxLength: f.MaxLength, MaxDigits: f.MaxDigits, DecimalPlaces: f.DecimalPlaces,
		Generated: f.Generated, Stored: f.Stored, Comment: f.Comment}
	switch {
	case f.Rel != nil:
		out.Type = f.Rel.Kind.String()
		out.MaxLength, out.MaxDigits, out.DecimalPlaces = 0, 0, 0
		to := f.Rel.To().Concrete() // a key to a proxy is a key to its table
		out.To = to.Name
		if tf := f.Rel.ToField(); tf != nil && tf.Name != to.PK.Name {
			out.ToField = tf.Name
		}
		if f.Rel.Kind != registry.ManyToMany {
			out.OnDelete = onDeleteName(f.Rel.OnDelete)
		} else if th := f.Rel.Through(); th != nil && !th.Model.Auto() {
			out.Through = th.Model.Name
		}
		if f.Rel.Kind == registry.OneToOne {
			out.Unique = false // implied
		}
	case f.Auto && f.Kind == registry.Int:
		out.Type = "AutoField"
	case f.Auto:
		out.Type = "BigAutoField"
	default:
		out.Type = f.Kind.String()
	}
	if f.Auto || f.Kind == registry.UUID {
		out.MaxLength = 0
	}
	if f.Column != "" && f.Column != out.ColumnName() {
		out.Column = f.Column
	}
	if f.HasDefault {
		out.Default = Lit(literal(f.Default, f.Kind))
	}
	if f.HasDBDefault {
		out.DBDefault = Lit(literal(f.DBDefault, f.Kind))
	}
	return out
}

func onDeleteName(od registry.OnDelete) string {
	for name, v := range map[string]registry.OnDelete{"cascade": registry.Cascade, "protect": registry.Protect,
		"restrict": registry.Restrict, "set_null": registry.SetNull, "set_default": registry.SetDefault,
		"do_nothing": registry.DoNothing} {
		if v == od {
			return name
		}
	}
	return strings.ToLower(fmt.Sprint(od))
}
