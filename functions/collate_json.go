package functions

import (
	"regexp"
	"sort"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/exprhook"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

var collationName = regexp.MustCompile(`^[\w-]+$`)

// Collate gives arg the collation name for comparison and ordering
// (Django's Collate): `name COLLATE "nocase"`, the name quoted as an
// identifier of the backend. Names are letters, digits, _ and - only.
func Collate(arg any, collation string) *orm.Expr {
	if !collationName.MatchString(collation) {
		return fail("Collate: invalid collation name %q (letters, digits, _ and - only)", collation)
	}
	s, err := exprhook.Arg(arg)
	if err != nil {
		return fail("Collate: %v", err)
	}
	return exprhook.Wrap(&sqlq.CollateSpec{E: s, Collation: collation}).(*orm.Expr)
}

// JSONObject builds a JSON object from fields, key -> field path,
// expression or value (Django's JSONObject): JSONB_BUILD_OBJECT on
// PostgreSQL, JSON_OBJECT elsewhere. Keys are written in sorted order;
// the result is a JSON value (a map when scanned into any).
func JSONObject(fields map[string]any) *orm.Expr {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		args = append(args, orm.Value(k), fields[k])
	}
	return call("JSONObject", registry.JSON, 0, args...)
}
