// Package identfuzz_test fuzzes every API that takes a name or a value
// from its caller (filter keys and values, order terms, Values/Only/Defer/
// SelectRelated/PrefetchRelated/Distinct names, aliases, Latest fields,
// Update keys) on the SQL of every dialect (a recording driver) and on a
// real SQLite database. An input fails the target when the library
// panics, returns an error that is not one of djorm's types, lets a name
// that is not an identifier reach SQL, or writes a value into SQL text.
//
// The seed corpus runs with go test; CI also runs each target for a short
// time: go test -run '^$' -fuzz '^FuzzNames$' -fuzztime 20s ./tests/identfuzz
package identfuzz_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/dialects/mysql"
	"github.com/djorm/orm/dialects/oracle"
	"github.com/djorm/orm/dialects/postgres"
	"github.com/djorm/orm/dialects/sqlite"
	"github.com/djorm/orm/internal/testkit"
)

type (
	FzPublisher struct {
		orm.Model
		Name string `orm:"max_length=50"`
	}
	FzAuthor struct {
		orm.Model
		Name      string                      `orm:"max_length=50"`
		Joined    time.Time                   `orm:"type=date"`
		Rating    *int32                      `orm:"null"`
		Publisher orm.ForeignKey[FzPublisher] `orm:"null,on_delete=set_null,related_name=authors"`
	}
	FzTag struct {
		orm.Model
		Name string `orm:"max_length=20"`
	}
	FzBook struct {
		orm.Model
		Title  string                   `orm:"max_length=100"`
		Author orm.ForeignKey[FzAuthor] `orm:"on_delete=cascade,related_name=books"`
		Price  decimal.Decimal          `orm:"max_digits=8,decimal_places=2"`
		Sales  int
		At     *time.Time            `orm:"null"`
		Tags   orm.ManyToMany[FzTag] `orm:"related_name=books"`
	}
)

func init() { orm.MustRegister(&FzPublisher{}, &FzAuthor{}, &FzTag{}, &FzBook{}) }

var models = []any{&FzPublisher{}, &FzAuthor{}, &FzTag{}, &FzBook{}}

// target is one database the fuzzed calls run on.
type target struct {
	name string
	db   *orm.DB
	live bool // a real database: errors after SQL are possible
}

var targets []target

func TestMain(m *testing.M) {
	for _, d := range []struct {
		name, driver string
		d            dialects.Dialect
	}{{"postgres", "postgres", postgres.New()}, {"mysql", "mysql", mysql.New("10.11.19-MariaDB")},
		{"sqlite", "sqlite3", sqlite.New(true)}, {"oracle", "godror", oracle.New()}} {
		targets = append(targets, target{name: d.name, db: testkit.Recorder(d.driver, d.d)})
	}
	dir, err := os.MkdirTemp("", "identfuzz")
	if err != nil {
		panic(err)
	}
	db, err := orm.Open("sqlite3", "file:"+filepath.Join(dir, "fuzz.db"))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if err := db.CreateTables(ctx, models...); err != nil {
		panic(err)
	}
	a := &FzAuthor{Name: "Ann", Joined: time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC)}
	if err := db.Create(ctx, a); err != nil {
		panic(err)
	}
	if err := db.Create(ctx, &FzBook{Title: "Go", Author: orm.Ref(a), Price: decimal.NewFromInt(5)}); err != nil {
		panic(err)
	}
	targets = append(targets, target{name: "sqlite-live", db: db, live: true})
	code := m.Run()
	_ = db.Close()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// call is one API taking fuzzed input; it reports the names it passed
// (which must be identifiers if accepted) and the values (which must never
// appear in SQL text).
type call struct {
	api    string
	names  []string
	values []string
	run    func(ctx context.Context, db *orm.DB) error
}

func calls(name, value, alias string) []call {
	books := func(db *orm.DB) *orm.QuerySet[*FzBook] { return orm.Objects[FzBook](db) }
	all := func(qs *orm.QuerySet[*FzBook]) func(context.Context) error {
		return func(ctx context.Context) error { _, err := qs.All(ctx); return err }
	}
	_ = all
	return []call{
		{"Filter", []string{name}, []string{value}, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Filter(orm.Q{name: value}).All(ctx)
			return err
		}},
		{"Exclude", []string{name}, []string{value}, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Exclude(orm.Q{name: value}).Count(ctx)
			return err
		}},
		{"Filter F", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Filter(orm.Q{"title": orm.F(name)}).All(ctx)
			return err
		}},
		{"OrderBy", []string{strings.TrimPrefix(name, "-")}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).OrderBy(name).All(ctx)
			return err
		}},
		{"Values", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Values(name).All(ctx)
			return err
		}},
		{"ValuesList", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).ValuesList(name).Flat().All(ctx)
			return err
		}},
		{"Only", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Only(name).All(ctx)
			return err
		}},
		{"Defer", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Defer(name).All(ctx)
			return err
		}},
		{"SelectRelated", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).SelectRelated(name).All(ctx)
			return err
		}},
		{"PrefetchRelated", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := orm.Objects[FzAuthor](db).PrefetchRelated(name).All(ctx)
			return err
		}},
		{"Distinct", []string{name}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Distinct(name).OrderBy(name).All(ctx)
			return err
		}},
		{"Latest", []string{strings.TrimPrefix(name, "-")}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Latest(ctx, name)
			return err
		}},
		{"Annotate", []string{alias}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Annotate(orm.As(alias, orm.Count("id"))).OrderBy(alias).All(ctx)
			return err
		}},
		{"Aggregate", []string{alias}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Aggregate(ctx, orm.As(alias, orm.Sum("price")))
			return err
		}},
		{"Values As", []string{alias}, nil, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Values(orm.As(alias, orm.F("sales").Add(1))).All(ctx)
			return err
		}},
		{"Update", []string{name}, []string{value}, func(ctx context.Context, db *orm.DB) error {
			_, err := books(db).Filter(orm.Q{"pk": -1}).Update(ctx, orm.Set{name: value})
			return err
		}},
		{"FilteredRelation", []string{alias, name}, []string{value}, func(ctx context.Context, db *orm.DB) error {
			_, err := orm.Objects[FzAuthor](db).Annotate(orm.As(alias, orm.FilteredRelation(name, orm.Q{name + "__title": value}))).All(ctx)
			return err
		}},
	}
}

// identifier is what an accepted name may hold: "__"-joined identifier
// segments (Django's lookups), "pk", "?" for a random order.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// typed reports whether err is one of djorm's error types.
func typed(err error, live, sent bool) bool {
	var fe *orm.FieldError
	var ve *orm.ValidationError
	var ns *orm.NotSupportedError
	var ie *orm.IntegrityError
	var de *orm.DataError
	switch {
	case errors.As(err, &fe), errors.As(err, &ve), errors.As(err, &ns), errors.Is(err, orm.ErrInvalidQuery),
		errors.Is(err, orm.ErrTransactionManagement):
		return !sent // djorm's refusals come before any SQL
	case live && sent && (errors.As(err, &ie) || errors.As(err, &de)):
		return true // the database refused a value only it can judge
	}
	return false
}

func check(t *testing.T, name, value, alias string) {
	t.Helper()
	for _, tg := range targets {
		for _, c := range calls(name, value, alias) {
			ctx, captured := orm.CaptureQueries(context.Background())
			err := func() (err error) {
				defer func() {
					if p := recover(); p != nil {
						err = fmt.Errorf("panic: %v", p)
						t.Fatalf("%s on %s panicked with name %q value %q alias %q: %v", c.api, tg.name, name, value, alias, p)
					}
				}()
				return c.run(ctx, tg.db)
			}()
			recs := captured.Queries()
			if err != nil && !typed(err, tg.live, len(recs) > 0) {
				t.Fatalf("%s on %s with name %q value %q alias %q: untyped or late error %T: %v (after %d statements: %v)",
					c.api, tg.name, name, value, alias, err, err, len(recs), recs)
			}
			if err == nil {
				// A name that is not an identifier may be accepted only
				// where it was never used (PrefetchRelated over no rows,
				// as Django): it must not reach the SQL.
				for _, n := range c.names {
					if n == "?" || n == "" || allIdents(n) {
						continue
					}
					for _, r := range recs {
						if strings.Contains(r.SQL, strings.TrimSpace(n)) && strings.TrimSpace(n) != "" && !allIdents(strings.TrimSpace(n)) {
							t.Fatalf("%s on %s accepted the name %q and it reached SQL: %s", c.api, tg.name, n, r.SQL)
						}
					}
					if c.api != "PrefetchRelated" {
						t.Fatalf("%s on %s accepted the name %q (not an identifier); SQL: %v", c.api, tg.name, n, recs)
					}
				}
			}
			for _, v := range c.values {
				if !suspicious(v) {
					continue
				}
				for _, r := range recs {
					if strings.Contains(r.SQL, v) {
						t.Fatalf("%s on %s wrote the value %q into SQL text: %s", c.api, tg.name, v, r.SQL)
					}
				}
			}
		}
	}
}

// allIdents: a path of "__"-joined segments is itself an identifier.
func allIdents(name string) bool { return identifier.MatchString(name) }

// suspicious: a value that could only be in SQL text if it was written
// there (long enough and not a plain word djorm itself writes).
func suspicious(v string) bool {
	return len(v) >= 6 && strings.ContainsAny(v, "'\";()-=*/ ")
}

var seeds = []string{
	"", "_", "__", "a__", "__x", "pk", "-pk", "+title", "--title", "?", "id", "title", "Title", "TITLE",
	"author__name", "author__name__icontains", "author__bogus", "books__title", "tags__name",
	"title__exact;--", `title"; DROP TABLE fz_book; --`, "title; DROP TABLE fz_book", "title' OR '1'='1",
	"1 OR 1=1", "price__gt", "sales__in", "at__year__gt", "title\x00", "tïtle", "tіtle", // Cyrillic і
	strings.Repeat("a", 70), strings.Repeat("b__", 30) + "c", "publisher", "author__publisher__name",
	"(SELECT 1)", "*", "title AS x", "count(*)", "/* x */", "title\n", " title",
}

// FuzzNames fuzzes the names and values every naming API takes.
func FuzzNames(f *testing.F) {
	for i, s := range seeds {
		f.Add(s, seeds[(i+7)%len(seeds)], seeds[(i+13)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, name, value, alias string) {
		check(t, name, value, alias)
	})
}
