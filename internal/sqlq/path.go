package sqlq

import (
	"strings"

	"github.com/djorm/orm/registry"
)

// step is one hop of a field path: a join from the current model to the next.
type step struct {
	name     string // the path name that caused the hop
	part     int    // its index in the path
	table    string
	model    *registry.Model
	lcol     *registry.Field // on the parent side
	rcol     *registry.Field // on the joined table
	nullable bool
	multi    bool
	direct   bool // a forward ForeignKey hop (trimmable)
	// filtered is set on the hop that a FilteredRelation restricts.
	filtered *Filtered
}

// path is a resolved field path: the hops, the field it ends on, and the
// names left over (transforms and the lookup).
type path struct {
	steps []step
	field *registry.Field // the target field on the last model
	rest  []string
	// relation is set when the path ends on a relation name ("author",
	// "books"): the field is then the key the relation compares.
	relation bool
}

// resolvePath walks names from model m, as Django's names_to_path does.
// Names after the last field are returned in rest; an unknown first name is
// a FieldError listing the choices.
func resolvePath(m *registry.Model, names []string) (path, error) {
	return resolvePathIn(nil, m, names)
}

// resolvePathIn is resolvePath that also knows q's FilteredRelation
// aliases (usable as the first name of a path).
func resolvePathIn(q *Query, m *registry.Model, names []string) (path, error) {
	if q != nil && len(names) > 0 && q.filtered[names[0]] != nil {
		fr := q.filtered[names[0]]
		p, err := resolvePath(m, strings.Split(fr.Relation, "__"))
		if err != nil {
			return path{}, err
		}
		if len(p.steps) == 0 || len(p.rest) > 0 {
			return path{}, invalid("FilteredRelation's relation %q must be a relation", fr.Relation)
		}
		p.steps[len(p.steps)-1].filtered = fr
		if len(names) == 1 {
			return p, nil
		}
		rest, err := resolvePath(p.steps[len(p.steps)-1].model, names[1:])
		if err != nil {
			return path{}, err
		}
		rest.steps = append(p.steps, rest.steps...)
		return rest, nil
	}
	p := path{field: m.PK}
	for i, name := range names {
		if name == "" {
			return path{}, invalid("empty name in field path %q", strings.Join(names, "__"))
		}
		if name == "pk" {
			name = m.PK.Name
		}
		f := m.Field(name)
		if f != nil && f.Model != m && m.Parent != nil {
			m = p.climb(m, f.Model, name, i)
		}
		switch {
		case f != nil && f.Rel != nil && f.Rel.Kind != registry.ManyToMany && name == f.Name:
			to := f.Rel.To()
			if to == nil || !to.Ready() {
				return path{}, invalid("%s", m.Unresolved())
			}
			p.steps = append(p.steps, step{name: name, part: i, table: to.Table, model: to, lcol: f, rcol: f.Rel.ToField(),
				nullable: f.Null, direct: true})
			p.field, p.relation, m = f.Rel.ToField(), true, to
			continue
		case f != nil && f.Concrete():
			p.field, p.relation, p.rest = f, false, names[i+1:]
			return p, nil
		case f != nil: // forward many-to-many
			rel := f.Rel
			th := rel.Through()
			to := rel.To()
			// The join rows hold the keys their foreign keys target: the
			// models' keys, or a through model's to_field.
			p.steps = append(p.steps,
				step{name: name, part: i, table: th.Model.Table, model: th.Model, lcol: th.From.Rel.ToField(), rcol: th.From, nullable: true, multi: true},
				step{name: name, part: i, table: to.Table, model: to, lcol: th.To, rcol: th.To.Rel.ToField(), direct: true})
			p.field, p.relation, m = th.To.Rel.ToField(), true, to
			continue
		}
		if rel := m.ReverseByQueryName(name); rel != nil {
			if owner := rel.ToField().Model; owner != m && m.Parent != nil {
				m = p.climb(m, owner, name, i)
			}
			m = p.reverse(rel, name, i)
			continue
		}
		if i == 0 {
			return path{}, cannotResolve(m.TypeName, name, m.Choices())
		}
		p.rest = names[i:]
		return p, nil
	}
	return p, nil
}

// climb adds the hops from a multi-table child m up to its ancestor a,
// which declares the field named name, and returns a: Django's
// names_to_path follows get_path_to_parent the same way. The hops are
// direct, so a path ending on the ancestor's key trims back to m's link.
func (p *path) climb(m, a *registry.Model, name string, part int) *registry.Model {
	links := m.PathToParent(a)
	if links == nil {
		return m
	}
	for _, link := range links {
		to := link.Rel.To()
		p.steps = append(p.steps, step{name: name, part: part, table: to.Table, model: to, lcol: link, rcol: link.Rel.ToField(), direct: true})
	}
	return a
}

// parentSteps are the hops from a multi-table child m to the ancestor
// declaring field f (none when m declares it).
func parentSteps(m *registry.Model, f *registry.Field) []step {
	if f.Model == m || m.Parent == nil {
		return nil
	}
	var p path
	p.climb(m, f.Model, f.Name, 0)
	return p.steps
}

// fieldAlias returns the alias of the table holding field f of model m
// joined at alias base: base itself, or the join of the ancestor of a
// multi-table child that declares f (set up on first use, INNER, or LEFT
// OUTER below an outer join).
func (q *Query) fieldAlias(base string, m *registry.Model, f *registry.Field) string {
	steps := parentSteps(m, f)
	if steps == nil {
		return base
	}
	aliases := q.setupJoinsFrom(base, steps, nil)
	return aliases[len(aliases)-1]
}

// reverse adds the hops of a reverse relation and returns the model reached.
func (p *path) reverse(rel *registry.Relation, name string, part int) *registry.Model {
	from := rel.From
	if rel.Kind == registry.ManyToMany {
		th := rel.Through()
		p.steps = append(p.steps,
			step{name: name, part: part, table: th.Model.Table, model: th.Model, lcol: th.To.Rel.ToField(), rcol: th.To, nullable: true, multi: true},
			step{name: name, part: part, table: from.Table, model: from, lcol: th.From, rcol: th.From.Rel.ToField(), direct: true})
		p.field, p.relation = th.From.Rel.ToField(), true
		return from
	}
	p.steps = append(p.steps, step{name: name, part: part, table: from.Table, model: from, lcol: rel.ToField(), rcol: rel.Field,
		nullable: true, multi: rel.Kind != registry.OneToOne})
	p.field, p.relation = from.PK, true
	return from
}

// firstMulti returns the index of the first multi-valued hop, or -1.
func (p *path) firstMulti() int {
	for i, s := range p.steps {
		if s.multi {
			return i
		}
	}
	return -1
}

// setupJoins adds (or reuses) the joins of p's hops, starting at the base
// table. Multi-valued hops reuse only aliases in reuse (nil: any); others
// reuse any equal join, as Django's setup_joins does. It returns the alias
// of every table on the path, base first.
func (q *Query) setupJoins(p *path, reuse *aliasSet) []string {
	return q.setupJoinsFrom(q.BaseAlias(), p.steps, reuse)
}

func (q *Query) setupJoinsFrom(alias string, steps []step, reuse *aliasSet) []string {
	if len(steps) == 0 && alias == q.BaseAlias() {
		return q.baseAliases[:]
	}
	aliases := []string{alias}
	for _, s := range steps {
		j := &Join{Table: s.table, Model: s.model, Parent: alias, LCol: s.lcol.Column, RCol: s.rcol.Column,
			Nullable: s.nullable, Multi: s.multi}
		r := reuse
		if !s.multi {
			r = nil
		}
		if s.filtered != nil {
			j.FilterName = s.filtered.Alias
		}
		alias = q.join(j, r)
		joined := q.alias(alias)
		joined.refs++
		if s.filtered != nil && joined.Filter == nil {
			cond, err := q.filteredCondition(s.filtered, s.model, alias)
			if err != nil {
				q.pathErr = err
			}
			joined.Filter = cond
		}
		aliases = append(aliases, alias)
	}
	return aliases
}

// trimJoins drops trailing forward-FK joins whose target column is already
// available on the parent (filtering on author__id compares book.author_id),
// as Django's trim_joins does. It returns the column to use and the aliases left.
// liveJoins counts the joins something refers to (trimmed ones are not
// rendered).
func (q *Query) liveJoins() int {
	n := 0
	for _, j := range q.joins {
		if j.refs > 0 {
			n++
		}
	}
	return n
}

func (q *Query) trimJoins(p *path, aliases []string) (*Col, []string) {
	field := p.field
	steps := p.steps
	for len(steps) > 0 {
		last := steps[len(steps)-1]
		if !last.direct || last.rcol != field || last.filtered != nil {
			break
		}
		j := q.alias(aliases[len(aliases)-1])
		if j.Filter != nil {
			break
		}
		j.refs--
		field = last.lcol
		steps = steps[:len(steps)-1]
		aliases = aliases[:len(aliases)-1]
	}
	col := &Col{Alias: aliases[len(aliases)-1], Field: field}
	if field.IsRelation() {
		col.Out = field.Kind
	}
	return col, aliases
}
