package migrate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djorm/orm/migrate"
	"github.com/djorm/orm/migrate/internal/history/migrations"
)

// squashHistory squashes the whole history of internal/history.
func squashHistory(t *testing.T) *migrate.Migration {
	t.Helper()
	leaves, err := migrations.Migrations.Leaves()
	if err != nil {
		t.Fatal(err)
	}
	sq, err := migrate.Squash(migrations.Migrations, "", leaves[0], "")
	if err != nil {
		t.Fatal(err)
	}
	return sq
}

// The squash of the history replays to the state the history leaves,
// in fewer operations, and its file is the golden one.
func TestSquashHistory(t *testing.T) {
	sq := squashHistory(t)
	ms, _ := migrations.Migrations.Ordered()
	n := 0
	for _, m := range ms {
		n += len(m.Operations)
	}
	if len(sq.Operations) >= n {
		t.Errorf("squash has %d operations, the history %d: nothing optimized", len(sq.Operations), n)
	}
	if len(sq.Replaces) != len(ms) || len(sq.Dependencies) != 0 || !strings.HasPrefix(sq.Name, "0001_squashed_0003_") {
		t.Errorf("squash %s replaces %v, depends on %v", sq.Name, sq.Replaces, sq.Dependencies)
	}
	want, _ := migrations.Migrations.State()
	s := migrate.NewSet("squashed")
	s.Register(sq)
	got, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	if d := migrate.Differences(got, want); d != "" {
		t.Errorf("squash leaves another state: %s", d)
	}
	src, err := migrate.SquashFile("migrations", "Migrations", sq).Source()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "squash", "history.go.txt")
	if *update {
		_ = os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if old, err := os.ReadFile(golden); err != nil || !bytes.Equal(old, src) {
		t.Errorf("squash differs from %s (%v):\n%s", golden, err, src)
	}
}
