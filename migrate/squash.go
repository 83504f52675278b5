package migrate

import (
	"fmt"
	"strconv"
	"strings"
)

// Squash returns the migration that replaces the migrations of set from
// from ("" for the first) to to, as Django's squashmigrations: their
// operations in order, optimized (Optimize), depending on what the range
// depends on outside it, with Replaces naming the range. name is the
// suffix of its name; "" gives Django's 0001_squashed_0004_x (or
// 0002_x_squashed_0004_y when from is given).
//
// Keep the replaced migrations until every database has applied the
// squash (migrate treats a database that applied them all as having
// applied it, and the reverse), then delete them and drop Replaces. A
// range holding a squashed migration or a RunGo operation (a Go function
// cannot be written into a file) is refused: squash the ranges around it.
func Squash(set *Set, from, to, name string) (*Migration, error) {
	ms, err := squashRange(set, from, to)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	var ops []Operation
	var replaces []string
	for _, m := range ms {
		in[m.Name] = true
		replaces = append(replaces, m.Name)
		ops = append(ops, m.Operations...)
	}
	var deps []string
	for _, m := range ms {
		for _, d := range m.Dependencies {
			if !in[d] {
				deps = appendNew(deps, d)
			}
		}
	}
	number := "0001"
	if from != "" {
		number = ms[0].Name[:4]
	}
	switch {
	case name != "":
		name = number + "_" + name
	case from != "":
		name = ms[0].Name + "_squashed_" + ms[len(ms)-1].Name
	default:
		name = "0001_squashed_" + ms[len(ms)-1].Name
	}
	if !validName.MatchString(name) {
		return nil, fmt.Errorf("migrate: squashed migration name %q must be letters, digits or _", name)
	}
	if m, _ := set.Get(name); m != nil && m.Name == name {
		return nil, fmt.Errorf("migrate: %s: a migration %s exists already; give the squash another name", set.App, name)
	}
	out := &Migration{Name: name, Dependencies: deps, Operations: Optimize(ops), Replaces: replaces}
	if err := sameEffect(set, ms, out.Operations); err != nil {
		out.Operations = ops // the optimizer is wrong about these: keep them as they were
	}
	return out, nil
}

// squashRange returns the migrations from `from` to `to` of the history
// ending at `to`, in order.
func squashRange(set *Set, from, to string) ([]*Migration, error) {
	g, err := set.graph(nil)
	if err != nil {
		return nil, err
	}
	last, err := g.get(to)
	if err != nil {
		return nil, err
	}
	anc := g.ancestors(last)
	var ms []*Migration
	for _, m := range g.ms {
		if anc[m.Name] {
			ms = append(ms, m)
		}
	}
	if from != "" {
		first, err := g.get(from)
		if err != nil {
			return nil, err
		}
		i := indexOf(ms, first.Name)
		if i < 0 {
			return nil, fmt.Errorf("migrate: %s: %s comes after %s (or is not before it); squash from an earlier migration", set.App, first.Name, last.Name)
		}
		ms = ms[i:]
	}
	for _, m := range ms {
		if len(m.Replaces) > 0 {
			return nil, fmt.Errorf("migrate: %s: %s is itself a squash (it replaces %s); squashing squashed migrations is refused, as in Django: "+
				"once every database applied it, delete the migrations it replaces and its Replaces line, then squash", set.App, m.Name, strings.Join(m.Replaces, ", "))
		}
		for i, op := range m.Operations {
			if _, ok := op.(RunGo); ok {
				return nil, fmt.Errorf("migrate: %s: %s, operation %d is RunGo, whose function cannot be written into a file; "+
					"squash the migrations before it and after it separately", set.App, m.Name, i+1)
			}
		}
	}
	if len(ms) < 2 {
		return nil, fmt.Errorf("migrate: %s: nothing to squash from %q to %s: give a range of two or more migrations", set.App, from, last.Name)
	}
	return ms, nil
}

func indexOf(ms []*Migration, name string) int {
	for i, m := range ms {
		if m.Name == name {
			return i
		}
	}
	return -1
}

// sameEffect checks that ops replay, from the state before the range,
// to the state the range leaves.
func sameEffect(set *Set, ms []*Migration, ops []Operation) error {
	g, err := set.graph(nil)
	if err != nil {
		return err
	}
	anc := g.ancestors(ms[len(ms)-1])
	in := map[string]bool{}
	for _, m := range ms {
		in[m.Name] = true
	}
	var before []*Migration
	for _, m := range g.ms {
		if anc[m.Name] && !in[m.Name] {
			before = append(before, m)
		}
	}
	start, err := replay(NewState(), before)
	if err != nil {
		return err
	}
	want, err := replay(start.Clone(), ms)
	if err != nil {
		return err
	}
	got, err := replay(start.Clone(), []*Migration{{Name: "squash", Operations: ops}})
	if err != nil {
		return err
	}
	if d := Differences(got, want); d != "" {
		return fmt.Errorf("optimized operations differ: %s", d)
	}
	return nil
}

// SquashFile describes the file of a squashed migration for File.Source.
func SquashFile(pkg, setVar string, m *Migration) File {
	n, _ := strconv.Atoi(m.Name[:4])
	return File{Package: pkg, SetVar: setVar, Number: n, Name: m.Name[5:], Deps: m.Dependencies, Ops: m.Operations, Replaces: m.Replaces}
}
