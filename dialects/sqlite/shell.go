package sqlite

import (
	"strings"

	"github.com/djorm/orm/dialects"
)

// ShellCommand runs sqlite3 on the DSN's file (file:path?params or a path).
func (backend) ShellCommand(dsn string) (string, []string, error) {
	path := strings.TrimPrefix(dsn, "file:")
	path, _, _ = strings.Cut(path, "?")
	return "sqlite3", []string{path}, nil
}

var _ dialects.Shell = backend{}
