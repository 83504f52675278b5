package migrate

import (
	"fmt"
	"strconv"
	"strings"
)

// Branch is one branch of a conflict: a leaf and the migrations only it
// holds (after the last one the branches share), in order.
type Branch struct {
	Leaf       string
	Migrations []*Migration
}

// Branches returns the branches of a history with several leaves (see
// Set.Conflict), or none.
func Branches(set *Set) ([]Branch, error) {
	g, err := set.graph(nil)
	if err != nil {
		return nil, err
	}
	leaves := g.leaves()
	if len(leaves) < 2 {
		return nil, nil
	}
	// A migration every leaf depends on is common history.
	common := map[string]int{}
	for _, l := range leaves {
		for n := range g.ancestors(g.byN[l]) {
			common[n]++
		}
	}
	var out []Branch
	for _, l := range leaves {
		b := Branch{Leaf: l}
		anc := g.ancestors(g.byN[l])
		for _, m := range g.ms {
			if anc[m.Name] && common[m.Name] < len(leaves) {
				b.Migrations = append(b.Migrations, m)
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// Merge returns the migration that merges the leaves of a branched
// history, as Django's makemigrations --merge: no operations, depending on
// every leaf, named %04d_merge_<leaves> (or %04d_<name>) after the
// highest number there is. It fails when the history has one leaf, and
// when the branches cannot both apply (each changes what the other
// changes: the state of one then the other does not replay).
func Merge(set *Set, name string) (*Migration, error) {
	branches, err := Branches(set)
	if err != nil {
		return nil, err
	}
	if len(branches) == 0 {
		return nil, fmt.Errorf("migrate: %s: no conflicts to merge (the history has one leaf)", set.App)
	}
	ms, err := set.all()
	if err != nil {
		return nil, err
	}
	number := 0
	for _, m := range ms {
		if n, err := strconv.Atoi(m.Name[:4]); err == nil && n > number {
			number = n
		}
	}
	var leaves []string
	for _, b := range branches {
		leaves = append(leaves, b.Leaf)
	}
	if name == "" {
		name = "merge_" + strings.Join(leaves, "_")
		if len(name) > 53 {
			name = fmt.Sprintf("merge_%d_branches", len(leaves))
		}
	}
	m := &Migration{Name: fmt.Sprintf("%04d_%s", number+1, name), Dependencies: leaves}
	if !validName.MatchString(m.Name) {
		return nil, fmt.Errorf("migrate: merge migration name %q must be letters, digits or _", m.Name)
	}
	if _, err := set.State(); err != nil {
		return nil, fmt.Errorf("migrate: %s: the branches %s cannot both apply: %w; change one of them before merging",
			set.App, strings.Join(leaves, ", "), err)
	}
	return m, nil
}
