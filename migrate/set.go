package migrate

import (
	"fmt"
	"regexp"
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
// an unknown migration, or a cycle.
func (s *Set) Ordered() ([]*Migration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) > 0 {
		return nil, s.errs[0]
	}
	var out []*Migration
	state := map[string]int{}
	var visit func(n string, path []string) error
	visit = func(n string, path []string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("migrate: %s: dependency cycle %s -> %s", s.App, strings.Join(path, " -> "), n)
		case 2:
			return nil
		}
		m := s.byN[n]
		state[n] = 1
		for _, d := range m.Dependencies {
			if s.byN[d] == nil {
				return fmt.Errorf("migrate: %s: %s depends on %s, which is not registered; migrations: %s",
					s.App, n, d, strings.Join(s.namesLocked(), ", "))
			}
			if err := visit(d, append(path, n)); err != nil {
				return err
			}
		}
		state[n] = 2
		out = append(out, m)
		return nil
	}
	for _, n := range s.namesLocked() {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Leaves returns the migrations nothing depends on, sorted. More than one
// is a conflict: two branches of history to merge (a migration depending
// on both).
func (s *Set) Leaves() ([]string, error) {
	ms, err := s.Ordered()
	if err != nil {
		return nil, err
	}
	parent := map[string]bool{}
	for _, m := range ms {
		for _, d := range m.Dependencies {
			parent[d] = true
		}
	}
	var out []string
	for _, m := range ms {
		if !parent[m.Name] {
			out = append(out, m.Name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// State replays the whole history: the state the latest migrations leave.
func (s *Set) State() (*State, error) {
	ms, err := s.Ordered()
	if err != nil {
		return nil, err
	}
	return replay(NewState(), ms)
}

// StateBefore replays the migrations the named one depends on
// (transitively): the state its operations start from.
func (s *Set) StateBefore(name string) (*State, error) {
	m, err := s.Get(name)
	if err != nil {
		return nil, err
	}
	ms, err := s.Ordered()
	if err != nil {
		return nil, err
	}
	anc := s.ancestors(m)
	var keep []*Migration
	for _, x := range ms {
		if anc[x.Name] && x != m {
			keep = append(keep, x)
		}
	}
	return replay(NewState(), keep)
}

// ancestors names m and every migration it depends on, transitively.
func (s *Set) ancestors(m *Migration) map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	var walk func(n string)
	walk = func(n string) {
		if out[n] {
			return
		}
		out[n] = true
		if x := s.byN[n]; x != nil {
			for _, d := range x.Dependencies {
				walk(d)
			}
		}
	}
	walk(m.Name)
	return out
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
