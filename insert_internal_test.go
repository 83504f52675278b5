package orm

import (
	"database/sql"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/internal/sqlq"
	"github.com/djorm/orm/registry"
)

type insertProbe struct {
	Model
	Name  string          `orm:"max_length=20"`
	Price decimal.Decimal `orm:"max_digits=8,decimal_places=3"`
	Day   time.Time       `orm:"type=date"`
	At    time.Time
	Clock time.Time  `orm:"type=time"`
	Opt   *time.Time `orm:"null"`
	Dur   time.Duration
	Flag  bool
	ND    decimal.NullDecimal `orm:"max_digits=5,decimal_places=1,null"`
	NT    sql.NullTime        `orm:"type=date,null"`
}

// probeModel registers insertProbe and opens an unused SQLite handle for
// databases that only compile.
func probeModel(tb testing.TB) (*registry.Model, *sql.DB) {
	tb.Helper()
	if err := Register(&insertProbe{}); err != nil {
		tb.Fatal(err)
	}
	m, err := metaOf(reflect.TypeFor[insertProbe]())
	if err != nil {
		tb.Fatal(err)
	}
	sdb, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = sdb.Close() })
	return m, sdb
}

// Create binds each object into a statement compiled once per model; the
// statement and its arguments must be what compiling the object's own
// INSERT gives, on every dialect.
func TestInsertPlanBindsAsTheCompilerDoes(t *testing.T) {
	m, sdb := probeModel(t)
	at := time.Date(2024, 2, 29, 23, 59, 58, 123456789, time.FixedZone("x", 3600))
	objs := []*insertProbe{
		{Name: "a'b", Price: decimal.RequireFromString("-12.340"), Day: at, At: at, Clock: at, Opt: &at, Dur: -90 * time.Second, Flag: true,
			ND: decimal.NullDecimal{Decimal: decimal.New(-55, -1), Valid: true}, NT: sql.NullTime{Time: at, Valid: true}},
		{Day: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), At: time.Unix(0, 0), Clock: time.Unix(0, 0)},
	}
	objs[1].ID = 7 // an explicit key: the other plan
	for name, d := range map[string]dialects.Dialect{"sqlite3": sqlite.New(true), "postgres": postgres.New(), "mysql": mysql.New(""), "mysql8": mysql.New("8.0.36"), "godror": oracle.New()} {
		db := NewWithDialect(sdb, name, d)
		for _, o := range objs {
			_, p, err := modelOf(o)
			if err != nil {
				t.Fatal(err)
			}
			autoKey := pkValue(m, p) == nil
			plan, err := db.insertPlanFor(m, autoKey, 0)
			if err != nil {
				t.Fatal(err)
			}
			args, err := plan.bind(db, m, p)
			if err != nil {
				t.Fatal(err)
			}
			row, _, err := rowValues(sqlq.New(m, d), m, p, insertable(m, autoKey))
			if err != nil {
				t.Fatal(err)
			}
			want := &insertPlan{fields: insertable(m, autoKey)}
			if err := want.compile(db, m, autoKey, row, nil); err != nil {
				t.Fatal(err)
			}
			if plan.sql != want.sql || !reflect.DeepEqual(args, want.args) {
				t.Errorf("%s: cached INSERT\n%s %#v\nwant\n%s %#v", name, plan.sql, args, want.sql, want.args)
			}
		}
	}
}

// Concurrent Creates share one compiled statement (run with -race).
func TestInsertPlanIsSharedSafely(t *testing.T) {
	if err := Register(&insertProbe{}); err != nil {
		t.Fatal(err)
	}
	db, err := Open("sqlite3", "file:insertplan?mode=memory&cache=shared")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := t.Context()
	if err := db.CreateTables(ctx, &insertProbe{}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Go(func() {
			o := &insertProbe{Name: string(rune('a' + i%26)), Price: decimal.New(int64(i), -1), Day: time.Now(), At: time.Now(), Clock: time.Now()}
			errs <- db.Create(ctx, o)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, err := Objects[insertProbe](db).Count(ctx); n != 40 || err != nil {
		t.Fatalf("rows = %d, %v", n, err)
	}
}
