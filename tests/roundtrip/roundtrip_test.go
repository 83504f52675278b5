package roundtrip_test

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	_ "time/tzdata" // the zones the generator uses, whatever the host has

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

const (
	defaultSeed  = 20240229
	defaultCases = 200
)

func envUint(t *testing.T, name string, def uint64) uint64 {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s, err)
	}
	return n
}

// TestRoundTrip writes generated values of every field kind through every
// write path on every backend and reads them back (see the package doc).
func TestRoundTrip(t *testing.T) {
	seed := envUint(t, "DJORM_ROUNDTRIP_SEED", defaultSeed)
	n := int(envUint(t, "DJORM_ROUNDTRIP_CASES", defaultCases))
	t.Logf("seed %d (DJORM_ROUNDTRIP_SEED), %d values per field kind (DJORM_ROUNDTRIP_CASES)", seed, n)

	var mu sync.Mutex
	var names []string
	totals := map[string]*counts{}
	t.Cleanup(func() {
		var all counts
		for _, name := range names {
			t.Logf("%-8s %s", name+":", totals[name])
			all.add(*totals[name])
		}
		t.Logf("%-8s %s (seed %d)", "all:", all, seed)
	})

	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		t.Parallel()
		name := t.Name()[strings.LastIndex(t.Name(), "/")+1:]
		be := &backend{name: name, db: db, feat: db.Dialect().Features(), seed: seed}
		var total counts
		for _, k := range kinds() {
			t.Run(k.model, func(t *testing.T) {
				h := newHarness(t, be, k, n)
				k.run(h)
				c, per := h.finish()
				t.Logf("%s: %s", k.name, c)
				for _, path := range []string{pathCreate, pathBulk, pathUpdate, pathF} {
					if p := per[path]; p != nil {
						t.Logf("    %-34s %s", path+":", p)
					}
				}
				total.add(c)
			})
		}
		mu.Lock()
		names = append(names, name)
		totals[name] = &total
		mu.Unlock()
	})
}
