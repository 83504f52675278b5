package migrate_test

import (
	"strings"
	"testing"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/migrate"
)

type (
	MtiPlace struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	MtiShop struct {
		MtiPlace
		Open bool
	}
)

func init() { orm.MustRegister(&MtiPlace{}, &MtiShop{}) }

// The autodetector writes a multi-table child with only its own columns:
// the parent link as a one-to-one primary key, created after the parent.
func TestAutodetectMultiTableChild(t *testing.T) {
	to, err := migrate.FromModels(&MtiPlace{}, &MtiShop{})
	if err != nil {
		t.Fatal(err)
	}
	ops, err := migrate.Autodetect(migrate.NewState(), to, migrate.FlagQuestioner{})
	if err != nil {
		t.Fatal(err)
	}
	set := migrate.NewSet("mti")
	set.Register(&migrate.Migration{Name: "0001_initial", Operations: ops})
	stmts, err := migrate.SQL(sqlite.New(true), set, "0001_initial", false)
	if err != nil {
		t.Fatal(err)
	}
	sql := strings.Join(stmts, ";\n")
	place := strings.Index(sql, `CREATE TABLE IF NOT EXISTS "mti_place"`)
	shop := strings.Index(sql, `CREATE TABLE IF NOT EXISTS "mti_shop" ("mtiplace_ptr_id" bigint NOT NULL PRIMARY KEY REFERENCES "mti_place" ("id") DEFERRABLE INITIALLY DEFERRED, "open" bool NOT NULL)`)
	if place < 0 || shop < place {
		t.Errorf("migration SQL:\n%s", sql)
	}
}
