package migrate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/djorm/orm/dialects"
)

// Export formats for teams on other tools.
const (
	// GolangMigrate writes NNNN_name.up.sql and NNNN_name.down.sql
	// (github.com/golang-migrate/migrate).
	GolangMigrate = "golang-migrate"
	// Goose writes NNNN_name.sql with -- +goose Up / Down sections
	// (github.com/pressly/goose).
	Goose = "goose"
)

// Export writes every migration of set as SQL files of a format for the
// dialect d into dir, and returns the paths written. RunGo operations have
// no SQL: their place is marked by a comment, and the export fails
// unless allowGo is set.
func Export(d dialects.Dialect, set *Set, format, dir string, allowGo bool) ([]string, error) {
	if format != GolangMigrate && format != Goose {
		return nil, fmt.Errorf("migrate: unknown export format %q; formats: %s, %s", format, GolangMigrate, Goose)
	}
	ms, err := set.Ordered()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, m := range ms {
		up, err := exportSQL(d, set, m, false, allowGo)
		if err != nil {
			return nil, err
		}
		down, err := exportSQL(d, set, m, true, allowGo)
		if err != nil {
			return nil, err
		}
		files := map[string]string{m.Name + ".up.sql": plain(up), m.Name + ".down.sql": plain(down)}
		if format == Goose {
			files = map[string]string{m.Name + ".sql": "-- +goose Up\n" + goose(up) + "\n-- +goose Down\n" + goose(down)}
		}
		for _, name := range sortedKeys(files) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
				return nil, err
			}
			paths = append(paths, p)
		}
	}
	return paths, nil
}

// exportSQL renders a migration's statements one way, without BEGIN and
// COMMIT (the tools wrap them themselves). Comments start with "--".
func exportSQL(d dialects.Dialect, set *Set, m *Migration, back, allowGo bool) ([]string, error) {
	stmts, err := SQL(d, set, m.Name, back)
	if errors.Is(err, ErrIrreversible) {
		return []string{"-- irreversible: " + err.Error()}, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range stmts {
		switch {
		case s == "BEGIN" || s == "COMMIT":
			continue
		case strings.HasPrefix(s, "-- RunGo") && !allowGo:
			return nil, fmt.Errorf("migrate: %s holds Go code (%s), which SQL files cannot carry; allow Go code to leave a comment in its place", m.Name, s[3:])
		}
		out = append(out, s)
	}
	return out, nil
}

// plain writes statements one per line, each ended by a semicolon.
func plain(stmts []string) string {
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString(s)
		if !strings.HasPrefix(s, "--") {
			b.WriteString(";")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// goose wraps each statement in StatementBegin/End: goose would split a
// statement holding a semicolon (a CHECK, a literal) otherwise.
func goose(stmts []string) string {
	var b strings.Builder
	for _, s := range stmts {
		if strings.HasPrefix(s, "--") {
			b.WriteString(s + "\n")
			continue
		}
		b.WriteString("-- +goose StatementBegin\n" + s + ";\n-- +goose StatementEnd\n")
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
