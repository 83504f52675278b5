package postgres

import (
	"net/url"
	"strings"

	"github.com/djorm/orm/dialects"
)

// ShellCommand runs psql on the DSN. A URL's search_path, which psql does
// not take as a parameter, becomes options=-csearch_path=...; drivers'
// own parameters are dropped.
func (backend) ShellCommand(dsn string) (string, []string, error) {
	if !strings.Contains(dsn, "://") {
		return "psql", []string{dsn}, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	if sp := q.Get("search_path"); sp != "" {
		q.Del("search_path")
		q.Set("options", "-csearch_path="+sp)
	}
	for _, k := range []string{"binary_parameters", "disable_prepared_binary_result", "default_query_exec_mode", "statement_cache_capacity"} {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	return "psql", []string{u.String()}, nil
}

var _ dialects.Shell = backend{}
