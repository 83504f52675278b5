package sqlq

import (
	"fmt"
	"sort"
	"strings"

	"github.com/djorm/orm/registry"
)

// RelatedNode is one relation followed by select_related.
type RelatedNode struct {
	Name     string
	Field    *registry.Field    // forward ForeignKey / OneToOne on the parent
	Rel      *registry.Relation // reverse one-to-one (Field is nil)
	Model    *registry.Model
	Children []*RelatedNode
	alias    string
	// auto: added by SelectRelated() without names (every non-null key),
	// which Only and Defer may override without an error, as in Django.
	auto bool
}

// AddSelectRelated adds select_related paths; none means every non-null
// foreign key, recursively, as Django does.
func (q *Query) AddSelectRelated(paths []string) error {
	if q.Related == nil {
		q.Related = &RelatedNode{Model: q.Model}
	}
	if len(paths) == 0 {
		addAllRelated(q.Related, 0)
		return nil
	}
	for _, p := range paths {
		node := q.Related
		for _, name := range strings.Split(p, "__") {
			child, err := relatedChild(node, name)
			if err != nil {
				return err
			}
			node = child
		}
	}
	return nil
}

func relatedChild(node *RelatedNode, name string) (*RelatedNode, error) {
	for _, c := range node.Children {
		if c.Name == name {
			return c, nil
		}
	}
	m := node.Model
	if f := m.Field(name); f != nil && f.ParentLink && f.Name == name {
		return node, nil // the parent's columns are loaded with the child's
	}
	c := &RelatedNode{Name: name}
	if f := m.Field(name); f != nil && f.IsRelation() && f.Name == name {
		c.Field, c.Model = f, f.Rel.To()
	} else if rel := m.ReverseByQueryName(name); rel != nil && rel.Kind == registry.OneToOne {
		c.Rel, c.Model = rel, rel.From
	} else {
		choices := relatedChoices(m)
		return nil, &FieldError{Model: m.TypeName, Name: name, Choices: choices, Msg: fmt.Sprintf(
			"Invalid field name(s) given in select_related: '%s'. Choices are: %s", name, strings.Join(choices, ", "))}
	}
	node.Children = append(node.Children, c)
	return c, nil
}

func relatedChoices(m *registry.Model) []string {
	var out []string
	for _, f := range m.Fields {
		if f.IsRelation() {
			out = append(out, f.Name)
		}
	}
	for _, r := range m.Reverse() {
		if r.Kind == registry.OneToOne && r.RelatedName != "+" {
			out = append(out, r.RelatedQueryName)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		out = []string{"(none)"}
	}
	return out
}

func addAllRelated(node *RelatedNode, depth int) {
	if depth >= 5 {
		return
	}
	for _, f := range node.Model.Fields {
		if f.IsRelation() && !f.Null {
			known := len(node.Children)
			c, _ := relatedChild(node, f.Name)
			if len(node.Children) > known {
				c.auto = true
			}
			addAllRelated(c, depth+1)
		}
	}
}

// setupRelatedJoins joins every select_related table: INNER for a
// non-null forward key (LEFT OUTER where the dialect prefers it), LEFT
// OUTER for nullable and reverse relations and below a LEFT OUTER join.
func (q *Query) setupRelatedJoins(node *RelatedNode, parent string) {
	for _, c := range node.Children {
		var j *Join
		if c.Field != nil {
			j = &Join{Table: c.Model.Table, Model: c.Model, Parent: q.fieldAlias(parent, node.Model, c.Field), LCol: c.Field.Column,
				RCol: c.Field.Rel.ToField().Column, Nullable: c.Field.Null || q.D.Features().LeftJoinRelated}
		} else {
			j = &Join{Table: c.Model.Table, Model: c.Model, Parent: q.fieldAlias(parent, node.Model, c.Rel.ToField()), LCol: c.Rel.ToField().Column,
				RCol: c.Rel.Field.Column, Nullable: true}
		}
		c.alias = q.join(j, nil)
		q.alias(c.alias).refs++
		q.setupRelatedJoins(c, c.alias)
	}
}
