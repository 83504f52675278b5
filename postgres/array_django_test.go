package postgres_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/djorm/orm/postgres"
)

// Ports of Django's tests/postgres_tests/test_array.py (TestSaveLoad,
// TestQuerying), case by case, named after them. The models mirror
// Django's postgres_tests models: each array field is declared with its
// array type (type=integer[], ...) and CreateTables creates it; the
// lookups are Django's (field__contains, field__len, field__0, ...).

type (
	IntegerArrayModel struct {
		orm.Model
		Field postgres.Array[int32] `orm:"type=integer[]"`
	}
	NullableIntegerArrayModel struct {
		orm.Model
		Field postgres.Array[*int32] `orm:"type=integer[],null"`
	}
	CharArrayModel struct {
		orm.Model
		Field postgres.Array[string] `orm:"type=varchar(10)[]"`
	}
	DateTimeArrayModel struct {
		orm.Model
		Datetimes postgres.Array[time.Time] `orm:"type=timestamptz[]"`
		Dates     postgres.Array[time.Time] `orm:"type=date[]"`
		Times     postgres.Array[time.Time] `orm:"type=time[]"`
	}
	NestedIntegerArrayModel struct {
		orm.Model
		Field postgres.Array2[int32] `orm:"type=integer[][]"`
	}
	OtherTypesArrayModel struct {
		orm.Model
		Ips      postgres.Array[string]          `orm:"type=inet[]"`
		Uuids    postgres.Array[string]          `orm:"type=uuid[]"`
		Decimals postgres.Array[decimal.Decimal] `orm:"type=numeric(5,2)[]"`
	}
)

func init() {
	orm.MustRegister(&IntegerArrayModel{}, &NullableIntegerArrayModel{}, &CharArrayModel{},
		&DateTimeArrayModel{}, &NestedIntegerArrayModel{}, &OtherTypesArrayModel{})
}

// arrayColumns are the array types of the models' columns as PostgreSQL
// reports them (format_type), after CreateTables: the types Django's
// ArrayField(base_field) declares. PostgreSQL records no dimensions, so
// integer[][] reads back as integer[].
var arrayColumns = []struct{ table, column, typ string }{
	{"integer_array_model", "field", "integer[]"},
	{"nullable_integer_array_model", "field", "integer[]"},
	{"char_array_model", "field", "character varying(10)[]"},
	{"date_time_array_model", "datetimes", "timestamp with time zone[]"},
	{"date_time_array_model", "dates", "date[]"},
	{"date_time_array_model", "times", "time without time zone[]"},
	{"nested_integer_array_model", "field", "integer[]"},
	{"other_types_array_model", "ips", "inet[]"},
	{"other_types_array_model", "uuids", "uuid[]"},
	{"other_types_array_model", "decimals", "numeric(5,2)[]"},
}

var arrayModels = []any{&IntegerArrayModel{}, &NullableIntegerArrayModel{}, &CharArrayModel{},
	&DateTimeArrayModel{}, &NestedIntegerArrayModel{}, &OtherTypesArrayModel{}}

// arrayCase runs a ported test on PostgreSQL (both drivers) with fresh
// array tables. Other backends are checked by TestArrayOffPostgres.
func arrayCase(t *testing.T, body func(t *testing.T, ctx context.Context, db *orm.DB)) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if db.Dialect().Name() != "postgresql" {
			return // TestArrayOffPostgres covers the refusals
		}
		ctx := context.Background()
		if err := db.DropTables(ctx, arrayModels...); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateTables(ctx, arrayModels...); err != nil {
			t.Fatal(err)
		}
		body(t, ctx, db)
	})
}

func i32(v int32) *int32 { return &v }

func TestArraySaveLoad_test_integer(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &IntegerArrayModel{Field: postgres.Array[int32]{1, 2, 3}}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[IntegerArrayModel](db).Get(ctx)
		if err != nil || !reflect.DeepEqual(loaded.Field, instance.Field) {
			t.Errorf("loaded %#v, %v; want %#v", loaded, err, instance.Field)
		}
	})
}

func TestArraySaveLoad_test_char(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		// Django's ['hello', 'goodbye'], and strings the text format must
		// quote or escape.
		for _, field := range []postgres.Array[string]{
			{"hello", "goodbye"},
			{`a"b`, `c\d`, "", "NULL", "x,y", "{z}", " pad ", "é☃"},
			{},
		} {
			if _, err := orm.Objects[CharArrayModel](db).Delete(ctx); err != nil {
				t.Fatal(err)
			}
			instance := &CharArrayModel{Field: field}
			if err := db.Create(ctx, instance); err != nil {
				t.Fatal(err)
			}
			loaded, err := orm.Objects[CharArrayModel](db).Get(ctx)
			if err != nil || !reflect.DeepEqual(loaded.Field, field) {
				t.Errorf("loaded %#v, %v; want %#v", loaded, err, field)
			}
		}
	})
}

func TestArraySaveLoad_test_dates(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		now := time.Date(2021, 3, 4, 5, 6, 7, 891011000, time.FixedZone("", 2*3600))
		instance := &DateTimeArrayModel{
			Datetimes: postgres.Array[time.Time]{now},
			Dates:     postgres.Array[time.Time]{time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)},
			Times:     postgres.Array[time.Time]{time.Date(0, 1, 1, 5, 6, 7, 891011000, time.UTC)},
		}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[DateTimeArrayModel](db).Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, pair := range [][2]postgres.Array[time.Time]{
			{loaded.Datetimes, instance.Datetimes}, {loaded.Dates, instance.Dates}, {loaded.Times, instance.Times},
		} {
			if len(pair[0]) != 1 || !pair[0][0].Equal(pair[1][0]) {
				t.Errorf("column %d: loaded %v, want %v", i, pair[0], pair[1])
			}
		}
	})
}

func TestArraySaveLoad_test_default_null(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &NullableIntegerArrayModel{}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[NullableIntegerArrayModel](db).Get(ctx, orm.Q{"pk": instance.ID})
		if err != nil || loaded.Field != nil {
			t.Errorf("loaded %#v, %v; want a nil (NULL) field", loaded, err)
		}
	})
}

func TestArraySaveLoad_test_null_handling(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		if err := db.Create(ctx, &NullableIntegerArrayModel{Field: nil}); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[NullableIntegerArrayModel](db).Get(ctx)
		if err != nil || loaded.Field != nil {
			t.Errorf("loaded %#v, %v; want a nil (NULL) field", loaded, err)
		}
		// Django raises IntegrityError; djorm refuses NULL in a NOT NULL
		// field before any SQL (a ValidationError, code null).
		err = db.Create(ctx, &IntegerArrayModel{Field: nil})
		var ve *orm.ValidationError
		var ie *orm.IntegrityError
		if !errors.As(err, &ve) && !errors.As(err, &ie) {
			t.Errorf("NULL in a NOT NULL array: %v, want a ValidationError or an IntegrityError", err)
		}
	})
}

func TestArraySaveLoad_test_null_elements(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		field := postgres.Array[*int32]{i32(1), nil, i32(3)}
		if err := db.Create(ctx, &NullableIntegerArrayModel{Field: field}); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[NullableIntegerArrayModel](db).Get(ctx)
		if err != nil || !reflect.DeepEqual(loaded.Field, field) {
			t.Errorf("loaded %#v, %v; want %#v", loaded, err, field)
		}
	})
}

func TestArraySaveLoad_test_nested(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &NestedIntegerArrayModel{Field: postgres.Array2[int32]{{1, 2}, {3, 4}}}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[NestedIntegerArrayModel](db).Get(ctx)
		if err != nil || !reflect.DeepEqual(loaded.Field, instance.Field) {
			t.Errorf("loaded %#v, %v; want %#v", loaded, err, instance.Field)
		}
	})
}

func TestArraySaveLoad_test_other_array_types(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &OtherTypesArrayModel{
			Ips:      postgres.Array[string]{"192.168.0.1", "::1"},
			Uuids:    postgres.Array[string]{"8a0e6a67-5b0c-4d4e-9f3b-2c1d7e6f5a40"},
			Decimals: postgres.Array[decimal.Decimal]{decimal.RequireFromString("1.25"), decimal.RequireFromString("1.75")},
		}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		loaded, err := orm.Objects[OtherTypesArrayModel](db).Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(loaded.Ips, instance.Ips) || !reflect.DeepEqual(loaded.Uuids, instance.Uuids) {
			t.Errorf("loaded %v %v, want %v %v", loaded.Ips, loaded.Uuids, instance.Ips, instance.Uuids)
		}
		if len(loaded.Decimals) != 2 || !loaded.Decimals[0].Equal(instance.Decimals[0]) || !loaded.Decimals[1].Equal(instance.Decimals[1]) {
			t.Errorf("decimals %v, want %v", loaded.Decimals, instance.Decimals)
		}
	})
}

// querying is Django's TestQuerying: five rows, their ids in objs.
func querying(t *testing.T, body func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64)) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		var objs []int64
		for _, f := range []postgres.Array[*int32]{{i32(1)}, {i32(2)}, {i32(2), i32(3)}, {i32(20), i32(30), i32(40)}, nil} {
			o := &NullableIntegerArrayModel{Field: f}
			if err := db.Create(ctx, o); err != nil {
				t.Fatal(err)
			}
			objs = append(objs, o.ID)
		}
		body(t, ctx, db, objs)
	})
}

// nullable is NullableIntegerArrayModel.objects.
func nullable(db *orm.DB) *orm.QuerySet[*NullableIntegerArrayModel] {
	return orm.Objects[NullableIntegerArrayModel](db)
}

// wantIDs checks that qs, ordered by id unless it is ordered, gives want.
func wantIDs[T any](t *testing.T, ctx context.Context, qs *orm.QuerySet[*T], ordered bool, want []int64) {
	t.Helper()
	if !ordered {
		qs = qs.OrderBy("id")
	}
	got, err := qs.ValuesList("id").Flat().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(got))
	for i, g := range got {
		ids[i] = g.(int64)
	}
	if len(want) == 0 {
		want = []int64{}
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("got ids %v, want %v", ids, want)
	}
}

// ints is an Array of vs; never nil, so ints() is the empty array, not NULL.
func ints(vs ...int32) postgres.Array[int32] { return append(postgres.Array[int32]{}, vs...) }

func TestArrayQuerying_test_exact(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__exact": ints(1)}), false, objs[:1])
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field": ints()}), false, nil)
	})
}

func TestArrayQuerying_test_exact_charfield(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &CharArrayModel{Field: postgres.Array[string]{"text"}}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, ctx, orm.Objects[CharArrayModel](db).Filter(orm.Q{"field": postgres.Array[string]{"text"}}), false, []int64{instance.ID})
	})
}

func TestArrayQuerying_test_exact_nested(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &NestedIntegerArrayModel{Field: postgres.Array2[int32]{{1, 2}, {3, 4}}}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, ctx, orm.Objects[NestedIntegerArrayModel](db).Filter(orm.Q{"field": postgres.Array2[int32]{{1, 2}, {3, 4}}}),
			false, []int64{instance.ID})
	})
}

func TestArrayQuerying_test_isnull(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__isnull": true}), false, objs[4:])
	})
}

func TestArrayQuerying_test_gt(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__gt": ints(0)}), false, objs[:4])
	})
}

func TestArrayQuerying_test_lt(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__lt": ints(2)}), false, objs[:1])
	})
}

func TestArrayQuerying_test_in(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__in": []any{ints(1), ints(2)}}), false, objs[:2])
	})
}

func TestArrayQuerying_test_contained_by(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__contained_by": ints(1, 2)}), false, objs[:2])
	})
}

func TestArrayQuerying_test_contains(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__contains": ints(2)}), false, objs[1:3])
		// Negated, the NULL row is in, as in Django: exclude negates
		// (field @> x AND field IS NOT NULL). A negated expression is
		// plain SQL NOT, which keeps NULL out.
		wantIDs(t, ctx, nullable(db).Exclude(orm.Q{"field__contains": ints(2)}), false, []int64{objs[0], objs[3], objs[4]})
		wantIDs(t, ctx, nullable(db).Exclude(postgres.ArrayContains("field", ints(2))), false, []int64{objs[0], objs[3]})
		// The expression form says the same.
		wantIDs(t, ctx, nullable(db).Filter(postgres.ArrayContains("field", ints(2))), false, objs[1:3])
	})
}

func TestArrayQuerying_test_contains_charfield(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		wantIDs(t, ctx, orm.Objects[CharArrayModel](db).Filter(orm.Q{"field__contains": postgres.Array[string]{"text"}}), false, nil)
	})
}

func TestArrayQuerying_test_contained_by_charfield(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		wantIDs(t, ctx, orm.Objects[CharArrayModel](db).Filter(orm.Q{"field__contained_by": postgres.Array[string]{"text"}}), false, nil)
	})
}

func TestArrayQuerying_test_overlap_charfield(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &CharArrayModel{Field: postgres.Array[string]{"a", `b"c`}}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, ctx, orm.Objects[CharArrayModel](db).Filter(orm.Q{"field__overlap": postgres.Array[string]{"text"}}), false, nil)
		wantIDs(t, ctx, orm.Objects[CharArrayModel](db).Filter(orm.Q{"field__overlap": postgres.Array[string]{"x", `b"c`}}), false, []int64{instance.ID})
	})
}

func TestArrayQuerying_test_index(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__0": 2}), false, objs[1:3])
		qs := nullable(db).Alias(orm.As("field_0", postgres.ArrayIndex[int32]("field", 0))).Filter(orm.Q{"field_0": 2})
		wantIDs(t, ctx, qs, false, objs[1:3])
	})
}

func TestArrayQuerying_test_index_chained(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__0__lt": 3}), false, objs[0:3])
	})
}

func TestArrayQuerying_test_index_nested(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		instance := &NestedIntegerArrayModel{Field: postgres.Array2[int32]{{1, 2}, {3, 4}}}
		if err := db.Create(ctx, instance); err != nil {
			t.Fatal(err)
		}
		rows, err := orm.Objects[NestedIntegerArrayModel](db).Filter(orm.Q{"field__0__0": 1}).
			Values("id", "field__0__0", "field__1__1").All(ctx)
		want := []orm.Row{{"id": instance.ID, "field__0__0": int64(1), "field__1__1": int64(4)}}
		if err != nil || !reflect.DeepEqual(rows, want) {
			t.Errorf("got %v, %v; want %v", rows, err, want)
		}
		rows, err = orm.Objects[NestedIntegerArrayModel](db).
			Annotate(orm.As("f00", postgres.ArrayIndex[int32]("field", 0, 0)), orm.As("f11", postgres.ArrayIndex[int32]("field", 1, 1))).
			Filter(orm.Q{"f00": 1}).Values("id", "f00", "f11").All(ctx)
		want = []orm.Row{{"id": instance.ID, "f00": int64(1), "f11": int64(4)}}
		if err != nil || !reflect.DeepEqual(rows, want) {
			t.Errorf("got %v, %v; want %v", rows, err, want)
		}
	})
}

func TestArrayQuerying_test_index_past_the_end(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__2__isnull": false}), false, objs[3:4])
	})
}

func TestArrayQuerying_test_overlap(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__overlap": ints(1, 2)}), false, objs[0:3])
	})
}

func TestArrayQuerying_test_len(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__len__lte": 2}), false, objs[0:3])
		wantIDs(t, ctx, nullable(db).Alias(orm.As("field_len", postgres.ArrayLen("field"))).Filter(orm.Q{"field_len__lte": 2}), false, objs[0:3])
	})
}

func TestArrayQuerying_test_len_empty_array(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		obj := &NullableIntegerArrayModel{Field: postgres.Array[*int32]{}}
		if err := db.Create(ctx, obj); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__len": 0}), false, []int64{obj.ID})
		// NULL has no length: neither 0 nor anything else.
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__len__isnull": true}), false, objs[4:])
	})
}

func TestArrayQuerying_test_slice(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__0_1": ints(2)}), false, objs[1:3])
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__0_2": ints(2, 3)}), false, objs[2:3])
		wantIDs(t, ctx, nullable(db).Filter(postgres.ArrayExact(postgres.ArraySlice("field", 0, 2), ints(2, 3))), false, objs[2:3])
		// A slice reads back as the array's text, which Array.Scan takes.
		v, err := nullable(db).Filter(orm.Q{"pk": objs[3]}).ValuesList("field__1_3").Flat().Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var s postgres.Array[int32]
		if err := s.Scan(v); err != nil || !reflect.DeepEqual(s, ints(30, 40)) {
			t.Errorf("slice 1:3 of [20 30 40]: %#v (%v), want [30 40]", v, err)
		}
	})
}

func TestArrayQuerying_test_order_by_slice(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		var more []int64
		for _, f := range []postgres.Array[*int32]{{i32(1), i32(637)}, {i32(2), i32(1)}, {i32(3), i32(-98123)}, {i32(4), i32(2)}} {
			o := &NullableIntegerArrayModel{Field: f}
			if err := db.Create(ctx, o); err != nil {
				t.Fatal(err)
			}
			more = append(more, o.ID)
		}
		// Django orders by field__1 alone; the rows where it is NULL tie,
		// and -id orders them as Django's expected list does.
		qs := nullable(db).OrderBy("field__1", "-id")
		wantIDs(t, ctx, qs, true, []int64{more[2], more[1], more[3], objs[2], objs[3], more[0], objs[4], objs[1], objs[0]})
	})
}

func TestArrayQuerying_test_order_by(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		// Arrays order element by element; NULL last ascending, as on
		// PostgreSQL.
		wantIDs(t, ctx, nullable(db).OrderBy("field"), true, objs)
		wantIDs(t, ctx, nullable(db).OrderBy("-field"), true, []int64{objs[4], objs[3], objs[2], objs[1], objs[0]})
	})
}

func TestArrayQuerying_test_contains_field(t *testing.T) {
	querying(t, func(t *testing.T, ctx context.Context, db *orm.DB, objs []int64) {
		// An array compared with an array expression: field @> field[1:1].
		wantIDs(t, ctx, nullable(db).Filter(orm.Q{"field__contains": orm.F("field__0_1")}), false, objs[:4])
		wantIDs(t, ctx, nullable(db).Filter(postgres.ArrayContains("field", postgres.ArraySlice("field", 0, 1))), false, objs[:4])
	})
}

// TestArrayOffPostgres: every array lookup, transform and expression is
// refused off PostgreSQL with a NotSupportedError, before any SQL (the
// tables are not created: other backends have no array columns).
func TestArrayOffPostgres(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if db.Dialect().Name() == "postgresql" {
			return // the ports above
		}
		ctx := context.Background()
		for name, qs := range map[string]*orm.QuerySet[*NullableIntegerArrayModel]{
			"contains":          nullable(db).Filter(orm.Q{"field__contains": ints(1)}),
			"contained_by":      nullable(db).Filter(orm.Q{"field__contained_by": ints(1)}),
			"overlap":           nullable(db).Filter(orm.Q{"field__overlap": ints(1)}),
			"exclude contains":  nullable(db).Exclude(orm.Q{"field__contains": ints(1)}),
			"len":               nullable(db).Filter(orm.Q{"field__len": 1}),
			"index":             nullable(db).Filter(orm.Q{"field__0": 1}),
			"slice":             nullable(db).Filter(orm.Q{"field__0_1": ints(1)}),
			"order by index":    nullable(db).OrderBy("field__0"),
			"contains expr":     nullable(db).Filter(postgres.ArrayContains("field", ints(1))),
			"contained_by expr": nullable(db).Filter(postgres.ArrayContainedBy("field", ints(1))),
			"overlap expr":      nullable(db).Filter(postgres.ArrayOverlap("field", ints(1))),
			"exact slice expr":  nullable(db).Filter(postgres.ArrayExact(postgres.ArraySlice("field", 0, 1), ints(1))),
			"len expr":          nullable(db).Annotate(orm.As("x", postgres.ArrayLen("field"))),
			"index expr":        nullable(db).Annotate(orm.As("x", postgres.ArrayIndex[int32]("field", 0))),
			"slice expr":        nullable(db).Annotate(orm.As("x", postgres.ArraySlice("field", 0, 1))),
		} {
			_, err := qs.All(ctx)
			var ns *orm.NotSupportedError
			if !errors.As(err, &ns) {
				t.Errorf("%s: %v, want a NotSupportedError", name, err)
			}
		}
		var ns *orm.NotSupportedError
		if _, err := db.CreateTablesSQL(&NullableIntegerArrayModel{}); !errors.As(err, &ns) {
			t.Errorf("CreateTables of an array field off PostgreSQL: %v, want a NotSupportedError", err)
		}
		_, err := nullable(db).Values("field__0").All(ctx)
		if !errors.As(err, &ns) {
			t.Errorf("values index: %v, want a NotSupportedError", err)
		}
	})
}

// TestArrayTextLookupsRefused: the text lookups would compare an array's
// text form; on an array field they are refused before any SQL, naming
// the lookups arrays have.
func TestArrayTextLookupsRefused(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		for _, lookup := range []string{"icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact", "regex", "iregex", "has_key"} {
			_, _, err := nullable(db).Filter(orm.Q{"field__" + lookup: "1"}).SQL()
			if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), "does not apply to array fields") ||
				!strings.Contains(err.Error(), "contained_by, overlap") {
				t.Errorf("field__%s: %v, want ErrInvalidQuery naming the array lookups", lookup, err)
			}
		}
		// A plain Go slice is no array value: an Array says how to write it.
		_, _, err := nullable(db).Filter(orm.Q{"field": []int32{1}}).SQL()
		if !errors.Is(err, orm.ErrInvalidQuery) || !strings.Contains(err.Error(), "postgres.Array") {
			t.Errorf("a []int32 value: %v, want ErrInvalidQuery naming postgres.Array", err)
		}
		// overlap is an array lookup; len__x is no lookup on the length.
		if _, _, err := orm.Objects[IntegerArrayModel](db).Filter(orm.Q{"id__overlap": 1}).SQL(); !errors.Is(err, orm.ErrInvalidQuery) {
			t.Errorf("id__overlap: %v, want ErrInvalidQuery", err)
		}
		var fe *orm.FieldError
		if _, _, err := nullable(db).Filter(orm.Q{"field__nope": 1}).SQL(); !errors.As(err, &fe) || !strings.Contains(err.Error(), "overlap") {
			t.Errorf("field__nope: %v, want a FieldError listing the array lookups", err)
		}
	})
}

// TestArrayDDL: CreateTables declares each field's array type, as
// Django's ArrayField(base_field) does; PostgreSQL reports it back.
func TestArrayDDL(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		stmts, err := db.CreateTablesSQL(arrayModels...)
		if err != nil {
			t.Fatal(err)
		}
		ddl := strings.Join(stmts, "\n")
		for _, want := range []string{`"field" integer[] NOT NULL`, `"field" varchar(10)[] NOT NULL`,
			`"datetimes" timestamp with time zone[] NOT NULL`, `"dates" date[] NOT NULL`, `"times" time[] NOT NULL`,
			`"field" integer[][] NOT NULL`, `"ips" inet[] NOT NULL`, `"uuids" uuid[] NOT NULL`, `"decimals" numeric(5, 2)[] NOT NULL`} {
			if !strings.Contains(ddl, want) {
				t.Errorf("DDL lacks %s:\n%s", want, ddl)
			}
		}
		for _, c := range arrayColumns {
			var typ string
			err := db.SQLDB().QueryRowContext(ctx, "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "+
				"JOIN pg_class t ON t.oid = a.attrelid WHERE t.relname = $1 AND a.attname = $2 AND t.relnamespace = current_schema()::regnamespace",
				c.table, c.column).Scan(&typ)
			if err != nil || typ != c.typ {
				t.Errorf("%s.%s: %q, %v; want type %s", c.table, c.column, typ, err, c.typ)
			}
		}
	})
}

// TestArrayBadArguments: negative indexes and reversed slices are
// ErrInvalidQuery, on every backend.
func TestArrayBadArguments(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		for name, e := range map[string]*orm.Expr{
			"negative index":        postgres.ArrayIndex[int32]("field", -1),
			"negative nested index": postgres.ArrayIndex[int32]("field", 0, -2),
			"negative slice":        postgres.ArraySlice("field", -1, 2),
			"reversed slice":        postgres.ArraySlice("field", 2, 1),
		} {
			if _, _, err := nullable(db).Annotate(orm.As("x", e)).SQL(); !errors.Is(err, orm.ErrInvalidQuery) {
				t.Errorf("%s: %v, want ErrInvalidQuery", name, err)
			}
		}
	})
}

// TestArraySQL pins the SQL of each expression on PostgreSQL: Django's
// operators, 1-based subscripts, and the value as an untyped parameter.
func TestArraySQL(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		if db.Dialect().Name() != "postgresql" {
			return
		}
		cases := []struct {
			qs   interface{ SQL() (string, []any, error) }
			want string
		}{
			{nullable(db).Filter(postgres.ArrayContains("field", ints(1, 2))), `("nullable_integer_array_model"."field" @> $1)`},
			{nullable(db).Filter(postgres.ArrayContainedBy("field", ints(1))), `("nullable_integer_array_model"."field" <@ $1)`},
			{nullable(db).Filter(postgres.ArrayOverlap("field", ints(1))), `("nullable_integer_array_model"."field" && $1)`},
			{nullable(db).Filter(postgres.ArrayExact(postgres.ArraySlice("field", 0, 2), ints(1))), `("nullable_integer_array_model"."field"[1:2] = $1)`},
			{nullable(db).Alias(orm.As("n", postgres.ArrayLen("field"))).Filter(orm.Q{"n": 0}),
				`CASE WHEN "nullable_integer_array_model"."field" IS NULL THEN NULL ELSE COALESCE(ARRAY_LENGTH("nullable_integer_array_model"."field", 1), 0) END`},
			{nullable(db).Alias(orm.As("i", postgres.ArrayIndex[int32]("field", 0, 3))).Filter(orm.Q{"i": 0}), `"nullable_integer_array_model"."field"[1][4]`},
			// The lookups and transforms, as Django writes them.
			{nullable(db).Filter(orm.Q{"field__contains": ints(1, 2)}), `WHERE "nullable_integer_array_model"."field" @> $1`},
			{nullable(db).Filter(orm.Q{"field__contained_by": ints(1)}), `WHERE "nullable_integer_array_model"."field" <@ $1`},
			{nullable(db).Filter(orm.Q{"field__overlap": ints(1)}), `WHERE "nullable_integer_array_model"."field" && $1`},
			{nullable(db).Filter(orm.Q{"field__len__gt": 1}),
				`WHERE CASE WHEN "nullable_integer_array_model"."field" IS NULL THEN NULL ELSE COALESCE(ARRAY_LENGTH("nullable_integer_array_model"."field", 1), 0) END > $1::integer`},
			{nullable(db).Filter(orm.Q{"field__0": 1}), `WHERE ("nullable_integer_array_model"."field")[1] = $1::integer`},
			{nullable(db).Filter(orm.Q{"field__1_3": ints(1)}), `WHERE ("nullable_integer_array_model"."field")[2:3] = $1`},
			{orm.Objects[NestedIntegerArrayModel](db).Filter(orm.Q{"field__0__1": 1}), `WHERE ("nested_integer_array_model"."field")[1][2] = $1::integer`},
		}
		for _, c := range cases {
			sql, args, err := c.qs.SQL()
			if err != nil || !strings.Contains(sql, c.want) {
				t.Errorf("SQL %s (%v), want it to contain %s", sql, err, c.want)
			}
			if len(args) != 1 {
				t.Errorf("SQL %s: args %v, want one", sql, args)
			}
		}
	})
}

// TestArrayWrites: arrays travel as untyped parameters in inserts and
// updates, so PostgreSQL reads them as the column's array type, and
// Values reads an array column as its text.
func TestArrayWrites(t *testing.T) {
	arrayCase(t, func(t *testing.T, ctx context.Context, db *orm.DB) {
		a, b := &IntegerArrayModel{Field: ints(1)}, &IntegerArrayModel{Field: ints(2)}
		if err := orm.Objects[IntegerArrayModel](db).BulkCreate(ctx, []*IntegerArrayModel{a, b}); err != nil {
			t.Fatal(err)
		}
		if n, err := orm.Objects[IntegerArrayModel](db).Filter(orm.Q{"field__contains": ints(1)}).
			Update(ctx, orm.Set{"field": ints(1, 5)}); err != nil || n != 1 {
			t.Fatalf("Update: %d, %v", n, err)
		}
		a.Field, b.Field = ints(7, 8, 9), ints()
		for _, o := range []*IntegerArrayModel{a, b} {
			if err := db.Save(ctx, o); err != nil {
				t.Fatalf("Save: %v", err)
			}
		}
		got, err := orm.Objects[IntegerArrayModel](db).OrderBy("id").ValuesList("field").Flat().All(ctx)
		if want := []any{"{7,8,9}", "{}"}; err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("values %#v, %v; want %#v", got, err, want)
		}
		wantIDs(t, ctx, orm.Objects[IntegerArrayModel](db).Filter(orm.Q{"field__len": 3, "field__2": 9}), false, []int64{a.ID})
		// BulkUpdate's CASE is cast to the column's array type, as Django's.
		a.Field, b.Field = ints(4), ints(5, 6)
		if n, err := orm.Objects[IntegerArrayModel](db).BulkUpdate(ctx, []*IntegerArrayModel{a, b}, []string{"field"}); err != nil || n != 2 {
			t.Fatalf("BulkUpdate: %d, %v", n, err)
		}
		got, err = orm.Objects[IntegerArrayModel](db).OrderBy("id").ValuesList("field").Flat().All(ctx)
		if want := []any{"{4}", "{5,6}"}; err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("after BulkUpdate: values %#v, %v; want %#v", got, err, want)
		}
	})
}
