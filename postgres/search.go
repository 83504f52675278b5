package postgres

import (
	"fmt"
	"regexp"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/exprhook"
)

// SearchOption sets the configuration or weight of a vector or query.
type SearchOption func(*searchConfig)

type searchConfig struct {
	config     string
	weight     string
	searchType string
}

// Config names the text search configuration ("english"), Django's config=.
func Config(name string) SearchOption { return func(c *searchConfig) { c.config = name } }

// Weight sets a vector's weight, "A" to "D".
func Weight(w string) SearchOption { return func(c *searchConfig) { c.weight = w } }

// SearchType sets how a query's text is read: "plain" (the default),
// "phrase", "raw" (tsquery syntax) or "websearch".
func SearchType(t string) SearchOption { return func(c *searchConfig) { c.searchType = t } }

var configName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

func searchOptions(opts []SearchOption) (searchConfig, error) {
	c := searchConfig{searchType: "plain"}
	for _, o := range opts {
		o(&c)
	}
	if c.config != "" && !configName.MatchString(c.config) {
		return c, fmt.Errorf("invalid text search configuration %q", c.config)
	}
	switch c.weight {
	case "", "A", "B", "C", "D":
	default:
		return c, fmt.Errorf("weight %q: use A, B, C or D", c.weight)
	}
	return c, nil
}

// SearchVector is the text of fields (paths or expressions) as a tsvector
// (Django's SearchVector): each value cast to text, NULL as "", joined by
// spaces.
func SearchVector(fields []any, opts ...SearchOption) *orm.Expr {
	c, err := searchOptions(opts)
	if err != nil || len(fields) == 0 {
		if err == nil {
			err = fmt.Errorf("SearchVector needs at least one field")
		}
		return errorExpr("SearchVector", err)
	}
	tmpl := "TO_TSVECTOR("
	args := []any{}
	if c.config != "" {
		tmpl += "{0}::regconfig, "
		args = append(args, orm.Value(c.config))
	}
	for i, f := range fields {
		if i > 0 {
			tmpl += " || ' ' || "
		}
		tmpl += fmt.Sprintf("COALESCE(({%d})::text, '')", len(args))
		args = append(args, f)
	}
	tmpl += ")"
	if c.weight != "" {
		tmpl = "SETWEIGHT(" + tmpl + ", '" + c.weight + "')"
	}
	return orm.FuncDef{Name: "TO_TSVECTOR", Template: tmpl, Output: "TextField", Dialects: pg}.Call(args...)
}

var queryFuncs = map[string]string{
	"plain": "PLAINTO_TSQUERY", "phrase": "PHRASETO_TSQUERY", "raw": "TO_TSQUERY", "websearch": "WEBSEARCH_TO_TSQUERY",
}

// SearchQuery is text to look for, as a tsquery (Django's SearchQuery).
func SearchQuery(text string, opts ...SearchOption) *orm.Expr {
	c, err := searchOptions(opts)
	if err != nil {
		return errorExpr("SearchQuery", err)
	}
	fn, ok := queryFuncs[c.searchType]
	if !ok {
		return errorExpr("SearchQuery", fmt.Errorf("search type %q: use plain, phrase, raw or websearch", c.searchType))
	}
	if c.config != "" {
		return orm.FuncDef{Name: fn, Template: "{function}({0}::regconfig, {1})", Output: "TextField", Dialects: pg}.
			Call(orm.Value(c.config), orm.Value(text))
	}
	return orm.FuncDef{Name: fn, Template: "{function}({0}::text)", Output: "TextField", Dialects: pg}.Call(orm.Value(text))
}

// SearchRank ranks how well vector matches query (Django's SearchRank,
// ts_rank).
func SearchRank(vector, query *orm.Expr) *orm.Expr {
	return orm.FuncDef{Name: "TS_RANK", Output: "FloatField", Dialects: pg}.Call(vector, query)
}

// Matches is the condition that vector matches query (vector @@ query),
// for Filter: Filter(postgres.Matches(postgres.SearchVector(...), postgres.SearchQuery("go"))).
func Matches(vector, query *orm.Expr) *orm.Expr {
	return orm.FuncDef{Name: "MATCHES", Template: "({0} @@ {1})", Output: "BooleanField", Dialects: pg}.Call(vector, query)
}

// errorExpr is an expression that carries err: using it fails the query
// with ErrInvalidQuery.
func errorExpr(name string, err error) *orm.Expr {
	return exprhook.Fail(name + ": " + err.Error()).(*orm.Expr)
}
