package orm_test

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/djorm/orm"
	"github.com/djorm/orm/internal/testkit"
	"github.com/shopspring/decimal"
)

// Kinds has one field of every supported kind, plain and nullable.
type Kinds struct {
	orm.Model
	Str   string          `orm:"max_length=50"`
	Txt   string          `orm:"type=text"`
	UID   string          `orm:"type=uuid"`
	I16   int16           `orm:"column=i_16"`
	I32   int32           `orm:"column=i_32"`
	I     int             `orm:"column=i_int"`
	I64   int64           `orm:"column=i_64"`
	B     bool            `orm:"column=b_val"`
	F     float64         `orm:"column=f_val"`
	Dec   decimal.Decimal `orm:"max_digits=15,decimal_places=6"`
	Big   decimal.Decimal `orm:"max_digits=30,decimal_places=10"`
	Day   time.Time       `orm:"type=date"`
	At    time.Time
	Clock time.Time     `orm:"type=time"`
	Dur   time.Duration `orm:"column=dur"`
	Blob  []byte

	NStr  *string             `orm:"max_length=50,null"`
	NI    *int64              `orm:"null"`
	NB    sql.NullBool        `orm:"null"`
	NF    sql.NullFloat64     `orm:"null"`
	NDec  decimal.NullDecimal `orm:"max_digits=10,decimal_places=2,null"`
	NAt   *time.Time          `orm:"null"`
	NDay  sql.NullTime        `orm:"type=date,null"`
	NDur  *time.Duration      `orm:"null"`
	NS    sql.NullString      `orm:"max_length=50,null"`
	NI32  sql.NullInt32       `orm:"null"`
	NGen  sql.Null[int64]     `orm:"null"`
	NByte *[]byte             `orm:"null"`
}

func init() { orm.MustRegister(&Kinds{}) }

func ptr[T any](v T) *T { return &v }

// fullKinds returns a row with a value in every field, on db's backend:
// SQLite keeps 15 significant digits of a decimal (a 30-digit one is refused
// there before SQL, see TestValidationBeforeSQL).
func fullKinds(db *orm.DB) *Kinds {
	k := fullKindsAnywhere()
	if db.Dialect().Features().MaxDecimalDigits == 15 {
		k.Big = decimal.RequireFromString("12345.0123456789")
	}
	return k
}

func fullKindsAnywhere() *Kinds {
	at := time.Date(2024, 2, 29, 23, 59, 58, 123456000, time.FixedZone("CET", 3600))
	return &Kinds{
		Str: "Zoë 🎉 ß ÉTÉ", Txt: "line one\nline 'two' \"three\" \\ 50% _x_", UID: "0b7f9c3a-4e3d-4f8e-9a63-8f9e2b1c7d10",
		I16: math.MaxInt16, I32: math.MinInt32, I: math.MaxInt64, I64: math.MinInt64, B: true, F: 3.141592653589793,
		Dec: decimal.RequireFromString("123456789.123456"), Big: decimal.RequireFromString("12345678901234567890.0123456789"),
		Day: time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC), At: at,
		Clock: time.Date(0, 1, 1, 15, 4, 5, 123456000, time.UTC), Dur: 26*time.Hour + 3*time.Minute + 4500*time.Millisecond,
		Blob: []byte{0, 1, 2, 0xfe, 0xff, 'a'},
		NStr: ptr("ünïcode"), NI: ptr(int64(math.MaxInt64)), NB: sql.NullBool{Bool: false, Valid: true},
		NF: sql.NullFloat64{Float64: -0.1, Valid: true}, NDec: decimal.NullDecimal{Decimal: decimal.RequireFromString("-0.01"), Valid: true},
		NAt: ptr(time.Date(1970, 1, 1, 0, 0, 0, 1000, time.UTC)), NDay: sql.NullTime{Time: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		NDur: ptr(-90 * time.Minute), NS: sql.NullString{String: "", Valid: true}, NI32: sql.NullInt32{Int32: 7, Valid: true},
		NGen: sql.Null[int64]{V: -5, Valid: true}, NByte: ptr([]byte{}),
	}
}

func zeroKinds() *Kinds {
	return &Kinds{UID: "00000000-0000-0000-0000-000000000000", Day: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1),
		At: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Clock: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), Blob: []byte{}}
}

// checkKinds compares every field of got with want (instants compared in UTC).
func checkKinds(t *testing.T, backend string, want, got *Kinds) {
	t.Helper()
	eq := func(name string, ok bool, w, g any) {
		t.Helper()
		if !ok {
			t.Errorf("%s: %s round trip: want %#v, got %#v", backend, name, w, g)
		}
	}
	eq("Str", want.Str == got.Str, want.Str, got.Str)
	eq("Txt", want.Txt == got.Txt, want.Txt, got.Txt)
	eq("UID", want.UID == got.UID, want.UID, got.UID)
	eq("I16", want.I16 == got.I16, want.I16, got.I16)
	eq("I32", want.I32 == got.I32, want.I32, got.I32)
	eq("I", want.I == got.I, want.I, got.I)
	eq("I64", want.I64 == got.I64, want.I64, got.I64)
	eq("B", want.B == got.B, want.B, got.B)
	eq("F", want.F == got.F, want.F, got.F)
	eq("Dec", want.Dec.Equal(got.Dec), want.Dec.String(), got.Dec.String())
	{
		eq("Big", want.Big.Equal(got.Big), want.Big.String(), got.Big.String())
	}
	eq("Day", want.Day.Equal(got.Day), want.Day, got.Day)
	eq("At", want.At.Equal(got.At) && got.At.Location() == time.UTC, want.At.UTC(), got.At)
	eq("Clock", want.Clock.Equal(got.Clock), want.Clock, got.Clock)
	eq("Dur", want.Dur == got.Dur, want.Dur, got.Dur)
	eq("Blob", string(want.Blob) == string(got.Blob), want.Blob, got.Blob)
	eq("NStr", (want.NStr == nil) == (got.NStr == nil) && (want.NStr == nil || *want.NStr == *got.NStr), want.NStr, got.NStr)
	eq("NI", (want.NI == nil) == (got.NI == nil) && (want.NI == nil || *want.NI == *got.NI), want.NI, got.NI)
	eq("NB", want.NB == got.NB, want.NB, got.NB)
	eq("NF", want.NF == got.NF, want.NF, got.NF)
	eq("NDec", want.NDec.Valid == got.NDec.Valid && want.NDec.Decimal.Equal(got.NDec.Decimal), want.NDec, got.NDec)
	eq("NAt", (want.NAt == nil) == (got.NAt == nil) && (want.NAt == nil || want.NAt.Equal(*got.NAt)), want.NAt, got.NAt)
	eq("NDay", want.NDay.Valid == got.NDay.Valid && want.NDay.Time.Equal(got.NDay.Time), want.NDay, got.NDay)
	eq("NDur", (want.NDur == nil) == (got.NDur == nil) && (want.NDur == nil || *want.NDur == *got.NDur), want.NDur, got.NDur)
	eq("NS", want.NS == got.NS, want.NS, got.NS)
	eq("NI32", want.NI32 == got.NI32, want.NI32, got.NI32)
	eq("NGen", want.NGen == got.NGen, want.NGen, got.NGen)
	eq("NByte", (want.NByte == nil) == (got.NByte == nil) && (want.NByte == nil || string(*want.NByte) == string(*got.NByte)), want.NByte, got.NByte)
}

func TestFieldKindsRoundTrip(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Kinds{})
		backend := testkitName(t)
		for name, want := range map[string]*Kinds{"full": fullKinds(db), "zero_and_null": zeroKinds()} {
			t.Run(name, func(t *testing.T) {
				if err := db.Create(ctx, want); err != nil {
					t.Fatal(err)
				}
				got, err := orm.Objects[Kinds](db).Get(ctx, orm.Q{"pk": want.ID})
				if err != nil {
					t.Fatal(err)
				}
				checkKinds(t, backend, want, got)
				// Filtering on each value finds the row again (binding matches storage).
				n, err := orm.Objects[Kinds](db).Filter(orm.Q{"str": want.Str, "day": want.Day, "at": want.At,
					"clock": want.Clock, "dur": want.Dur, "dec": want.Dec, "b": want.B, "i64": want.I64, "uid": want.UID}).Count(ctx)
				if err != nil || n != 1 {
					t.Errorf("filter on the stored values: n=%d err=%v", n, err)
				}
				refreshed := &Kinds{}
				refreshed.ID = want.ID
				if err := db.Refresh(ctx, refreshed); err != nil {
					t.Fatal(err)
				}
				checkKinds(t, backend, want, refreshed)
			})
		}
	})
}

// BulkCreate formats every row's decimals and times into one buffer per
// statement; each row must still come back as it went in.
func TestFieldKindsRoundTripInBulk(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx := context.Background()
		freshTables(t, db, &Kinds{})
		backend := testkitName(t)
		var objs, want []*Kinds
		for i := range 300 {
			k := fullKinds(db)
			if i%3 == 1 {
				k = zeroKinds()
			}
			k.Dec = k.Dec.Add(decimal.New(int64(i*7919), -6))
			k.At = k.At.Add(time.Duration(i) * 1001 * time.Microsecond)
			k.Day = k.Day.AddDate(0, 0, i)
			k.Clock = k.Clock.Add(time.Duration(i) * time.Second)
			objs = append(objs, k)
			c := *k
			want = append(want, &c)
		}
		if err := orm.Objects[Kinds](db).BulkCreate(ctx, objs, orm.BatchSize(128)); err != nil {
			t.Fatal(err)
		}
		got, err := orm.Objects[Kinds](db).OrderBy("id").All(ctx)
		if err != nil || len(got) != len(want) {
			t.Fatalf("read back %d rows, %v", len(got), err)
		}
		for i := range got {
			checkKinds(t, backend, want[i], got[i])
			if t.Failed() {
				t.Fatalf("row %d differs", i)
			}
		}
	})
}

func testkitName(t *testing.T) string {
	for _, b := range []string{"sqlite", "postgres", "pgx", "mysql", "oracle"} {
		if strings.HasSuffix(t.Name(), b) {
			if b == "pgx" {
				return "postgres"
			}
			return b
		}
	}
	return ""
}

func TestValidationBeforeSQL(t *testing.T) {
	testkit.Run(t, func(t *testing.T, db *orm.DB) {
		ctx, captured := orm.CaptureQueries(context.Background())
		cases := []struct {
			name string
			obj  *Kinds
			code string
		}{
			{"too_long", func() *Kinds {
				k := fullKinds(db)
				k.Str = "123456789012345678901234567890123456789012345678901"
				return k
			}(), "max_length"},
			{"too_many_digits", func() *Kinds { k := fullKinds(db); k.Dec = decimal.RequireFromString("1234567890.123456"); return k }(), "max_digits"},
			{"too_many_places", func() *Kinds { k := fullKinds(db); k.Dec = decimal.RequireFromString("1.1234567"); return k }(), "max_decimal_places"},
			{"nul_byte", func() *Kinds { k := fullKinds(db); k.Txt = "a\x00b"; return k }(), "null_characters_not_allowed"},
			{"bad_utf8", func() *Kinds { k := fullKinds(db); k.Str = "a\xffb"; return k }(), "invalid_utf8"},
			{"zero_time", func() *Kinds { k := fullKinds(db); k.At = time.Time{}; return k }(), "null"},
			{"bad_uuid", func() *Kinds { k := fullKinds(db); k.UID = "not-a-uuid"; return k }(), "invalid"},
			{"digits_the_backend_loses", func() *Kinds {
				k := fullKinds(db)
				k.Big = decimal.RequireFromString("12345678901234567890.0123456789")
				if db.Dialect().Features().MaxDecimalDigits == 0 {
					k.Big = decimal.RequireFromString("123456789012345678901.1234567891") // 31 digits of 30
				}
				return k
			}(), "max_digits"},
		}
		for _, c := range cases {
			err := db.Create(ctx, c.obj)
			var ve *orm.ValidationError
			if !errors.As(err, &ve) || ve.Code != c.code {
				t.Errorf("%s: want ValidationError %s, got %v", c.name, c.code, err)
			}
		}
		if n := captured.Count(); n != 0 {
			t.Errorf("validation must fail before any SQL; %d statements ran: %v", n, captured.Queries())
		}
	})
}
