package migrate

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Migration is one migration: operations applied in order, after the
// migrations it depends on (names in the same Set).
type Migration struct {
	Name         string
	Dependencies []string
	Operations   []Operation
	// Atomic false runs the operations outside a transaction even where
	// the backend has transactional DDL (Django's atomic = False).
	NonAtomic bool
	// Replaces names the migrations a squashed migration stands for
	// (squashmigrations writes it): a database that applied all of them
	// has applied it, one that applied it has applied them.
	Replaces []string
}

// Set holds the migrations of one app, registered by the generated files
// of its package (func init() { Migrations.Register(&migrate.Migration{...}) }).
// It is the only registry: a program may hold several sets.
type Set struct {
	App string

	mu   sync.Mutex
	byN  map[string]*Migration
	errs []error
}

// NewSet returns an empty set for app (recorded in djorm_migrations).
func NewSet(app string) *Set { return &Set{App: app, byN: map[string]*Migration{}} }

var validName = regexp.MustCompile(`^[0-9]{4}_[A-Za-z0-9_]+$`)

// Register adds a migration. It is meant for init functions and never
// panics: a bad migration (duplicate or malformed name) is reported by
// every later use of the set.
func (s *Set) Register(m *Migration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case m == nil:
		s.errs = append(s.errs, fmt.Errorf("migrate: %s: Register(nil)", s.App))
	case !validName.MatchString(m.Name):
		s.errs = append(s.errs, fmt.Errorf("migrate: %s: migration name %q must look like 0001_initial (four digits, an underscore, letters, digits or _)", s.App, m.Name))
	case s.byN[m.Name] != nil:
		s.errs = append(s.errs, fmt.Errorf("migrate: %s: migration %s registered twice", s.App, m.Name))
	default:
		s.byN[m.Name] = m
	}
}

// Get returns the migration called name (or the only one starting with
// name, as Django accepts a prefix: "0002").
func (s *Set) Get(name string) (*Migration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.byN[name]; m != nil {
		return m, nil
	}
	var found []*Migration
	for n, m := range s.byN {
		if strings.HasPrefix(n, name) {
			found = append(found, m)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("migrate: %s has no migration %q; migrations: %s", s.App, name, strings.Join(s.namesLocked(), ", "))
	}
	return nil, fmt.Errorf("migrate: %q names several migrations of %s; give more of the name", name, s.App)
}

func (s *Set) namesLocked() []string {
	out := make([]string, 0, len(s.byN))
	for n := range s.byN {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Ordered returns the migrations in an order that keeps dependencies
// first (ties by name), or the set's registration errors, a dependency on
// an unknown migration, or a cycle. A squashed migration (Replaces)
// stands for the migrations it replaces, which are left out and whose
// dependents depend on it instead; see graph for when a database that
// applied some of them keeps the originals.
func (s *Set) Ordered() ([]*Migration, error) {
	g, err := s.graph(nil)
	if err != nil {
		return nil, err
	}
	return g.ms, nil
}

// Leaves returns the migrations nothing depends on, sorted. More than one
// is a conflict: two branches of history to merge (a migration depending
// on both, which makemigrations -merge writes).
func (s *Set) Leaves() ([]string, error) {
	g, err := s.graph(nil)
	if err != nil {
		return nil, err
	}
	return g.leaves(), nil
}

// Conflict returns an error naming the leaves when the history has
// branched (Django's detect_conflicts), nil when it has one leaf or none.
func (s *Set) Conflict() error {
	leaves, err := s.Leaves()
	if err != nil || len(leaves) < 2 {
		return err
	}
	return &ConflictError{App: s.App, Leaves: leaves}
}

// ConflictError reports a history with several leaf migrations: two
// developers each added a migration after the same one.
type ConflictError struct {
	App    string
	Leaves []string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("migrate: conflicting migrations in %s: %s are all leaves (each the last of its branch of history); "+
		"run makemigrations -merge to write a migration that depends on all of them", e.App, strings.Join(e.Leaves, ", "))
}

// State replays the whole history: the state the latest migrations leave.
func (s *Set) State() (*State, error) {
	g, err := s.graph(nil)
	if err != nil {
		return nil, err
	}
	return replay(NewState(), g.ms)
}

// StateBefore replays the migrations the named one depends on
// (transitively): the state its operations start from.
func (s *Set) StateBefore(name string) (*State, error) {
	g, err := s.graph(nil)
	if err != nil {
		return nil, err
	}
	m, err := g.get(name)
	if err != nil {
		return nil, err
	}
	return g.stateBefore(m)
}

// graph is the history as one database sees it: each squashed migration
// either stands for the migrations it replaces or is left out for them,
// and dependencies on what is left out point at what stands for it.
type graph struct {
	set *Set
	ms  []*Migration // dependencies first
	byN map[string]*Migration
	// replacedBy maps a replaced migration left out to the squash in use;
	// expanded maps a squash left out to the replaced migrations in use.
	replacedBy map[string]string
	expanded   map[string][]string
}

// graph resolves the squashed migrations as Django's loader does: a
// squash is used when none or all of the migrations it replaces are
// applied (applied nil: none are), else the originals are, so a database
// part way through them finishes them first. A squash whose originals
// are gone (deleted once every database applied it) is always used.
func (s *Set) graph(applied map[string]*Record) (*graph, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) > 0 {
		return nil, s.errs[0]
	}
	g := &graph{set: s, byN: map[string]*Migration{}, replacedBy: map[string]string{}, expanded: map[string][]string{}}
	for n, m := range s.byN {
		g.byN[n] = m
	}
	for _, n := range s.namesLocked() {
		sq := s.byN[n]
		if len(sq.Replaces) == 0 {
			continue
		}
		var present []string
		done := 0
		for _, r := range sq.Replaces {
			if s.byN[r] != nil {
				present = append(present, r)
			}
			if applied[r] != nil {
				done++
			}
		}
		if done == 0 || done == len(sq.Replaces) || len(present) == 0 {
			for _, r := range sq.Replaces {
				delete(g.byN, r)
				g.replacedBy[r] = n
			}
			continue
		}
		if len(present) < len(sq.Replaces) {
			return nil, fmt.Errorf("migrate: %s: %d of the %d migrations %s replaces are applied, and some of the others are no longer registered; "+
				"restore them (git history) and migrate to finish them, then remove them again", s.App, done, len(sq.Replaces), n)
		}
		delete(g.byN, n)
		g.expanded[n] = present
	}
	g.redirect()
	return g, g.order()
}

// redirect points dependencies on left-out migrations at what stands
// for them: a replaced one's squash, a squash's last originals.
func (g *graph) redirect() {
	for n, m := range g.byN {
		var deps []string
		changed := false
		for _, d := range m.Dependencies {
			switch {
			case g.replacedBy[d] != "":
				deps, changed = appendNew(deps, g.replacedBy[d]), true
			case g.expanded[d] != nil:
				for _, r := range g.set.lastOf(g.expanded[d]) {
					deps = appendNew(deps, r)
				}
				changed = true
			default:
				deps = appendNew(deps, d)
			}
		}
		if changed {
			c := *m
			c.Dependencies = slices.DeleteFunc(deps, func(d string) bool { return d == n })
			g.byN[n] = &c
		}
	}
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// lastOf returns the migrations of names no other of them depends on.
func (s *Set) lastOf(names []string) []string {
	dep := map[string]bool{}
	for _, n := range names {
		for _, d := range s.byN[n].Dependencies {
			dep[d] = true
		}
	}
	var out []string
	for _, n := range names {
		if !dep[n] {
			out = append(out, n)
		}
	}
	return out
}

// order sorts the graph's migrations, dependencies first, ties by name.
func (g *graph) order() error {
	names := make([]string, 0, len(g.byN))
	for n := range g.byN {
		names = append(names, n)
	}
	sort.Strings(names)
	state := map[string]int{}
	var visit func(n string, path []string) error
	visit = func(n string, path []string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("migrate: %s: dependency cycle %s -> %s", g.set.App, strings.Join(path, " -> "), n)
		case 2:
			return nil
		}
		m := g.byN[n]
		state[n] = 1
		for _, d := range m.Dependencies {
			if g.byN[d] == nil {
				return fmt.Errorf("migrate: %s: %s depends on %s, which is not registered; migrations: %s",
					g.set.App, n, d, strings.Join(names, ", "))
			}
			if err := visit(d, append(path, n)); err != nil {
				return err
			}
		}
		state[n] = 2
		g.ms = append(g.ms, m)
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return err
		}
	}
	return nil
}

// get returns the graph's migration called name (or the only one
// starting with name); a migration left out names what stands for it.
func (g *graph) get(name string) (*Migration, error) {
	m, err := g.set.Get(name)
	if err != nil {
		return nil, err
	}
	if x := g.byN[m.Name]; x != nil {
		return x, nil
	}
	if sq := g.replacedBy[m.Name]; sq != "" {
		return nil, fmt.Errorf("migrate: %s: %s is replaced by the squashed migration %s, which stands for it here; name %s or a migration outside the squashed range",
			g.set.App, m.Name, sq, sq)
	}
	return nil, fmt.Errorf("migrate: %s: the squashed migration %s is not used here: the database applied only some of the migrations it replaces (%s); name one of those",
		g.set.App, m.Name, strings.Join(g.expanded[m.Name], ", "))
}

// leaves returns the migrations nothing depends on, sorted.
func (g *graph) leaves() []string {
	parent := map[string]bool{}
	for _, m := range g.ms {
		for _, d := range m.Dependencies {
			parent[d] = true
		}
	}
	var out []string
	for _, m := range g.ms {
		if !parent[m.Name] {
			out = append(out, m.Name)
		}
	}
	sort.Strings(out)
	return out
}

// ancestors names m and every migration of the graph it depends on,
// transitively.
func (g *graph) ancestors(m *Migration) map[string]bool {
	out := map[string]bool{}
	var walk func(n string)
	walk = func(n string) {
		if out[n] {
			return
		}
		out[n] = true
		if x := g.byN[n]; x != nil {
			for _, d := range x.Dependencies {
				walk(d)
			}
		}
	}
	walk(m.Name)
	return out
}

// stateBefore replays the migrations m depends on (transitively).
func (g *graph) stateBefore(m *Migration) (*State, error) {
	anc := g.ancestors(m)
	var keep []*Migration
	for _, x := range g.ms {
		if anc[x.Name] && x.Name != m.Name {
			keep = append(keep, x)
		}
	}
	return replay(NewState(), keep)
}

func replay(st *State, ms []*Migration) (*State, error) {
	for _, m := range ms {
		for i, op := range m.Operations {
			if err := op.StateForwards(st); err != nil {
				return nil, fmt.Errorf("migrate: %s, operation %d (%s): %w", m.Name, i+1, op.Describe(), err)
			}
		}
	}
	return st, nil
}

// all returns every registered migration, squashed or replaced, sorted
// by name.
func (s *Set) all() ([]*Migration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) > 0 {
		return nil, s.errs[0]
	}
	out := make([]*Migration, 0, len(s.byN))
	for _, n := range s.namesLocked() {
		out = append(out, s.byN[n])
	}
	return out, nil
}

// sqlGraph is the history sqlmigrate renders name in: squashes in use,
// unless name is one of the migrations a squash replaces.
func (s *Set) sqlGraph(name string) (*graph, error) {
	m, err := s.Get(name)
	if err != nil {
		return nil, err
	}
	g, err := s.graph(nil)
	if err != nil || g.byN[m.Name] != nil {
		return g, err
	}
	// Render the originals: as a database that applied the first of them.
	sq := g.replacedBy[m.Name]
	x, _ := s.Get(sq)
	return s.graph(map[string]*Record{x.Replaces[0]: {}})
}
