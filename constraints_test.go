package orm_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/dialects"
	"github.com/djorm/orm/functions"
	"github.com/djorm/orm/internal/testkit"
)

// Product carries every kind of Meta constraint and index, db_default and
// db_comment (Django's constraints and model_indexes test models, merged).
type Product struct {
	orm.Model
	Name     string    `orm:"max_length=100,db_comment='Shown to customers, trimmed'"`
	Sku      *string   `orm:"max_length=20,null,blank"`
	Price    int       `orm:"default=0"`
	Discount int       `orm:"default=0"`
	Color    string    `orm:"max_length=20,db_default='red'"`
	Live     bool      `orm:"default=false"`
	Added    time.Time `orm:"db_default=now()"`
}

func (Product) Meta() orm.Meta {
	no := false
	return orm.Meta{
		TableComment: "Products on sale",
		Constraints: []orm.Constraint{
			orm.CheckConstraint{Name: "product_price_gte_0", Check: orm.Q{"price__gte": 0}},
			orm.CheckConstraint{Name: "product_discount_lte_price", Check: orm.Q{"discount__lte": orm.F("price")}},
			orm.UniqueConstraint{Name: "product_name_color_uniq", Fields: []string{"name", "color"}},
			orm.UniqueConstraint{Name: "product_live_name_uniq", Fields: []string{"name"}, Condition: orm.Q{"live": true}},
			orm.UniqueConstraint{Name: "product_lower_name_uniq", Expressions: []any{functions.Lower("name"), "price"}},
			orm.UniqueConstraint{Name: "product_sku_uniq", Fields: []string{"sku"}, NullsDistinct: &no},
		},
		Indexes: []orm.Index{
			{Name: "product_cheap_idx", Fields: []string{"price"}, Condition: orm.Q{"price__lt": 10}},
			{Name: "product_upper_name_idx", Expressions: []any{functions.Upper("name")}},
			{Name: "product_price_cover_idx", Fields: []string{"price"}, Include: []string{"name"}},
			{Name: "product_name_ops_idx", Fields: []string{"name"}, OpClasses: []string{"varchar_pattern_ops"}},
		},
	}
}

// Booking has a deferrable unique constraint and a check over two fields.
type Booking struct {
	orm.Model
	Room  int
	Start int
	End   int
}

func (Booking) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{
		orm.CheckConstraint{Name: "booking_start_before_end", Check: orm.Q{"start__lt": orm.F("end")}.Or(orm.Q{"room": 0})},
		orm.UniqueConstraint{Name: "booking_room_start_uniq", Fields: []string{"room", "start"}, Deferrable: orm.Deferred},
	}}
}

// Event has check constraints over many lookups and transforms, so each
// backend's DDL rendering of them is pinned and created live.
type Event struct {
	orm.Model
	Title string     `orm:"max_length=50"`
	Code  *string    `orm:"max_length=10,null,blank"`
	Day   time.Time  `orm:"type=date"`
	At    *time.Time `orm:"null,blank"`
	Seats int
}

func (Event) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{
		orm.CheckConstraint{Name: "event_title_shape", Check: orm.Q{"title__startswith": "E", "title__contains": "%_"}.Or(orm.Q{"title__iexact": "other"})},
		orm.CheckConstraint{Name: "event_code_in", Check: orm.Q{"code__in": []any{"a", "b'c"}}.Or(orm.Q{"code__isnull": true})},
		orm.CheckConstraint{Name: "event_seats_range", Check: orm.Q{"seats__range": []any{1, 500}}},
		orm.CheckConstraint{Name: "event_day_year", Check: orm.Q{"day__year__gte": 2000, "day__lt": time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}},
		orm.CheckConstraint{Name: "event_not_seats", Check: orm.Not(orm.Q{"seats": 13})},
		orm.CheckConstraint{Name: "event_seats_math", Check: orm.Q{"seats__lte": orm.F("seats").Mul(2).Add(1)}},
	}}
}

func init() { orm.MustRegister(&Product{}, &Booking{}, &Event{}) }

// The DDL of constraints, indexes, db_default and db_comment is pinned
// per dialect in testdata/golden/constraints_<dialect>.sql.
func TestGoldenConstraintsDDL(t *testing.T) {
	for _, gd := range goldenDialects {
		t.Run(gd.name, func(t *testing.T) {
			db := testkit.Recorder(gd.driver, gd.d)
			stmts, err := db.CreateTablesSQL(&Product{}, &Booking{}, &Event{})
			var out strings.Builder
			if err != nil {
				fmt.Fprintf(&out, "-- error: %v\n", err)
			}
			for _, s := range stmts {
				fmt.Fprintf(&out, "%s;\n", s)
			}
			path := filepath.Join("testdata", "golden", "constraints_"+gd.name+".sql")
			if *update {
				if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenConstraintsDDL -update to create it)", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("DDL for %s differs from %s (run with -update and review the diff):\n%s", gd.name, path, firstDiff(string(want), got))
			}
		})
	}
}

// violation runs write and checks it fails with an IntegrityError of kind
// naming constraint; when exists is false (the backend leaves the
// constraint out, as Django does), the write must succeed.
func violation(t *testing.T, what string, exists bool, kind, constraint string, write func() error) {
	t.Helper()
	err := write()
	if !exists {
		if err != nil {
			t.Errorf("%s: the backend has no such constraint, want success, got %v", what, err)
		}
		return
	}
	var ie *orm.IntegrityError
	if !errors.As(err, &ie) {
		t.Errorf("%s: want an IntegrityError (%s, %s), got %v", what, kind, constraint, err)
		return
	}
	if ie.Kind != kind || ie.Constraint != constraint {
		t.Errorf("%s: want IntegrityError{Kind: %q, Constraint: %q}, got {%q, %q}: %v", what, kind, constraint, ie.Kind, ie.Constraint, err)
	}
}

func TestConstraintViolations(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &Product{}, &Booking{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &Product{}, &Booking{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.DropTables(ctx, &Product{}, &Booking{}) })
		sup := dialects.SupportOf(db.Dialect())
		sku := func(s string) *string { return &s }
		n := 0
		// create gives each product a sku of its own, unless it has one:
		// NULLs are not distinct in product_sku_uniq.
		create := func(p Product) func() error {
			return func() error {
				if p.Sku == nil {
					n++
					p.Sku = sku(fmt.Sprint("S", n))
				}
				return db.Create(ctx, &p)
			}
		}
		if err := create(Product{Name: "Apple", Color: "green", Price: 3})(); err != nil {
			t.Fatal(err)
		}
		violation(t, "price < 0", true, "check", "product_price_gte_0", create(Product{Name: "Neg", Price: -1, Discount: -5}))
		violation(t, "discount > price", true, "check", "product_discount_lte_price", create(Product{Name: "Disc", Price: 5, Discount: 6}))
		violation(t, "same name and color", true, "unique", "product_name_color_uniq", create(Product{Name: "Apple", Color: "green", Price: 4}))
		violation(t, "same lower(name) and price", sup.Expressions, "unique", "product_lower_name_uniq", create(Product{Name: "APPLE", Color: "red", Price: 3}))
		if err := create(Product{Name: "Pear", Color: "a", Price: 1, Live: true})(); err != nil {
			t.Fatal(err)
		}
		if err := create(Product{Name: "Pear", Color: "b", Price: 2})(); err != nil {
			t.Errorf("a second Pear, not live, is outside the partial constraint: %v", err)
		}
		violation(t, "two live Pears", sup.Partial, "unique", "product_live_name_uniq", create(Product{Name: "Pear", Color: "c", Price: 7, Live: true}))
		if err := db.Create(ctx, &Product{Name: "Plum", Color: "a", Price: 1, Sku: sku("P1")}); err != nil {
			t.Fatal(err)
		}
		if err := db.Create(ctx, &Product{Name: "Plum", Color: "b", Price: 8}); err != nil {
			t.Fatal(err)
		}
		violation(t, "two NULL skus (NULLS NOT DISTINCT)", sup.NullsDistinct, "unique", "product_sku_uniq", func() error {
			return db.Create(ctx, &Product{Name: "Plum", Color: "d", Price: 10})
		})
		if sup.NullsDistinct {
			violation(t, "same sku", true, "unique", "product_sku_uniq", create(Product{Name: "Plum", Color: "c", Price: 9, Sku: sku("P1")}))
		}
		violation(t, "a booking ending before it starts", true, "check", "booking_start_before_end", func() error {
			return db.Create(ctx, &Booking{Room: 1, Start: 5, End: 4})
		})
		violation(t, "two bookings of a room at once (deferred to commit)", sup.DeferrableUnique, "unique", "booking_room_start_uniq", func() error {
			return orm.Atomic(ctx, db, func(ctx context.Context) error {
				if err := db.Create(ctx, &Booking{Room: 2, Start: 1, End: 3}); err != nil {
					return err
				}
				if err := db.Create(ctx, &Booking{Room: 2, Start: 1, End: 4}); err != nil {
					return fmt.Errorf("the deferred constraint was checked before commit: %w", err)
				}
				return nil
			})
		})
	})
}

// A db_default field holding its zero value is left to the database on
// insert and read back: a literal and now().
func TestDBDefaultFilledAndReadBack(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &Product{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &Product{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.DropTables(ctx, &Product{}) })
		before := time.Now().Add(-time.Minute)
		p := &Product{Name: "Fig", Price: 2}
		if err := db.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		if p.Color != "red" {
			t.Errorf("Color: want the db_default red read back, got %q", p.Color)
		}
		if p.Added.Before(before) || p.Added.After(time.Now().Add(time.Minute)) {
			t.Errorf("Added: want the database's now() read back, got %v", p.Added)
		}
		got, err := orm.Objects[Product](db).Get(ctx, orm.Q{"pk": p.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got.Color != "red" || !got.Added.Equal(p.Added) {
			t.Errorf("stored row: want red and %v, got %q and %v", p.Added, got.Color, got.Added)
		}
		given := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		q := &Product{Name: "Kiwi", Price: 3, Color: "blue", Added: given, Sku: &p.Name}
		if err := db.Create(ctx, q); err != nil {
			t.Fatal(err)
		}
		got, err = orm.Objects[Product](db).Get(ctx, orm.Q{"pk": q.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got.Color != "blue" || !got.Added.Equal(given) {
			t.Errorf("values given are written: want blue and %v, got %q and %v", given, got.Color, got.Added)
		}
	})
}

// constraintErrors returns, per key, the constraint names and codes of
// Validate's errors.
func constraintErrors(err error) map[string][]string {
	out := map[string][]string{}
	var ve orm.ValidationErrors
	if !errors.As(err, &ve) {
		return out
	}
	for k, list := range ve {
		for _, e := range list {
			out[k] = append(out[k], e.Constraint+":"+e.Code)
		}
	}
	return out
}

// Validate checks Meta.Constraints against the database as Django's
// validate_constraints does, on every backend (also where the schema
// leaves a constraint out).
func TestValidateConstraints(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &Product{}, &Booking{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &Product{}, &Booking{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.DropTables(ctx, &Product{}, &Booking{}) })
		sku := func(s string) *string { return &s }
		apple := &Product{Name: "Apple", Color: "green", Price: 3, Sku: sku("A")}
		for _, p := range []*Product{apple, {Name: "Pear", Color: "a", Price: 1, Live: true, Sku: sku("P")},
			{Name: "Nosku", Color: "a", Price: 1}} {
			if err := db.Create(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		cases := []struct {
			name    string
			p       *Product
			exclude []string
			want    map[string][]string
		}{
			{"valid", &Product{Name: "Fig", Color: "x", Price: 2, Sku: sku("F")}, nil, map[string][]string{}},
			{"the saved row itself", apple, nil, map[string][]string{}},
			{"check", &Product{Name: "Neg", Price: -1, Discount: -5, Sku: sku("N")}, nil,
				map[string][]string{"__all__": {"product_price_gte_0:constraint"}}},
			{"check over an excluded field", &Product{Name: "Neg", Price: -1, Discount: -5, Sku: sku("N")}, []string{"price"},
				map[string][]string{}},
			{"check against another field", &Product{Name: "Disc", Price: 5, Discount: 6, Sku: sku("D")}, nil,
				map[string][]string{"__all__": {"product_discount_lte_price:constraint"}}},
			{"unique fields", &Product{Name: "Apple", Color: "green", Price: 4, Sku: sku("A2")}, nil,
				map[string][]string{"__all__": {"product_name_color_uniq:unique_together"}}},
			{"unique expressions", &Product{Name: "APPLE", Color: "red", Price: 3, Sku: sku("A3")}, nil,
				map[string][]string{"__all__": {"product_lower_name_uniq:constraint"}}},
			{"unique expressions over an excluded field", &Product{Name: "APPLE", Color: "red", Price: 3, Sku: sku("A3")}, []string{"name"},
				map[string][]string{}},
			{"partial unique, matching", &Product{Name: "Pear", Color: "b", Price: 7, Live: true, Sku: sku("P2")}, nil,
				map[string][]string{"__all__": {"product_live_name_uniq:constraint"}}},
			{"partial unique, not matching", &Product{Name: "Pear", Color: "b", Price: 7, Sku: sku("P3")}, nil,
				map[string][]string{}},
			{"NULLs not distinct", &Product{Name: "Nosku", Color: "b", Price: 9}, nil,
				map[string][]string{"sku": {"product_sku_uniq:unique"}}},
		}
		for _, c := range cases {
			err := db.Validate(ctx, c.p, c.exclude...)
			got := constraintErrors(err)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: want %v, got %v (%v)", c.name, c.want, got, err)
			}
		}
		err := db.Validate(ctx, &Booking{Room: 1, Start: 5, End: 4})
		if got := constraintErrors(err); fmt.Sprint(got) != "map[__all__:[booking_start_before_end:constraint]]" {
			t.Errorf("booking check: got %v (%v)", got, err)
		}
	})
}

// The checks of Event are accepted by every live backend, and refuse and
// accept what they should.
func TestCheckLookupsLive(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &Event{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &Event{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.DropTables(ctx, &Event{}) })
		code := func(s string) *string { return &s }
		day := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
		ok := Event{Title: "E%_vent", Code: code("b'c"), Day: day, Seats: 10}
		if err := db.Create(ctx, &ok); err != nil {
			t.Fatalf("a valid event: %v", err)
		}
		other := Event{Title: "OTHER", Day: day, Seats: 10}
		if err := db.Create(ctx, &other); err != nil {
			t.Fatalf("a valid event (iexact, NULL code): %v", err)
		}
		bad := map[string]Event{
			"event_title_shape": {Title: "Event", Day: day, Seats: 10},
			"event_code_in":     {Title: "E%_", Code: code("z"), Day: day, Seats: 10},
			"event_seats_range": {Title: "E%_", Day: day, Seats: 501},
			"event_day_year":    {Title: "E%_", Day: time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC), Seats: 10},
			"event_not_seats":   {Title: "E%_", Day: day, Seats: 13},
		}
		for name, e := range bad {
			violation(t, name, true, "check", name, func() error { return db.Create(ctx, &e) })
			if err := db.Validate(ctx, &e); fmt.Sprint(constraintErrors(err)) != "map[__all__:["+name+":constraint]]" {
				t.Errorf("Validate of %s: got %v", name, err)
			}
		}
	})
}

type (
	badNoName struct {
		orm.Model
		N int
	}
	badDupName struct {
		orm.Model
		N int
	}
	badField struct {
		orm.Model
		N int
	}
	badBoth struct {
		orm.Model
		N int
	}
	badDeferCond struct {
		orm.Model
		N int
	}
	badCheckNil struct {
		orm.Model
		N int
	}
	badIndexName struct {
		orm.Model
		N int
	}
	badOpClasses struct {
		orm.Model
		N int
	}
	badDBDefault struct {
		orm.Model
		N time.Time `orm:"db_default=today()"`
	}
	badDBDefaultOn struct {
		orm.Model
		N int `orm:"db_default=now()"`
	}
)

func (badNoName) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.CheckConstraint{Check: orm.Q{"n": 1}}}}
}
func (badDupName) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.CheckConstraint{Name: "c", Check: orm.Q{"n": 1}},
		orm.UniqueConstraint{Name: "c", Fields: []string{"n"}}}}
}
func (badField) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.UniqueConstraint{Name: "u", Fields: []string{"m"}}}}
}
func (badBoth) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.UniqueConstraint{Name: "u", Fields: []string{"n"}, Expressions: []any{"n"}}}}
}
func (badDeferCond) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.UniqueConstraint{Name: "u", Fields: []string{"n"},
		Condition: orm.Q{"n": 1}, Deferrable: orm.Deferred}}}
}
func (badCheckNil) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.CheckConstraint{Name: "c"}}}
}
func (badIndexName) Meta() orm.Meta {
	return orm.Meta{Indexes: []orm.Index{{Fields: []string{"n"}, Condition: orm.Q{"n": 1}}}}
}
func (badOpClasses) Meta() orm.Meta {
	return orm.Meta{Indexes: []orm.Index{{Name: "i", Fields: []string{"n"}, OpClasses: []string{"a", "b"}}}}
}

// Register refuses malformed constraints, indexes and db_default= with a
// message naming the input and the way out.
func TestConstraintRegistrationErrors(t *testing.T) {
	cases := []struct {
		model any
		want  string
	}{
		{&badNoName{}, "every constraint needs a Name"},
		{&badDupName{}, `two constraints are named "c"`},
		{&badField{}, `Fields names "m", which is not a field; choices: id, n`},
		{&badBoth{}, "takes Fields or Expressions, not both"},
		{&badDeferCond{}, "a deferrable UniqueConstraint cannot have a Condition"},
		{&badCheckNil{}, "a CheckConstraint needs Check"},
		{&badIndexName{}, "needs a Name"},
		{&badOpClasses{}, "one operator class per field"},
		{&badDBDefault{}, `unknown database function "today"; valid: now()`},
		{&badDBDefaultOn{}, "db_default=now() applies to datetime fields"},
	}
	for _, c := range cases {
		err := orm.NewRegistry().Register(c.model)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%T: want an error containing %q, got %v", c.model, c.want, err)
		}
	}
	// A condition that is no orm.Condition, or a bare F(), is refused at
	// registration (Django: "must be a Q instance or boolean expression").
	for _, model := range []any{&badRawCheck{}, &badFCheck{}} {
		if err := orm.Register(model); err == nil || !strings.Contains(err.Error(), "must be an orm.Condition") {
			t.Errorf("%T: want an error naming orm.Condition, got %v", model, err)
		}
	}
}

type badRawCheck struct {
	orm.Model
	N int
}

func (badRawCheck) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.CheckConstraint{Name: "raw", Check: "n > 0"}}}
}

type badFCheck struct {
	orm.Model
	N int
}

func (badFCheck) Meta() orm.Meta {
	return orm.Meta{Constraints: []orm.Constraint{orm.CheckConstraint{Name: "f", Check: orm.F("n")}}}
}

// Meta.TableComment and db_comment reach the database where it keeps
// comments (PostgreSQL, MariaDB); SQLite ignores them, as Django does.
func TestCommentsLive(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &Product{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &Product{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.DropTables(ctx, &Product{}) })
		var table, column string
		var err error
		switch db.Dialect().Name() {
		case "postgresql":
			err = db.SQLDB().QueryRowContext(ctx, `SELECT obj_description('product'::regclass, 'pg_class'),
				col_description('product'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'product'::regclass AND attname = 'name'))`).Scan(&table, &column)
		case "mysql", "mariadb":
			err = db.SQLDB().QueryRowContext(ctx, `SELECT t.table_comment, c.column_comment FROM information_schema.tables t
				JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
				WHERE t.table_schema = DATABASE() AND t.table_name = 'product' AND c.column_name = 'name'`).Scan(&table, &column)
		default:
			return // no comments to read
		}
		if err != nil {
			t.Fatal(err)
		}
		if table != "Products on sale" || column != "Shown to customers, trimmed" {
			t.Errorf("comments: want %q and %q, got %q and %q", "Products on sale", "Shown to customers, trimmed", table, column)
		}
	})
}

// BulkCreate leaves a db_default field holding its zero value to the
// database as Create does (Django 5's DatabaseDefault in bulk_create):
// objects that leave different fields go in separate INSERTs, each naming
// only the columns it sets, and read the values back with their keys where
// the backend returns rows.
func TestBulkCreateLeavesDBDefaults(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		if err := db.DropTables(ctx, &Product{}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, &Product{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.DropTables(ctx, &Product{}) })
		given := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		sku := func(s string) *string { return &s }
		batch := []*Product{
			{Name: "Fig", Price: 1, Sku: sku("f")},
			{Name: "Kiwi", Price: 2, Color: "blue", Added: given, Sku: sku("k")},
			{Name: "Lime", Price: 3, Added: given, Sku: sku("l")},
			{Name: "Pear", Price: 4, Sku: sku("p")},
		}
		before := time.Now().Add(-time.Minute)
		ctx2, capture := orm.CaptureQueries(ctx)
		if err := orm.Objects[Product](db).BulkCreate(ctx2, batch); err != nil {
			t.Fatal(err)
		}
		inserts := 0
		for _, q := range capture.Queries() {
			if strings.HasPrefix(q.SQL, "INSERT") {
				inserts++
			}
		}
		if inserts != 3 {
			t.Errorf("%d INSERTs, want 3 (one per set of columns)", inserts)
		}
		rows, err := orm.Objects[Product](db).OrderBy("name").All(ctx)
		if err != nil || len(rows) != 4 {
			t.Fatalf("rows: %v, %v", rows, err)
		}
		for i, want := range []struct {
			color string
			given bool
		}{{"red", false}, {"blue", true}, {"red", true}, {"red", false}} {
			r := rows[i]
			if r.Color != want.color || want.given != r.Added.Equal(given) || !want.given && r.Added.Before(before) {
				t.Errorf("%s: color %q, added %v; want %q (given time %v)", r.Name, r.Color, r.Added, want.color, want.given)
			}
			if !db.Dialect().Features().BulkReturning {
				continue
			}
			// Read back with the keys where the backend returns rows, as
			// Create reads them (Django 5 on PostgreSQL too).
			if o := batch[i]; o.ID != r.ID || o.Color != r.Color || !o.Added.Equal(r.Added) {
				t.Errorf("%s: the object holds id %d, %q, %v; the row %d, %q, %v", o.Name, o.ID, o.Color, o.Added, r.ID, r.Color, r.Added)
			}
		}
	})
}
