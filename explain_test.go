package orm_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
)

// Explain with formats and options: the prefix each backend gets, a plan
// that parses where a JSON format was asked, and options a backend does
// not know refused before any SQL.
func TestExplainOptions(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		qs := orm.Objects[Book](db).Filter(orm.Q{"price__gt": 10})
		type call struct {
			opts   []orm.ExplainOption
			prefix string // "" : refused
			json   bool
			has    string
		}
		calls := map[string][]call{
			"postgresql": {
				{nil, "EXPLAIN SELECT", false, "Seq Scan"},
				{[]orm.ExplainOption{orm.ExplainFormat("json")}, "EXPLAIN (FORMAT JSON) SELECT", true, "Plan"},
				{[]orm.ExplainOption{orm.ExplainFormat("json"), orm.ExplainAnalyze(), orm.ExplainFlag("verbose", true)},
					"EXPLAIN (FORMAT JSON, ANALYZE true, VERBOSE true) SELECT", true, "Actual Total Time"},
				{[]orm.ExplainOption{orm.ExplainFlag("costs", false)}, "EXPLAIN (COSTS false) SELECT", false, "Seq Scan"},
				{[]orm.ExplainOption{orm.ExplainFlag("nonsense", true)}, "", false, "VERBOSE"},
				{[]orm.ExplainOption{orm.ExplainFormat("csv")}, "", false, "json"},
			},
			"mariadb": {
				{nil, "EXPLAIN SELECT", false, "book"},
				{[]orm.ExplainOption{orm.ExplainFormat("json")}, "EXPLAIN FORMAT=JSON SELECT", true, "query_block"},
				{[]orm.ExplainOption{orm.ExplainAnalyze()}, "ANALYZE SELECT", false, "book"},
				{[]orm.ExplainOption{orm.ExplainAnalyze(), orm.ExplainFormat("json")}, "ANALYZE FORMAT=JSON SELECT", true, "r_loops"},
				{[]orm.ExplainOption{orm.ExplainFlag("verbose", true)}, "", false, "ANALYZE"},
			},
			"sqlite": {
				{nil, "EXPLAIN QUERY PLAN SELECT", false, "book"},
				{[]orm.ExplainOption{orm.ExplainAnalyze()}, "", false, "takes none"},
				{[]orm.ExplainOption{orm.ExplainFormat("json")}, "", false, "no EXPLAIN formats"},
			},
		}[db.Dialect().Name()]
		if len(calls) == 0 {
			t.Fatalf("no cases for %s", db.Dialect().Name())
		}
		for _, c := range calls {
			ctx, captured := orm.CaptureQueries(context.Background())
			plan, err := qs.Explain(ctx, c.opts...)
			if c.prefix == "" {
				if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), c.has) {
					t.Errorf("%v: %v, want ErrInvalidQuery containing %q", c.opts, err, c.has)
				}
				if len(captured.Queries()) != 0 {
					t.Errorf("%v: a refused EXPLAIN reached the database", c.opts)
				}
				continue
			}
			if err != nil {
				t.Errorf("want %q: %v", c.prefix, err)
				continue
			}
			if q := captured.Queries(); len(q) != 1 || !strings.HasPrefix(q[0].SQL, c.prefix) {
				t.Errorf("want one statement starting %q, got %v", c.prefix, q)
			}
			if c.json && !json.Valid([]byte(plan)) {
				t.Errorf("%s: the plan is not JSON: %.200s", c.prefix, plan)
			}
			if !strings.Contains(plan, c.has) {
				t.Errorf("%s: the plan lacks %q: %.300s", c.prefix, c.has, plan)
			}
		}
	})
}
