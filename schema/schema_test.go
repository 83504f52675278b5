package schema_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/registry"
	"github.com/djorm/orm/schema"
)

type base struct{ ID int64 }

type fk[T any] struct{ Ref registry.Ref }

type (
	Parent struct {
		base
		Name string `orm:"max_length=30,unique"`
	}
	Child struct {
		base
		Parent fk[Parent] `orm:"on_delete=cascade"`
		Small  int16      `orm:"index"`
	}
)

func models(t *testing.T) []*registry.Model {
	r := registry.New(registry.Config{StateType: reflect.TypeOf(base{}), IDField: "ID",
		Relation: func(t reflect.Type) (registry.RelKind, reflect.Type, bool) {
			if t == reflect.TypeOf(fk[Parent]{}) {
				return registry.ForeignKey, reflect.TypeOf(Parent{}), true
			}
			return 0, nil, false
		}})
	if err := r.Register(&Child{}, &Parent{}); err != nil {
		t.Fatal(err)
	}
	c, _ := r.Lookup(reflect.TypeOf(Child{}))
	p, _ := r.Lookup(reflect.TypeOf(Parent{}))
	return []*registry.Model{c, p}
}

// Tables come after the tables they point at, whatever the order given.
func TestExpandOrdersByDependency(t *testing.T) {
	ms := schema.Expand(models(t))
	if ms[0].Table != "parent" || ms[1].Table != "child" {
		t.Errorf("order: %s, %s", ms[0].Table, ms[1].Table)
	}
}

// The DDL of each backend: the table, its index, its foreign key (inline
// on SQLite, ALTER TABLE elsewhere), only for tables that do not exist.
func TestCreate(t *testing.T) {
	ms := schema.Expand(models(t))
	for name, c := range map[string]struct {
		d     dialects.Dialect
		parts []string
	}{
		"postgres": {postgres.New(), []string{`CREATE TABLE IF NOT EXISTS "child"`, `"small" smallint NOT NULL`, `CREATE INDEX`, `ALTER TABLE "child" ADD CONSTRAINT`}},
		"sqlite":   {sqlite.New(true), []string{`REFERENCES "parent" ("id")`, `CHECK ("small" BETWEEN -32768 AND 32767`}},
		"mysql":    {mysql.New(""), []string{"CREATE TABLE IF NOT EXISTS `child`", "ENGINE=InnoDB", "FOREIGN KEY"}},
		"oracle":   {oracle.New(), []string{`CREATE TABLE "PARENT"`, `NUMBER(5)`}},
	} {
		stmts, err := schema.Create(c.d, ms, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		all := strings.Join(stmts, ";\n")
		for _, p := range c.parts {
			if !strings.Contains(all, p) {
				t.Errorf("%s DDL lacks %q:\n%s", name, p, all)
			}
		}
		existing, _ := schema.Create(postgres.New(), ms, map[string]bool{"parent": true, "child": true})
		if len(existing) != 0 {
			t.Errorf("existing tables are not created again: %v", existing)
		}
	}
}

// Constraint and index names fit the backend's identifiers and differ
// for different columns.
func TestNames(t *testing.T) {
	long := strings.Repeat("x", 100)
	for _, name := range []string{schema.Name(postgres.New(), long, []string{"a"}, "idx"), schema.Name(oracle.New(), long, []string{"a"}, "fk")} {
		if len(name) > 63 {
			t.Errorf("%q is %d long", name, len(name))
		}
	}
	if schema.Name(postgres.New(), "t", []string{"a"}, "idx") == schema.Name(postgres.New(), "t", []string{"b"}, "idx") {
		t.Error("names of different columns must differ")
	}
}
