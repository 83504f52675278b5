package orm_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// Ranges has an integer column of each width.
type Ranges struct {
	orm.Model
	Small  int16
	Medium int32
	Big    int64
}

func init() { orm.MustRegister(&Ranges{}) }

// A row that violates a foreign key must never be reported as created:
// PostgreSQL and SQLite send the RETURNING row before the failure.
func TestIntegrityForeignKeyViolationIsReported(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx := context.Background()
		books := orm.Objects[Book](db)
		before, err := books.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		orphan := func() *Book {
			return &Book{Title: "Orphan", Author: orm.RefID[Author](987654), Price: decimal.NewFromInt(1)}
		}
		writes := map[string]func(b *Book) error{
			"DB.Create":       func(b *Book) error { return db.Create(ctx, b) },
			"QuerySet.Create": func(b *Book) error { return books.Create(ctx, b) },
			"DB.Save":         func(b *Book) error { return db.Save(ctx, b) },
			"BulkCreate":      func(b *Book) error { return books.BulkCreate(ctx, []*Book{b}) },
			"Atomic.Create": func(b *Book) error {
				return orm.Atomic(ctx, db, func(ctx context.Context) error { return db.Create(ctx, b) })
			},
		}
		for name, write := range writes {
			err := write(orphan())
			var ie *orm.IntegrityError
			if !errors.As(err, &ie) || ie.Kind != "foreign_key" {
				t.Errorf("%s of a book whose author does not exist: want a foreign_key IntegrityError, got %v", name, err)
			}
		}
		if after, err := books.Count(ctx); err != nil || after != before {
			t.Errorf("the table changed: %d rows before, %d after (%v)", before, after, err)
		}
	})
}

// A filter value outside its integer column's range is answered as Django
// answers it (no row equals it; every row is on one side of it), on every
// backend, whether or not the query's shape was compiled before.
func TestIntegrityIntegerFilterOutOfRange(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Ranges{})
		for _, r := range []*Ranges{{Small: 1, Medium: 1, Big: 1}, {Small: -5, Medium: -5, Big: -5}} {
			if err := db.Create(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		rows := orm.Objects[Ranges](db)
		cases := []struct {
			q    orm.Q
			want int64
		}{
			{orm.Q{"small": 1}, 1}, // compiles the shape with an in-range value first
			{orm.Q{"small": 40000}, 0},
			{orm.Q{"small__lt": 40000}, 2},
			{orm.Q{"small__lte": 40000}, 2},
			{orm.Q{"small__gt": 40000}, 0},
			{orm.Q{"small__gt": -40000}, 2},
			{orm.Q{"small__lt": -40000}, 0},
			{orm.Q{"medium": int64(1) << 40}, 0},
			{orm.Q{"medium__gte": -(int64(1) << 40)}, 2},
			{orm.Q{"big": float64(1 << 63)}, 0},
			{orm.Q{"big__lt": float64(1 << 63)}, 2},
			{orm.Q{"big": uint64(1) << 63}, 0},
			{orm.Q{"small__in": []int64{1, 40000, -40000}}, 1},
			{orm.Q{"small__in": []int64{40000}}, 0},
			{orm.Q{"small__range": []int64{-40000, 40000}}, 2},
			{orm.Q{"small__range": []int64{0, 40000}}, 1},
			{orm.Q{"small__range": []int64{40000, 50000}}, 0},
		}
		for _, c := range cases {
			n, err := rows.Filter(c.q).Count(ctx)
			if err != nil || n != c.want {
				t.Errorf("Filter(%v).Count() = %d, %v; want %d", c.q, n, err, c.want)
			}
			all, err := rows.Filter(c.q).All(ctx)
			if err != nil || int64(len(all)) != c.want {
				t.Errorf("Filter(%v).All() = %d rows, %v; want %d", c.q, len(all), err, c.want)
			}
			n, err = rows.Exclude(c.q).Count(ctx)
			if err != nil || n != 2-c.want {
				t.Errorf("Exclude(%v).Count() = %d, %v; want %d", c.q, n, err, 2-c.want)
			}
		}
	})
}

// A panicking OnCommit callback under a cancellable context re-raises the
// panic and leaves nothing waiting: the transaction is committed and its
// connection goes back to the pool (MariaDB once hung here for ever).
func TestIntegrityOnCommitPanicWithCancellableContext(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshStock(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan any, 1)
		go func() {
			defer func() { done <- recover() }()
			_ = orm.Atomic(ctx, db, func(ctx context.Context) error {
				orm.OnCommit(ctx, db, func() { panic("callback") })
				return db.Create(ctx, &Stock{Name: "kept", Qty: 1})
			})
		}()
		select {
		case p := <-done:
			if p != "callback" {
				t.Fatalf("want the callback's panic re-raised, got %v", p)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("Atomic did not return 30 s after its OnCommit callback panicked")
		}
		if got := stockNames(t, db); got != "[kept]" {
			t.Errorf("the commit must stand: %s", got)
		}
		if st := db.SQLDB().Stats(); st.InUse != 0 {
			t.Errorf("%d connections still in use", st.InUse)
		}
	})
}

// Each bad name is a typed error that names it, and no SQL is sent.
func TestIntegrityBadNamesRefusedBeforeSQL(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		testkit.LoadBookstore(t, db)
		ctx, captured := orm.CaptureQueries(context.Background())
		books := orm.Objects[Book](db)
		cases := []struct {
			input string
			run   func() error
		}{
			{"title__exact;--", func() error { _, err := books.Only("title__exact;--").All(ctx); return err }},
			{"bogus", func() error { _, err := books.Only("author__bogus").All(ctx); return err }},
			{"reviews", func() error { _, err := books.Defer("reviews__stars").All(ctx); return err }},
			{"+title", func() error { _, err := books.OrderBy("+title").All(ctx); return err }},
			{"-title", func() error { _, err := books.OrderBy("--title").All(ctx); return err }},
			{"-title", func() error { _, err := books.Latest(ctx, "--title"); return err }},
			{"empty field name", func() error { _, err := books.Latest(ctx, ""); return err }},
			{"non-empty alias", func() error { _, err := books.Annotate(orm.As("", orm.Count("id"))).All(ctx); return err }},
			{"non-empty alias", func() error { _, err := books.Aggregate(ctx, orm.As("", orm.Sum("price"))); return err }},
			{"__x", func() error { _, err := books.Annotate(orm.As("__x", orm.Count("id"))).All(ctx); return err }},
			{"a__", func() error { _, err := books.Annotate(orm.As("a__", orm.Count("id"))).All(ctx); return err }},
			{"Title", func() error { _, err := books.Annotate(orm.As("Title", orm.Count("id"))).All(ctx); return err }},
			{"reviews", func() error { _, err := books.Annotate(orm.As("reviews", orm.Count("id"))).All(ctx); return err }},
			{"bogus", func() error {
				_, err := books.Annotate(orm.As("r", orm.FilteredRelation("bogus", orm.Q{"bogus__stars": 1}))).All(ctx)
				return err
			}},
		}
		for _, c := range cases {
			err := c.run()
			var fe *orm.FieldError
			if !errors.As(err, &fe) && !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("%q: want a FieldError or ErrInvalidQuery, got %T %v", c.input, err, err)
				continue
			}
			if !strings.Contains(err.Error(), c.input) {
				t.Errorf("%q: the error must name the input: %v", c.input, err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("bad names sent %d statements: %v", n, captured.Queries())
		}
	})
}

// Measure holds values at the edges of what backends store.
type Measure struct {
	orm.Model
	F  float64
	At time.Time
}

func init() { orm.MustRegister(&Measure{}) }

// NaN and infinities are stored where the backend can, and refused before
// any SQL elsewhere (MySQL's driver once wrote +Inf into the statement as
// a bare word, a column name to the server; SQLite turned NaN into NULL).
func TestIntegrityNonFiniteFloats(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshTables(t, db, &Measure{})
		feats := db.Dialect().Features()
		at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		for _, tc := range []struct {
			v      float64
			stored bool
		}{{math.NaN(), feats.FloatNaN}, {math.Inf(1), feats.FloatInf}, {math.Inf(-1), feats.FloatInf}} {
			ctx, captured := orm.CaptureQueries(context.Background())
			m := &Measure{F: tc.v, At: at}
			err := db.Create(ctx, m)
			if !tc.stored {
				var ve *orm.ValidationError
				if !errors.As(err, &ve) || ve.Field != "f" || captured.Count() != 0 {
					t.Errorf("Create(%v): want a ValidationError on f before SQL, got %v after %d statements", tc.v, err, captured.Count())
				}
				_, err = orm.Objects[Measure](db).Update(ctx, orm.Set{"f": tc.v})
				if !errors.As(err, &ve) || captured.Count() != 0 {
					t.Errorf("Update(%v): want a ValidationError before SQL, got %v after %d statements", tc.v, err, captured.Count())
				}
				continue
			}
			if err != nil {
				t.Fatalf("Create(%v): %v", tc.v, err)
			}
			got, err := orm.Objects[Measure](db).Get(ctx, orm.Q{"pk": m.ID})
			if err != nil || !(got.F == tc.v || math.IsNaN(tc.v) && math.IsNaN(got.F)) {
				t.Errorf("%v read back as %v (%v)", tc.v, got, err)
			}
		}
		if _, err := orm.Objects[Measure](db).All(context.Background()); err != nil {
			t.Errorf("the table must stay readable: %v", err)
		}
	})
}

// Times follow one rule on every backend: a datetime is stored in UTC,
// so its UTC year must be 1..9999, and it is truncated to microseconds.
func TestIntegrityTimeLimits(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshTables(t, db, &Measure{})
		ctx := context.Background()
		east := time.FixedZone("-05:00", -5*3600)
		var ve *orm.ValidationError
		if err := db.Create(ctx, &Measure{At: time.Date(9999, 12, 31, 20, 0, 0, 0, east)}); !errors.As(err, &ve) || ve.Code != "out_of_range" {
			t.Errorf("9999-12-31 20:00 -05:00 is in the year 10000 UTC: want out_of_range, got %v", err)
		}
		in := time.Date(2024, 12, 31, 23, 59, 59, 999999999, time.UTC)
		m := &Measure{At: in}
		if err := db.Create(ctx, m); err != nil {
			t.Fatal(err)
		}
		got, err := orm.Objects[Measure](db).Get(ctx, orm.Q{"pk": m.ID})
		if want := in.Truncate(time.Microsecond); err != nil || !got.At.Equal(want) {
			t.Errorf("%v read back as %v, want %v (truncated to microseconds): %v", in, got.At, want, err)
		}
		n, err := orm.Objects[Measure](db).Filter(orm.Q{"at": in}).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("a filter on the same time truncates the same way: %d rows, %v", n, err)
		}
	})
}

// Integer arithmetic that leaves the column's range is an error, never a
// wrapped or unreadable value.
func TestIntegrityIntegerArithmeticOverflow(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		freshTables(t, db, &Ranges{})
		ctx := context.Background()
		r := &Ranges{Small: 1000, Medium: 1, Big: math.MaxInt64}
		if err := db.Create(ctx, r); err != nil {
			t.Fatal(err)
		}
		rows := orm.Objects[Ranges](db)
		for _, set := range []orm.Set{
			{"small": orm.F("small").Mul(1000)},
			{"big": orm.F("big").Add(1)},
			{"medium": orm.F("medium").Add(int64(math.MaxInt32))},
		} {
			_, err := rows.Update(ctx, set)
			var ie *orm.IntegrityError
			var de *orm.DataError
			if !errors.As(err, &ie) && !errors.As(err, &de) {
				t.Errorf("Update(%v): want an IntegrityError (check) or a DataError, got %T %v", set, err, err)
			}
		}
		if _, err := rows.Update(ctx, orm.Set{"big": float64(1 << 63)}); err == nil {
			t.Error("2^63 as a float must not be stored in an int64 column")
		}
		got, err := rows.Get(ctx, orm.Q{"pk": r.ID})
		if err != nil || got.Small != 1000 || got.Medium != 1 || got.Big != math.MaxInt64 {
			t.Errorf("the row must be unchanged and readable: %+v %v", got, err)
		}
	})
}

// Open fails when a SQLite database cannot be opened, instead of handing
// back a handle whose later connections would lack djorm's functions.
func TestIntegritySQLiteOpenFailsLoudly(t *testing.T) {
	db, err := orm.Open("sqlite3", "file:"+t.TempDir()+"/missing/dir/x.db")
	if err == nil {
		_ = db.Close()
		t.Fatal("Open of a database in a directory that does not exist must fail")
	}
	db, err = orm.Open("sqlite3", "file:"+t.TempDir()+"/ok.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.SQLDB().Conn(ctx) // a second connection has the functions too
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var s string
	if err := conn.QueryRowContext(ctx, "SELECT djorm_upper('été')").Scan(&s); err != nil || s != "ÉTÉ" {
		t.Errorf("djorm_upper on a pooled connection: %q %v", s, err)
	}
}
