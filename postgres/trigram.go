package postgres

import (
	"context"
	"fmt"
	"regexp"

	"github.com/djorm/orm"
	"github.com/djorm/orm/migrate"
)

// TrigramSimilarity is how alike expr and text are, 0 to 1 (pg_trgm's
// SIMILARITY, Django's TrigramSimilarity).
func TrigramSimilarity(expr any, text string) *orm.Expr {
	return orm.FuncDef{Name: "SIMILARITY", Output: "FloatField", Dialects: pg}.Call(expr, orm.Value(text))
}

// TrigramDistance is 1 - TrigramSimilarity (the <-> operator).
func TrigramDistance(expr any, text string) *orm.Expr {
	return orm.FuncDef{Name: "TRIGRAM_DISTANCE", Template: "({0} <-> {1})", Output: "FloatField", Dialects: pg}.Call(expr, orm.Value(text))
}

// TrigramWordSimilarity is how alike text and the most similar part of
// expr are (WORD_SIMILARITY).
func TrigramWordSimilarity(expr any, text string) *orm.Expr {
	return orm.FuncDef{Name: "WORD_SIMILARITY", Template: "{function}({1}, {0})", Output: "FloatField", Dialects: pg}.
		Call(expr, orm.Value(text))
}

// The lookups and transforms of the package, registered on import.
func init() {
	text := []string{"CharField", "TextField"}
	regs := []struct {
		name string
		def  orm.LookupDef
	}{
		// Django's search lookup on a text field: to_tsvector(field) @@ plainto_tsquery(value).
		{"search", orm.LookupDef{Template: "TO_TSVECTOR(COALESCE({lhs}, '')) @@ PLAINTO_TSQUERY({rhs}::text)", Dialects: pg}},
		{"trigram_similar", orm.LookupDef{Template: "{lhs} % {rhs}", Dialects: pg}},
		{"trigram_word_similar", orm.LookupDef{Template: "{rhs} <% {lhs}", Dialects: pg}},
		{"unaccent", orm.LookupDef{Function: "UNACCENT", Transform: true, Dialects: pg}},
	}
	for _, kind := range text {
		for _, r := range regs {
			if err := orm.RegisterLookup(kind, r.name, r.def); err != nil {
				panic(fmt.Sprintf("postgres: registering %s: %v", r.name, err))
			}
		}
	}
}

var extensionName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// CreateExtension is the migration operation that installs a PostgreSQL
// extension if missing (Django's CreateExtension: pg_trgm, unaccent,
// btree_gin, ...); other backends skip it. Its reverse drops it. An
// invalid name gives an operation that fails when it runs, naming it.
func CreateExtension(name string) migrate.Operation {
	if !extensionName.MatchString(name) {
		fail := func(context.Context, *orm.DB, *migrate.State) error {
			return fmt.Errorf("postgres.CreateExtension: invalid extension name %q (lower-case letters, digits, _)", name)
		}
		return migrate.RunGo{Forward: fail, Backward: fail, Description: "invalid CreateExtension"}
	}
	return migrate.RunSQL{
		SQL:        []orm.SQLText{orm.SQLText("CREATE EXTENSION IF NOT EXISTS " + name)},
		ReverseSQL: []orm.SQLText{orm.SQLText("DROP EXTENSION IF EXISTS " + name)},
		Dialects:   pg,
	}
}
